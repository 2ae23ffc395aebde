import { useState, type FormEvent } from "react";
import { apiSend } from "../../../api/client";
import type { ProjectDetail } from "../../../api/types";
import { draftOf, limitsBody, QUOTA_WINDOWS, type LimitsDraft } from "./limits";

/** How long the project's events are kept, how many it may send, how many each issue keeps. */
export function ProjectLimitsForm(props: {
  project: ProjectDetail;
  path: string;
  allowed: boolean;
  onSaved: (saved: ProjectDetail) => void;
}) {
  const [draft, setDraft] = useState<LimitsDraft>(() => draftOf(props.project));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const set = (field: keyof LimitsDraft) => (value: string) => setDraft((old) => ({ ...old, [field]: value }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(undefined);
    setNotice(undefined);
    const body = limitsBody(draft);
    if (typeof body === "string") return setError(body);
    setBusy(true);
    try {
      const saved = await apiSend<ProjectDetail>("PUT", props.path, body);
      setNotice("Limits saved.");
      props.onSaved(saved);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      className="panel settings-form"
      aria-label="Project limits"
      // The form says what is wrong in words, naming the field, rather than the browser's bubble.
      noValidate
      onSubmit={(event) => void submit(event)}
    >
      <h2>Retention and quota</h2>
      <p className="muted small">A blank field uses the server’s default.</p>
      <fieldset className="plain-fieldset" disabled={!props.allowed || busy}>
        <label className="field">
          <span>Retention (days)</span>
          <input
            type="number"
            min={1}
            max={3650}
            aria-label="Retention (days)"
            placeholder="server default"
            value={draft.retentionDays}
            onChange={(event) => set("retentionDays")(event.target.value)}
          />
          <span className="muted small">Events older than this are deleted by the worker’s retention runs.</span>
        </label>
        <div className="field">
          <span>Event quota</span>
          <div className="key-controls">
            <label className="inline-field">
              <span className="muted">At most</span>
              <input
                type="number"
                min={0}
                aria-label="Quota events"
                placeholder="unlimited"
                value={draft.quotaCount}
                onChange={(event) => set("quotaCount")(event.target.value)}
              />
            </label>
            <label className="inline-field">
              <span className="muted">events per</span>
              <select
                aria-label="Quota window"
                value={draft.quotaWindow}
                onChange={(event) => set("quotaWindow")(event.target.value)}
              >
                {QUOTA_WINDOWS.map((window) => (
                  <option key={window.seconds} value={window.seconds}>
                    {window.label}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <span className="muted small">For the whole project; each client key can have its own rate limit too.</span>
        </div>
        <label className="field">
          <span>Events kept per issue</span>
          <input
            type="number"
            min={1}
            max={1_000_000}
            aria-label="Events kept per issue"
            placeholder="server default"
            value={draft.maxEventsPerIssue}
            onChange={(event) => set("maxEventsPerIssue")(event.target.value)}
          />
        </label>
        <button type="submit" className="btn btn-primary">
          {busy ? "Saving…" : "Save limits"}
        </button>
      </fieldset>
      {error ? (
        <div className="form-error" role="alert">
          {error}
        </div>
      ) : null}
      {notice ? (
        <div className="form-notice" role="status">
          {notice}
        </div>
      ) : null}
    </form>
  );
}
