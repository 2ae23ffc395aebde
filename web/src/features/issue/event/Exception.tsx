import { useState } from "react";
import { StackTrace } from "./StackTrace";
import { framesOf } from "./frames";
import { asArray, asRecord, asString } from "./values";

/**
 * The exception chain: Sentry sends causes first and the raised exception last; the page shows
 * the raised one first, then "caused by" each cause.
 */
export function ExceptionEntry({ data }: { data: unknown }) {
  const values = asArray(asRecord(data)?.values).slice().reverse();
  // Symbolicated events keep the frames as the SDK sent them (minified) in rawStacktrace.
  const [minified, setMinified] = useState(false);
  const hasRaw = values.some((raw) => asRecord(asRecord(raw)?.rawStacktrace) !== undefined);
  if (values.length === 0) return <div className="muted">No exception data.</div>;
  return (
    <div className="exception-chain">
      {hasRaw ? (
        <div className="stack-toolbar" role="group" aria-label="Frames">
          <button type="button" className="btn btn-small" aria-pressed={!minified} onClick={() => setMinified(false)}>
            Original
          </button>
          <button type="button" className="btn btn-small" aria-pressed={minified} onClick={() => setMinified(true)}>
            Minified
          </button>
        </div>
      ) : null}
      {values.map((raw, index) => {
        const value = asRecord(raw) ?? {};
        const mechanism = asRecord(value.mechanism);
        return (
          <div key={index} className="exception">
            {index > 0 ? <div className="caused-by muted">Caused by</div> : null}
            <h3 className="exception-type">{asString(value.type) ?? "Error"}</h3>
            {asString(value.value) ? <pre className="exception-value">{asString(value.value)}</pre> : null}
            {mechanism ? (
              <div className="muted small">
                mechanism: {asString(mechanism.type) ?? "unknown"}
                {mechanism.handled === false ? " · unhandled" : mechanism.handled === true ? " · handled" : ""}
              </div>
            ) : null}
            <StackTrace
              key={minified ? "minified" : "original"}
              frames={framesOf(minified && asRecord(value.rawStacktrace) ? value.rawStacktrace : value.stacktrace)}
            />
          </div>
        );
      })}
    </div>
  );
}
