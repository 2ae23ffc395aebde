import { useState, type FormEvent } from "react";
import type { UpdateProjectBody } from "@faultline/contracts";
import { ApiError, apiSend } from "../../api/client";
import type { ProjectDetail } from "../../api/types";
import { ScrubbingPreview, type PreviewSettings } from "./ScrubbingPreview";

const RULES_FIELD = "fingerprintingRules: ";

/** The API refuses rules that do not parse with one "line N: ..." per bad line. */
function ruleErrorsOf(failure: unknown): string[] | undefined {
  if (!(failure instanceof ApiError) || failure.status !== 400 || !failure.detail.startsWith(RULES_FIELD))
    return undefined;
  return failure.detail.slice(RULES_FIELD.length).split("\n");
}

const lines = (text: string) =>
  text
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);

/** Data scrubbing and fingerprint rules (Sentry's project settings), saved with one PUT. */
export function ProcessingPanel({
  project,
  path,
  onSaved,
}: {
  project: ProjectDetail;
  path: string;
  onSaved: () => void;
}) {
  const [scrub, setScrub] = useState(project.dataScrubber);
  const [defaults, setDefaults] = useState(project.dataScrubberDefaults);
  const [scrubIp, setScrubIp] = useState(project.scrubIPAddresses);
  const [scrubEmails, setScrubEmails] = useState(project.scrubEmails);
  const [sensitive, setSensitive] = useState(project.sensitiveFields.join("\n"));
  const [safe, setSafe] = useState(project.safeFields.join("\n"));
  const [rules, setRules] = useState(project.fingerprintingRules);
  const [message, setMessage] = useState<{ ok: boolean; text: string }>();
  const [ruleErrors, setRuleErrors] = useState<string[]>([]);

  const scrubbing: PreviewSettings = {
    dataScrubber: scrub,
    dataScrubberDefaults: defaults,
    scrubIPAddresses: scrubIp,
    scrubEmails,
    sensitiveFields: lines(sensitive),
    safeFields: lines(safe),
  };

  async function save(event: FormEvent) {
    event.preventDefault();
    const body: UpdateProjectBody = { ...scrubbing, fingerprintingRules: rules };
    try {
      await apiSend("PUT", path, body);
      setRuleErrors([]);
      setMessage({ ok: true, text: "Saved. New events are processed with these settings." });
      onSaved();
    } catch (failure) {
      const bad = ruleErrorsOf(failure);
      setRuleErrors(bad ?? []);
      const text = bad
        ? "Not saved: fix the fingerprint rules above."
        : failure instanceof Error
          ? failure.message
          : String(failure);
      setMessage({ ok: false, text });
    }
  }

  return (
    <form className="panel form" onSubmit={(event) => void save(event)}>
      <h2>Processing</h2>
      <label className="check">
        <input type="checkbox" checked={scrub} onChange={() => setScrub((v) => !v)} /> Scrub sensitive data
      </label>
      <label className="check">
        <input type="checkbox" checked={defaults} onChange={() => setDefaults((v) => !v)} /> Use the default list of
        sensitive fields (password, secret, token, credit card numbers…)
      </label>
      <label className="check">
        <input type="checkbox" checked={scrubIp} onChange={() => setScrubIp((v) => !v)} /> Do not store IP addresses
      </label>
      <label className="check">
        <input type="checkbox" checked={scrubEmails} onChange={() => setScrubEmails((v) => !v)} /> Scrub email addresses
      </label>
      <div className="two-columns">
        <label className="field">
          <span>More sensitive fields (one per line)</span>
          <textarea value={sensitive} onChange={(event) => setSensitive(event.target.value)} rows={4} />
        </label>
        <label className="field">
          <span>Safe fields, never scrubbed (one per line)</span>
          <textarea value={safe} onChange={(event) => setSafe(event.target.value)} rows={4} />
        </label>
      </div>
      <ScrubbingPreview path={`${path}scrubbing-preview/`} settings={scrubbing} />
      <label className="field">
        <span>Fingerprint rules (Sentry's syntax)</span>
        <textarea
          className="code-input"
          value={rules}
          onChange={(event) => setRules(event.target.value)}
          rows={5}
          aria-invalid={ruleErrors.length > 0}
          placeholder={'error.type:DatabaseUnavailable -> database-unavailable\nmessage:"*timed out*" -> timeouts'}
        />
      </label>
      {ruleErrors.length > 0 ? (
        <ul className="form-error" aria-label="Fingerprint rule errors">
          {ruleErrors.map((error) => (
            <li key={error}>{error}</li>
          ))}
        </ul>
      ) : null}
      {message ? (
        <div className={message.ok ? "muted" : "form-error"} role={message.ok ? "status" : "alert"}>
          {message.text}
        </div>
      ) : null}
      <button type="submit" className="btn btn-primary">
        Save
      </button>
    </form>
  );
}
