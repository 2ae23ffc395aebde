import type { TagSummary } from "../../api/types";

/** Each tag's top values as proportion bars (value, share, count); values are text. */
export function TagDistribution({ tags }: { tags: TagSummary[] }) {
  if (tags.length === 0) return <div className="muted">No tags recorded.</div>;
  return (
    <div className="tag-distribution">
      {tags.map((tag) => (
        <div key={tag.key} className="tag-dist">
          <div className="tag-dist-key">{tag.key}</div>
          <ul>
            {tag.topValues.slice(0, 5).map((value) => {
              const share = tag.totalValues > 0 ? Math.round((value.count / tag.totalValues) * 100) : 0;
              return (
                <li key={value.value} title={`${value.value}: ${value.count} events`}>
                  <span className="tag-bar" style={{ width: `${Math.max(share, 2)}%` }} aria-hidden="true" />
                  <span className="tag-dist-value">{value.value || "(empty)"}</span>
                  <span className="tag-dist-share">{share}%</span>
                </li>
              );
            })}
          </ul>
        </div>
      ))}
    </div>
  );
}
