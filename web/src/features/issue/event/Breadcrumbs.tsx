import { useMemo, useState } from "react";
import { NO_FILTER, distinct, matchesCrumb, toCrumbView, type CrumbFilter } from "./breadcrumb-filter";
import { asArray, asRecord, displayValue, toDate } from "./values";

const SHOWN = 20;
const levelClass = (level: string) => (/^[a-z]+$/.test(level) ? level : "info");

/**
 * Breadcrumbs as a timeline, newest last (where the error happened), with category and level,
 * filtered by text, category and level. Unfiltered, only the last few show until asked for more;
 * a filter shows every match (a search that hid its hits would be no help).
 */
export function Breadcrumbs({ data }: { data: unknown }) {
  const crumbs = useMemo(() => asArray(asRecord(data)?.values).map(toCrumbView), [data]);
  const [all, setAll] = useState(false);
  const [filter, setFilter] = useState<CrumbFilter>(NO_FILTER);
  if (crumbs.length === 0) return <div className="muted">No breadcrumbs.</div>;
  const filtering = filter.text.trim() !== "" || filter.category !== "" || filter.level !== "";
  const matching = filtering ? crumbs.filter((crumb) => matchesCrumb(crumb, filter)) : crumbs;
  const shown = all || filtering ? matching : matching.slice(-SHOWN);
  const set = (change: Partial<CrumbFilter>) => setFilter((previous) => ({ ...previous, ...change }));
  return (
    <div className="breadcrumbs">
      <div className="crumb-filters" role="search" aria-label="Filter breadcrumbs">
        <input
          type="search"

          placeholder="Search breadcrumbs"
          aria-label="Search breadcrumbs"
          value={filter.text}
          onChange={(e) => set({ text: e.target.value })}
        />
        <select aria-label="Category" value={filter.category} onChange={(e) => set({ category: e.target.value })}>
          <option value="">All categories</option>
          {distinct(crumbs, "category").map((category) => (
            <option key={category} value={category}>
              {category}
            </option>
          ))}
        </select>
        <select aria-label="Level" value={filter.level} onChange={(e) => set({ level: e.target.value })}>
          <option value="">All levels</option>
          {distinct(crumbs, "level").map((level) => (
            <option key={level} value={level}>
              {level}
            </option>
          ))}
        </select>
      </div>
      {filtering ? (
        <div className="muted small" role="status">
          {matching.length} of {crumbs.length} breadcrumbs match{" "}
          <button type="button" className="link-button" onClick={() => setFilter(NO_FILTER)}>
            Clear filter
          </button>
        </div>
      ) : null}
      {matching.length > shown.length ? (
        <button type="button" className="link-button" onClick={() => setAll(true)}>
          Show {matching.length - shown.length} older breadcrumbs
        </button>
      ) : null}
      <ol className="timeline">
        {shown.map((crumb, index) => {
          const date = toDate(crumb.timestamp);
          return (
            <li key={index} className={`crumb crumb-${levelClass(crumb.level)}`}>
              <span className="crumb-dot" aria-hidden="true" />
              <div className="crumb-body">
                <div className="crumb-head">
                  <span className="crumb-category">{crumb.category}</span>
                  <span className={`level level-${/^[a-z]+$/.test(crumb.level) ? crumb.level : "unknown"}`}>
                    {crumb.level}
                  </span>
                  <span className="muted crumb-time">{date ? date.toLocaleTimeString() : ""}</span>
                </div>
                {crumb.message ? <div className="crumb-message">{crumb.message}</div> : null}
                {crumb.data && Object.keys(crumb.data).length ? (
                  <pre className="crumb-data">{displayValue(crumb.data)}</pre>
                ) : null}
              </div>
            </li>
          );
        })}
      </ol>
    </div>
  );
}
