import type { TagSummary } from "../../api/types";
import { tagTerm } from "./event-query";
import { plural } from "../../lib/text";

/**
 * Each tag's top values as proportion bars (value, share, count); values are text. With
 * `onSelect`, a value is a button that shows the events with that tag value.
 */
export function TagDistribution({
  tags,
  selected,
  onSelect,
}: {
  tags: TagSummary[];
  /** The event search in effect, to mark the value it is. */
  selected?: string;
  onSelect?: (term: string) => void;
}) {
  if (tags.length === 0) return <div className="muted">No tags recorded.</div>;
  return (
    <div className="tag-distribution">
      {tags.map((tag) => (
        <div key={tag.key} className="tag-dist">
          <div className="tag-dist-key">{tag.key}</div>
          <ul>
            {tag.topValues.slice(0, 5).map((value) => {
              const share = tag.totalValues > 0 ? Math.round((value.count / tag.totalValues) * 100) : 0;
              const term = tagTerm(tag.key, value.value);
              const body = (
                <>
                  <span className="tag-bar" style={{ width: `${Math.max(share, 2)}%` }} aria-hidden="true" />
                  <span className="tag-dist-value">{value.value || "(empty)"}</span>
                  <span className="tag-dist-share">{share}%</span>
                </>
              );
              return (
                <li key={value.value} title={`${value.value}: ${plural(value.count, "event")}`}>
                  {onSelect ? (
                    <button
                      type="button"
                      className="tag-dist-button"
                      aria-pressed={selected === term}
                      aria-label={`Show events with ${tag.key} ${value.value || "(empty)"} (${share}%)`}
                      onClick={() => onSelect(term)}
                    >
                      {body}
                    </button>
                  ) : (
                    body
                  )}
                </li>
              );
            })}
          </ul>
        </div>
      ))}
    </div>
  );
}
