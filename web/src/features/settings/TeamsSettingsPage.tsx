import { useApi } from "../../api/use-api";
import { EmptyState, ErrorState, PanelSkeleton } from "../../components/ui/states";
import { useOrg } from "../layout/org-context";

interface TeamSummary {
  id: string;
  slug: string;
  name: string;
  memberCount?: number;
}

/** Settings → Teams: the organization's teams (Sentry's `/organizations/{org}/teams/`). */
export function TeamsSettingsPage() {
  const { org } = useOrg();
  const teams = useApi<TeamSummary[]>(`/organizations/${encodeURIComponent(org.slug)}/teams/`);
  return (
    <section>
      <div className="page-head">
        <h1>Teams</h1>
      </div>
      <div className="panel">
        {teams.error ? (
          <ErrorState error={teams.error} onRetry={teams.reload} />
        ) : !teams.data ? (
          <PanelSkeleton />
        ) : teams.data.length === 0 ? (
          <EmptyState title="No teams yet" />
        ) : (
          <table className="table">
            <tbody>
              {teams.data.map((team) => (
                <tr key={team.id}>
                  <td>
                    {team.name}
                    <div className="muted small">#{team.slug}</div>
                  </td>
                  <td className="num muted">{team.memberCount !== undefined ? `${team.memberCount} members` : null}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </section>
  );
}
