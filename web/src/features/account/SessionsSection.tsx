import { apiSend } from "../../api/client";
import { useApi } from "../../api/use-api";
import { TimeAgo } from "../../components/ui/badges";
import { ErrorState, PanelSkeleton } from "../../components/ui/states";
import { FormMessages } from "./FormMessages";
import { useFormAction } from "./use-form-action";

interface BrowserSession {
  id: string;
  current: boolean;
  dateCreated: string;
  expires: string;
}

/** Where the account is signed in, and a way to end every session but this one. */
export function SessionsSection() {
  const sessions = useApi<BrowserSession[]>("/users/me/sessions/");
  const form = useFormAction();
  const others = sessions.data?.filter((session) => !session.current).length ?? 0;

  function signOutEverywhere() {
    if (!window.confirm("Sign out every other browser? This one stays signed in.")) return;
    void form.run(async () => {
      const { ended } = await apiSend<{ ended: number }>("DELETE", "/users/me/sessions/");
      sessions.reload();
      return ended === 1 ? "Signed out 1 other session." : `Signed out ${ended} other sessions.`;
    });
  }

  return (
    <section className="panel">
      <h2>Sessions</h2>
      {sessions.error ? (
        <ErrorState error={sessions.error} onRetry={sessions.reload} />
      ) : !sessions.data ? (
        <PanelSkeleton rows={2} />
      ) : (
        <div className="table-scroll">
          <table className="table" aria-label="Sessions">
            <tbody>
              {sessions.data.map((session) => (
                <tr key={session.id}>
                  <td>{session.current ? "This browser" : "Another browser"}</td>
                  <td className="muted small">
                    signed in <TimeAgo iso={session.dateCreated} /> · ends{" "}
                    {new Date(session.expires).toLocaleDateString()}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <FormMessages error={form.error} notice={form.notice} />
      <button
        type="button"
        className="btn btn-small btn-danger"
        disabled={form.busy || others === 0}
        onClick={signOutEverywhere}
      >
        Sign out everywhere else
      </button>
    </section>
  );
}
