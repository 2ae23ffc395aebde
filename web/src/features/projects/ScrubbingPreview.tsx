import { useId, useRef, useState } from "react";
import { apiSend } from "../../api/client";

/** The data-scrubbing settings the preview endpoint can try instead of the saved ones. */
export interface PreviewSettings {
  dataScrubber: boolean;
  dataScrubberDefaults: boolean;
  sensitiveFields: string[];
  safeFields: string[];
  scrubIPAddresses: boolean;
  scrubEmails: boolean;
}

export const EXAMPLE_EVENT = JSON.stringify(
  {
    message: "Payment failed for alice@example.com",
    level: "error",
    user: { id: "42", email: "alice@example.com", ip_address: "203.0.113.7" },
    request: {
      url: "https://shop.example.com/checkout",
      method: "POST",
      headers: { Authorization: "Bearer sk_live_51HxY2example", "Content-Type": "application/json" },
    },
    extra: { password: "hunter2", card_number: "4111 1111 1111 1111", order_ref: "A-77" },
  },
  null,
  2,
);

type PreviewState =
  | { kind: "idle" }
  | { kind: "loading" }
  | { kind: "invalid"; text: string }
  | { kind: "error"; text: string }
  | { kind: "done"; json: string };

/** Reads the textarea: the endpoint takes one event, a JSON object. */
function parseEvent(text: string): { event: Record<string, unknown> } | { error: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (failure) {
    return { error: `Not valid JSON: ${failure instanceof Error ? failure.message : String(failure)}` };
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    return { error: 'Paste one event: a JSON object such as {"message": "..."}.' };
  }
  return { event: value as Record<string, unknown> };
}

/**
 * "Try it": posts a pasted event to the scrubbing-preview endpoint with the settings as they are
 * in the form (saved or not) and shows what would be stored, as plain text.
 */
export function ScrubbingPreview({ path, settings }: { path: string; settings: PreviewSettings }) {
  const [text, setText] = useState(EXAMPLE_EVENT);
  const [state, setState] = useState<PreviewState>({ kind: "idle" });
  const latest = useRef(0);
  const hintId = useId();

  async function run() {
    const parsed = parseEvent(text);
    if ("error" in parsed) {
      latest.current += 1;
      setState({ kind: "invalid", text: parsed.error });
      return;
    }
    const request = ++latest.current;
    setState({ kind: "loading" });
    try {
      const result = await apiSend<{ event: unknown }>("POST", path, { event: parsed.event, settings });
      if (request === latest.current) setState({ kind: "done", json: JSON.stringify(result.event, null, 2) });
    } catch (failure) {
      if (request === latest.current) {
        setState({ kind: "error", text: failure instanceof Error ? failure.message : String(failure) });
      }
    }
  }

  return (
    <fieldset className="field rule-group">
      <legend>Try it</legend>
      <p className="muted" id={hintId}>
        Paste an event as an SDK sends it. It is scrubbed with the settings in this form, including changes not saved
        yet; nothing is stored.
      </p>
      <label className="field">
        <span>Event (JSON)</span>
        <textarea
          className="code-input"
          value={text}
          onChange={(event) => setText(event.target.value)}
          rows={10}
          spellCheck={false}
          aria-describedby={hintId}
          aria-invalid={state.kind === "invalid" ? true : undefined}
        />
      </label>
      <div>
        <button type="button" className="btn" onClick={() => void run()} disabled={state.kind === "loading"}>
          {state.kind === "loading" ? "Scrubbing…" : "Preview scrubbing"}
        </button>
      </div>
      {state.kind === "invalid" || state.kind === "error" ? (
        <div className="form-error" role="alert">
          {state.kind === "error" ? `Preview failed: ${state.text}` : state.text}
        </div>
      ) : null}
      {state.kind === "loading" ? (
        <div className="muted" role="status">
          Scrubbing the event…
        </div>
      ) : null}
      {state.kind === "done" ? (
        <section className="code-block" aria-label="Scrubbed event">
          <pre>{state.json}</pre>
        </section>
      ) : null}
    </fieldset>
  );
}
