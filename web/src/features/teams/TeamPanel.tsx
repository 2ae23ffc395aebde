import { useState } from "react";
import { apiSend } from "../../api/client";
import { useApi } from "../../api/use-api";
import { ErrorState, PanelSkeleton } from "../../components/ui/states";
import { FormMessages } from "../account/FormMessages";
import { useFormAction } from "../account/use-form-action";

export interface TeamSummary {
  id: string;
  slug: string;
  name: string;
  memberCount?: number;
  projects?: { id: string; slug: string; name: string }[];
}

interface MemberRef {
  id: string;
  email: string;
  name: string;
  pending?: boolean;
}

/** One team: its members and projects, with add and remove for those who manage teams. */
export function TeamPanel({
  orgSlug,
  team,
  canManage,
  onChanged,
}: {
  orgSlug: string;
  team: TeamSummary;
  canManage: boolean;
  onChanged: () => void;
}) {
  const org = encodeURIComponent(orgSlug);
  const slug = encodeURIComponent(team.slug);
  const members = useApi<MemberRef[]>(`/teams/${org}/${slug}/members/`);
  const orgMembers = useApi<MemberRef[]>(canManage ? `/organizations/${org}/members/` : null);
  const orgProjects = useApi<{ slug: string; name: string }[]>(canManage ? `/organizations/${org}/projects/` : null);
  const form = useFormAction();
  const [memberId, setMemberId] = useState("");
  const [projectSlug, setProjectSlug] = useState("");

  const inTeam = new Set((members.data ?? []).map((member) => member.id));
  const addable = (orgMembers.data ?? []).filter((member) => !member.pending && !inTeam.has(member.id));
  const linked = new Set((team.projects ?? []).map((project) => project.slug));
  const linkable = (orgProjects.data ?? []).filter((project) => !linked.has(project.slug));

  const change = (action: () => Promise<unknown>, notice: string) =>
    void form.run(async () => {
      await action();
      members.reload();
      onChanged();
      return notice;
    });

  return (
    <div className="panel" aria-label={`Team ${team.slug}`} role="region">
      <h2>
        {team.name} <span className="muted small">#{team.slug}</span>
      </h2>
      <h3>Members</h3>
      {members.error ? (
        <ErrorState error={members.error} onRetry={members.reload} />
      ) : !members.data ? (
        <PanelSkeleton rows={2} />
      ) : members.data.length === 0 ? (
        <p className="muted">No members yet.</p>
      ) : (
        <ul className="plain-list">
          {members.data.map((member) => (
            <li key={member.id}>
              {member.name} {member.name !== member.email ? <span className="muted">{member.email}</span> : null}{" "}
              {canManage ? (
                <button
                  type="button"
                  className="btn btn-small"
                  disabled={form.busy}
                  aria-label={`Remove ${member.email} from ${team.slug}`}
                  onClick={() =>
                    change(
                      () => apiSend("DELETE", `/organizations/${org}/members/${member.id}/teams/${slug}/`),
                      `Removed ${member.email}.`,
                    )
                  }
                >
                  Remove
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {canManage && addable.length > 0 ? (
        <div className="form-row">
          <select
            aria-label={`Member to add to ${team.slug}`}
            value={memberId}
            onChange={(e) => setMemberId(e.target.value)}
          >
            <option value="">Add a member…</option>
            {addable.map((member) => (
              <option key={member.id} value={member.id}>
                {member.name === member.email ? member.email : `${member.name} (${member.email})`}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="btn btn-small"
            disabled={form.busy || !memberId}
            onClick={() =>
              change(async () => {
                await apiSend("POST", `/organizations/${org}/members/${memberId}/teams/${slug}/`);
                setMemberId("");
              }, "Member added.")
            }
          >
            Add
          </button>
        </div>
      ) : null}
      <h3>Projects</h3>
      {(team.projects ?? []).length === 0 ? (
        <p className="muted">No projects yet.</p>
      ) : (
        <ul className="plain-list">
          {(team.projects ?? []).map((project) => (
            <li key={project.slug}>
              {project.name} <span className="muted">{project.slug}</span>{" "}
              {canManage ? (
                <button
                  type="button"
                  className="btn btn-small"
                  disabled={form.busy}
                  aria-label={`Remove ${project.slug} from ${team.slug}`}
                  onClick={() =>
                    change(
                      () => apiSend("DELETE", `/projects/${org}/${encodeURIComponent(project.slug)}/teams/${slug}/`),
                      `${project.slug} removed.`,
                    )
                  }
                >
                  Remove
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {canManage && linkable.length > 0 ? (
        <div className="form-row">
          <select
            aria-label={`Project to give ${team.slug} access to`}
            value={projectSlug}
            onChange={(e) => setProjectSlug(e.target.value)}
          >
            <option value="">Give access to a project…</option>
            {linkable.map((project) => (
              <option key={project.slug} value={project.slug}>
                {project.name}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="btn btn-small"
            disabled={form.busy || !projectSlug}
            onClick={() =>
              change(async () => {
                await apiSend("POST", `/projects/${org}/${encodeURIComponent(projectSlug)}/teams/${slug}/`);
                setProjectSlug("");
              }, "Project added.")
            }
          >
            Add
          </button>
        </div>
      ) : null}
      {canManage ? (
        <button
          type="button"
          className="btn btn-small btn-danger"
          disabled={form.busy}
          onClick={() => {
            if (!window.confirm(`Delete the team #${team.slug}? Its projects and members stay.`)) return;
            change(() => apiSend("DELETE", `/teams/${org}/${slug}/`), "Team deleted.");
          }}
        >
          Delete team
        </button>
      ) : null}
      <FormMessages error={form.error} notice={form.notice} />
    </div>
  );
}
