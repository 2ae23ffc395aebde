import { useState, type FormEvent } from "react";
import { apiSend } from "../../api/client";
import { useApi } from "../../api/use-api";
import { CopyButton } from "../../components/ui/CopyButton";
import { TimeAgo } from "../../components/ui/badges";
import { ErrorState, PanelSkeleton } from "../../components/ui/states";
import { useOrg } from "../layout/org-context";
import { canManageMembers } from "./permissions";

/** A pending member as the members list answers it. */
interface PendingMember {
  id: string;
  email: string;
  orgRole: string;
  pending: boolean;
  expired: boolean;
  inviterName: string | null;
  dateInviteSent?: string;
  /** Only in the answer to an invitation or re-send, when the server cannot send email. */
  inviteLink?: string;
  emailed?: boolean;
}

const ROLES = ["viewer", "member", "admin", "owner"] as const;

/**
 * Inviting people by email, and the invitations still open: re-send (a new link; the old one
 * stops working) or revoke. Without email on the server, the link is shown here to pass on.
 */
export function InvitationsPanel() {
  const { org } = useOrg();
  const base = `/organizations/${encodeURIComponent(org.slug)}/members/`;
  const members = useApi<PendingMember[]>(base);
  const [email, setEmail] = useState("");
  const [role, setRole] = useState("member");
  const [link, setLink] = useState<{ email: string; url: string }>();
  const [notice, setNotice] = useState<string>();
  const [error, setError] = useState<string>();
  const manager = canManageMembers(org);
  const pending = members.data?.filter((member) => member.pending) ?? [];

  async function send(action: () => Promise<PendingMember>, done: (member: PendingMember) => string) {
    setError(undefined);
    setNotice(undefined);
    setLink(undefined);
    try {
      const member = await action();
      if (member.inviteLink) setLink({ email: member.email, url: member.inviteLink });
      setNotice(done(member));
      members.reload();
      return true;
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
      return false;
    }
  }

  function invite(event: FormEvent) {
    event.preventDefault();
    void send(
      () => apiSend<PendingMember>("POST", base, { email, orgRole: role }),
      (member) =>
        member.emailed
          ? `Invitation sent to ${member.email}.`
          : `${member.email} is invited. This server does not send email: pass the link on yourself.`,
    ).then((ok) => ok && setEmail(""));
  }

  async function revoke(member: PendingMember) {
    if (!window.confirm(`Revoke the invitation of ${member.email}? Its link stops working.`)) return;
    setError(undefined);
    try {
      await apiSend("DELETE", `${base}${member.id}/`);
      setNotice(`The invitation of ${member.email} is revoked.`);
      members.reload();
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    }
  }

  return (
    <section className="panel">
      <h2>Invitations</h2>
      {manager ? (
        <form className="key-controls" onSubmit={invite}>
          <input
            type="email"
            aria-label="Email to invite"
            placeholder="colleague@example.com"
            value={email}
            onChange={(event) => setEmail(event.target.value)}
            required
          />
          <select
            aria-label="Role of the invited person"
            value={role}
            onChange={(event) => setRole(event.target.value)}
          >
            {ROLES.map((item) => (
              <option key={item} value={item} disabled={item === "owner" && org.orgRole !== "owner"}>
                {item}
              </option>
            ))}
          </select>
          <button type="submit" className="btn btn-small">
            Invite
          </button>
        </form>
      ) : null}
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
      {link ? (
        <div className="dsn-value created-token">
          <code aria-label={`Invitation link for ${link.email}`}>{link.url}</code>
          <CopyButton text={link.url} />
        </div>
      ) : null}
      {members.error ? (
        <ErrorState error={members.error} onRetry={members.reload} />
      ) : !members.data ? (
        <PanelSkeleton rows={2} />
      ) : pending.length === 0 ? (
        <p className="muted">No open invitations.</p>
      ) : (
        <div className="table-scroll">
          <table className="table" aria-label="Open invitations">
            <tbody>
              {pending.map((member) => (
                <tr key={member.id}>
                  <td>
                    {member.email}
                    <div className="muted small">
                      {member.orgRole}
                      {member.inviterName ? ` · invited by ${member.inviterName}` : ""}
                      {member.dateInviteSent ? (
                        <>
                          {" "}
                          · sent <TimeAgo iso={member.dateInviteSent} />
                        </>
                      ) : null}
                    </div>
                  </td>
                  <td>
                    {member.expired ? <span className="chip">expired</span> : <span className="chip">pending</span>}
                  </td>
                  <td className="num">
                    {manager && (org.orgRole === "owner" || member.orgRole !== "owner") ? (
                      <>
                        <button
                          type="button"
                          className="btn btn-small"
                          onClick={() =>
                            void send(
                              () => apiSend<PendingMember>("PUT", `${base}${member.id}/`, { reinvite: true }),
                              (sent) =>
                                sent.emailed
                                  ? `A new invitation was sent to ${sent.email}.`
                                  : `A new link for ${sent.email}; the old one no longer works.`,
                            )
                          }
                        >
                          Re-send
                        </button>{" "}
                        <button type="button" className="btn btn-small btn-danger" onClick={() => void revoke(member)}>
                          Revoke
                        </button>
                      </>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
