import { useState } from "react";
import { apiSend } from "../../api/client";
import { useApi } from "../../api/use-api";
import { ErrorState, PanelSkeleton } from "../../components/ui/states";
import { MemberRoleControls } from "./MemberRoleControls";

interface Member {
  id: string;
  email: string;
  name: string;
  role: string;
  /** Invited, not joined yet: listed by the invitations panel instead. */
  pending?: boolean;
}

/**
 * The organization's members and roles; owners and admins change them (the API says who may).
 * New members come through invitations (InvitationsPanel).
 */
export function MembersPanel({ org }: { org: string }) {
  const members = useApi<Member[]>(`/organizations/${org}/members/`);
  const [error, setError] = useState<string>();
  const [notice, setNotice] = useState<string>();

  async function change(action: () => Promise<unknown>): Promise<boolean> {
    setError(undefined);
    setNotice(undefined);
    try {
      await action();
      members.reload();
      return true;
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
      return false;
    }
  }
  return (
    <section className="panel">
      <h2>Members</h2>
      {error ? (
        <div className="form-error" role="alert">
          {error}
        </div>
      ) : null}
      {notice ? (
        <div className="muted small" role="status">
          {notice}
        </div>
      ) : null}
      {members.error ? (
        <ErrorState error={members.error} onRetry={members.reload} />
      ) : !members.data ? (
        <PanelSkeleton />
      ) : (
        <div className="table-scroll">
          <table className="table">
            <tbody>
              {members.data
                .filter((member) => !member.pending)
                .map((member) => (
                  <tr key={member.id}>
                    <td>
                      {member.name}
                      <div className="muted small">{member.email}</div>
                    </td>
                    <MemberRoleControls
                      member={member}
                      onRoleChange={(orgRole) =>
                        void change(() => apiSend("PUT", `/organizations/${org}/members/${member.id}/`, { orgRole }))
                      }
                      onRemove={() => {
                        if (window.confirm(`Remove ${member.email} from this organization?`))
                          void change(() => apiSend("DELETE", `/organizations/${org}/members/${member.id}/`));
                      }}
                    />
                  </tr>
                ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
