import { StackTrace } from "./StackTrace";
import { framesOf } from "./frames";
import { asArray, asRecord, asString } from "./values";

/**
 * The exception chain: Sentry sends causes first and the raised exception last; the page shows
 * the raised one first, then "caused by" each cause.
 */
export function ExceptionEntry({ data }: { data: unknown }) {
  const values = asArray(asRecord(data)?.values).slice().reverse();
  if (values.length === 0) return <div className="muted">No exception data.</div>;
  return (
    <div className="exception-chain">
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
            <StackTrace frames={framesOf(value.stacktrace)} />
          </div>
        );
      })}
    </div>
  );
}
