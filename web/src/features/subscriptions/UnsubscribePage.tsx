import { useEffect, useState } from "react";
import { useParams } from "react-router";
import { apiSend } from "../../api/client";

/**
 * Where a workflow email's unsubscribe link leads. It works without signing in (the link's
 * token is signed), and asks for a click first so that mail scanners opening links change nothing.
 */
export function UnsubscribePage() {
  const { token = "" } = useParams();
  const [state, setState] = useState<{ busy?: boolean; done?: string; error?: string }>({});
  useEffect(() => setState({}), [token]);

  async function unsubscribe() {
    setState({ busy: true });
    try {
      const answer = await apiSend<{ issue: { shortId: string; title: string } }>("POST", "/unsubscribe/", { token });
      setState({ done: `${answer.issue.shortId} ${answer.issue.title}` });
    } catch (failure) {
      setState({ error: failure instanceof Error ? failure.message : String(failure) });
    }
  }

  return (
    <section className="page auth-page">
      <div className="panel">
        <h1>Unsubscribe</h1>
        {state.done ? (
          <p role="status">You will get no more emails about {state.done}.</p>
        ) : (
          <>
            <p>Stop the emails about this issue (comments, assignment, resolution, regressions)?</p>
            {state.error ? (
              <p className="form-error" role="alert">
                {state.error}
              </p>
            ) : null}
            <button type="button" className="btn btn-primary" disabled={state.busy} onClick={() => void unsubscribe()}>
              Unsubscribe
            </button>
          </>
        )}
      </div>
    </section>
  );
}
