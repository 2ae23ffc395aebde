import { useState } from "react";
import { apiSend } from "../../api/client";
import { useApi } from "../../api/use-api";
import { EmptyState, ErrorState, PanelSkeleton } from "../../components/ui/states";
import { FormMessages } from "../account/FormMessages";
import { useFormAction } from "../account/use-form-action";
import { useOrg } from "../layout/org-context";
import { TeamPanel, type TeamSummary } from "../teams/TeamPanel";
import { canManageMembers } from "./permissions";

/**
 * Settings → Teams: the organization's teams (Sentry's `/organizations/{org}/teams/`), each with
 * its members and projects; owners and admins create teams and change who and what is in them.
 */
export function TeamsSettingsPage() {
  const { org } = useOrg();
  const teams = useApi<TeamSummary[]>(`/organizations/${encodeURIComponent(org.slug)}/teams/`);
  const canManage = canManageMembers(org);
  const form = useFormAction();
  const [name, setName] = useState("");

  function create() {
    void form.run(async () => {
      const team = await apiSend<TeamSummary>("POST", `/organizations/${encodeURIComponent(org.slug)}/teams/`, {
        name,
      });
      setName("");
      teams.reload();
      return `Team #${team.slug} created.`;
    });
  }

  return (
    <section>
      <div className="page-head">
        <h1>Teams</h1>
      </div>
      {canManage ? (
        <form
          className="panel form-row"
          onSubmit={(event) => {
            event.preventDefault();
            create();
          }}
        >
          <label>
            New team{" "}
            <input
              value={name}
              onChange={(event) => setName(event.target.value)}
              placeholder="Mobile"
              maxLength={200}
            />
          </label>
          <button type="submit" className="btn btn-primary" disabled={form.busy || !name.trim()}>
            Create team
          </button>
          <FormMessages error={form.error} notice={form.notice} />
        </form>
      ) : null}
      {teams.error ? (
        <ErrorState error={teams.error} onRetry={teams.reload} />
      ) : !teams.data ? (
        <PanelSkeleton />
      ) : teams.data.length === 0 ? (
        <EmptyState title="No teams yet" />
      ) : (
        teams.data.map((team) => (
          <TeamPanel key={team.id} orgSlug={org.slug} team={team} canManage={canManage} onChanged={teams.reload} />
        ))
      )}
    </section>
  );
}
