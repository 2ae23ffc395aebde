import type { FieldErrors } from "./field-errors";
import { FieldMessage, invalidProps, replaceAt } from "./FieldMessage";
import {
  EQUALITY_MATCHES,
  KEY_ONLY_MATCHES,
  LEVEL_MATCHES,
  LEVELS,
  newFilter,
  TAG_MATCHES,
  type FilterDraft,
} from "./rule-draft";

const FILTER_LABELS: Record<FilterDraft["type"], string> = {
  level: "Level",
  environment: "Environment",
  tag: "Tag",
  release: "Release",
};

export const MATCH_LABELS: Record<string, string> = {
  gte: "at least",
  lte: "at most",
  eq: "is",
  ne: "is not",
  contains: "contains",
  starts_with: "starts with",
  ends_with: "ends with",
  is_set: "is set",
  not_set: "is not set",
};

function matchesFor(type: FilterDraft["type"]): readonly string[] {
  if (type === "level") return LEVEL_MATCHES;
  if (type === "tag") return TAG_MATCHES;
  return EQUALITY_MATCHES;
}

interface Props {
  filters: FilterDraft[];
  errors: FieldErrors;
  onChange: (filters: FilterDraft[]) => void;
}

export function FiltersFieldset({ filters, errors, onChange }: Props) {
  return (
    <fieldset className="field rule-group">
      <legend>Filters</legend>
      <p className="muted small">
        {filters.length === 0 ? "No filters: every matching event counts." : "Every filter must pass."}
      </p>
      {filters.map((filter, i) => {
        const path = `filters[${i}]`;
        const n = i + 1;
        const change = (patch: Partial<FilterDraft>) => onChange(replaceAt(filters, i, patch));
        return (
          <div key={i} className="rule-item">
            <div className="rule-row">
              <select
                aria-label={`Filter ${n}`}
                value={filter.type}
                onChange={(event) =>
                  onChange(replaceAt(filters, i, newFilter(event.target.value as FilterDraft["type"])))
                }
              >
                {Object.entries(FILTER_LABELS).map(([type, label]) => (
                  <option key={type} value={type}>
                    {label}
                  </option>
                ))}
              </select>
              {filter.type === "tag" ? (
                <input
                  aria-label={`Filter ${n} tag key`}
                  placeholder="browser"
                  value={filter.key}
                  onChange={(event) => change({ key: event.target.value })}
                  {...invalidProps(`${path}.key`, errors[`${path}.key`])}
                />
              ) : null}
              <select
                aria-label={`Filter ${n} match`}
                value={filter.match}
                onChange={(event) => change({ match: event.target.value })}
              >
                {matchesFor(filter.type).map((match) => (
                  <option key={match} value={match}>
                    {MATCH_LABELS[match] ?? match}
                  </option>
                ))}
              </select>
              {filter.type === "level" ? (
                <select
                  aria-label={`Filter ${n} level`}
                  value={filter.level}
                  onChange={(event) => change({ level: event.target.value })}
                >
                  {LEVELS.map((level) => (
                    <option key={level} value={level}>
                      {level}
                    </option>
                  ))}
                </select>
              ) : KEY_ONLY_MATCHES.includes(filter.match) ? null : (
                <input
                  aria-label={`Filter ${n} value`}
                  placeholder={
                    filter.type === "release" ? "1.2.0 or latest" : filter.type === "tag" ? "Chrome" : "production"
                  }
                  value={filter.value}
                  onChange={(event) => change({ value: event.target.value })}
                  {...invalidProps(`${path}.value`, errors[`${path}.value`])}
                />
              )}
              <button
                type="button"
                className="btn btn-small btn-ghost"
                aria-label={`Remove filter ${n}`}
                onClick={() => onChange(filters.filter((_, j) => j !== i))}
              >
                Remove
              </button>
            </div>
            {[path, `${path}.key`, `${path}.match`, `${path}.level`, `${path}.value`].map((field) => (
              <FieldMessage key={field} path={field} message={errors[field]} />
            ))}
          </div>
        );
      })}
      <div>
        <button
          type="button"
          className="btn btn-small"
          disabled={filters.length >= 20}
          onClick={() => onChange([...filters, newFilter("environment")])}
        >
          Add filter
        </button>
      </div>
    </fieldset>
  );
}
