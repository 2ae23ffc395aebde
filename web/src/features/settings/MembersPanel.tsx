import { useState, type FormEvent } from "react";
import { apiSend } from "../../api/client";
import { useApi } from "../../api/use-api";
import { ErrorState, PanelSkeleton } from "../../components/ui/states";

interface Member {
  id: string;
  email: string;
  name: string;
  role: string;
}

const ROLES = ["owner", "admin", "member", "viewer"] as const;

/** The organization's members and roles; owners and admins change them (the API says who may). */
export function MembersPanel({ org }: { org: string }) {
  const members = useApi<Member[]>(`/organizations/${org}/members/`);
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<string>("member");
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
  function add(event: FormEvent) {
    event.preventDefault();
    const added = email;
    // The answer is the same whether or not an account has this email (it does not say who has one).
    void change(() => apiSend("POST", `/organizations/${org}/members/`, { email: added, role })).then((ok) => {
      if (!ok) return;
      setEmail("");
      setNotice(
        `If ${added} has an account, it is now a member. Faultline has no invitations yet: a person without an account needs one first.`,
      );
    });
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
              {members.data.map((member) => (
                <tr key={member.id}>
                  <td>
                    {member.name}
                    <div className="muted small">{member.email}</div>
                  </td>
                  <td>
                    <select
                      aria-label={`Role of ${member.email}`}
                      value={member.role}
                      onChange={(event) =>
                        void change(() =>
                          apiSend("PUT", `/organizations/${org}/members/${member.id}/`, { role: event.target.value }),
                        )
                      }
                    >
                      {ROLES.map((item) => (
                        <option key={item}>{item}</option>
                      ))}
                    </select>
                  </td>
                  <td className="num">
                    <button
                      type="button"
                      className="btn btn-small btn-danger"
                      onClick={() => {
                        if (window.confirm(`Remove ${member.email} from this organization?`))
                          void change(() => apiSend("DELETE", `/organizations/${org}/members/${member.id}/`));
                      }}
                    >
                      Remove
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <form className="key-controls" onSubmit={add}>
        <input
          type="email"
          aria-label="Member email"
          placeholder="colleague@example.com (an existing user)"
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          required
        />
        <select aria-label="New member role" value={role} onChange={(event) => setRole(event.target.value)}>
          {ROLES.map((item) => (
            <option key={item}>{item}</option>
          ))}
        </select>
        <button type="submit" className="btn btn-small">
          Add member
        </button>
      </form>
    </section>
  );
}
