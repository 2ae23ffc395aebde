import { useState, type FormEvent } from "react";
import { Link, useParams, useSearchParams } from "react-router";
import type { AffectedUser } from "../../api/types";
import { useApi } from "../../api/use-api";
import { TimeAgo } from "../../components/ui/badges";
import { EmptyState, ErrorState, PanelSkeleton } from "../../components/ui/states";
import { useOrg } from "../layout/org-context";

/** A listed user: the API also gives their name, else username, else email, else identifier. */
type ListedUser = AffectedUser & { name: string };

/** What else is known of the user: email, username, IP and the key (`id:42`) when it adds something. */
function userDetails(user: ListedUser): string {
  const parts = [user.email, user.username, user.ipAddress, user.tagValue];
  return [...new Set(parts.filter((part): part is string => part !== null && part !== user.name))].join(" · ");
}

/** Look a user up by id, email, username or IP (`email:ana@x.com`, or any part of one). */
export function UsersPage() {
  const { org } = useOrg();
  const { project = "" } = useParams();
  const [params, setParams] = useSearchParams();
  const query = params.get("query") ?? "";
  const [draft, setDraft] = useState(query);
  const users = useApi<ListedUser[]>(`/projects/${org.slug}/${encodeURIComponent(project)}/users/`, { query });
  const name = org.projects.find((item) => item.slug === project)?.name ?? project;

  function submit(event: FormEvent) {
    event.preventDefault();
    setParams(draft.trim() ? { query: draft.trim() } : {});
  }

  return (
    <section className="page">
      <div className="page-head">
        <h1>Users affected · {name}</h1>
      </div>
      <form className="search" role="search" onSubmit={submit}>
        <input
          type="search"
          aria-label="Find a user"
          placeholder="email:ana@example.com, id:42, ip:10.0.0.1, or part of a name, email or username"
          value={draft}
          onChange={(event) => setDraft(event.target.value)}
        />
        <button type="submit" className="btn">
          Find
        </button>
      </form>
      <div className="panel list-panel">
        {users.error ? (
          <ErrorState error={users.error} onRetry={users.reload} />
        ) : !users.data ? (
          <PanelSkeleton />
        ) : users.data.length === 0 ? (
          <EmptyState title={query ? "No user matches" : "No users recorded yet"}>
            Events carry a user when the SDK sets one (Sentry.setUser).
          </EmptyState>
        ) : (
          <div className="table-scroll">
            <table className="table">
              <thead>
                <tr>
                  <th>User</th>
                  <th>Issues</th>
                  <th>Last seen</th>
                </tr>
              </thead>
              <tbody>
                {users.data.map((user) => (
                  <tr key={user.tagValue}>
                    <td>
                      <Link
                        to={`/organizations/${org.slug}/projects/${project}/users/${encodeURIComponent(user.tagValue)}/`}
                      >
                        {user.name}
                      </Link>
                      <div className="muted">{userDetails(user)}</div>
                    </td>
                    <td>{user.issueCount}</td>
                    <td>
                      <TimeAgo iso={user.lastSeen} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
    </section>
  );
}
