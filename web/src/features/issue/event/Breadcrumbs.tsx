import { useState } from "react";
import { asArray, asRecord, asString, displayValue, toDate } from "./values";

const SHOWN = 20;

/** Breadcrumbs as a timeline, newest last (where the error happened), with category and level. */
export function Breadcrumbs({ data }: { data: unknown }) {
  const crumbs = asArray(asRecord(data)?.values);
  const [all, setAll] = useState(false);
  if (crumbs.length === 0) return <div className="muted">No breadcrumbs.</div>;
  const shown = all ? crumbs : crumbs.slice(-SHOWN);
  return (
    <div className="breadcrumbs">
      {crumbs.length > shown.length ? (
        <button type="button" className="link-button" onClick={() => setAll(true)}>
          Show {crumbs.length - shown.length} older breadcrumbs
        </button>
      ) : null}
      <ol className="timeline">
        {shown.map((raw, index) => {
          const crumb = asRecord(raw) ?? {};
          const level = asString(crumb.level) ?? "info";
          const category = asString(crumb.category) ?? asString(crumb.type) ?? "default";
          const date = toDate(crumb.timestamp);
          const data = asRecord(crumb.data);
          return (
            <li key={index} className={`crumb crumb-${/^[a-z]+$/.test(level) ? level : "info"}`}>
              <span className="crumb-dot" aria-hidden="true" />
              <div className="crumb-body">
                <div className="crumb-head">
                  <span className="crumb-category">{category}</span>
                  <span className={`level level-${/^[a-z]+$/.test(level) ? level : "unknown"}`}>{level}</span>
                  <span className="muted crumb-time">{date ? date.toLocaleTimeString() : ""}</span>
                </div>
                {asString(crumb.message) ? <div className="crumb-message">{asString(crumb.message)}</div> : null}
                {data && Object.keys(data).length ? <pre className="crumb-data">{displayValue(data)}</pre> : null}
              </div>
            </li>
          );
        })}
      </ol>
    </div>
  );
}
