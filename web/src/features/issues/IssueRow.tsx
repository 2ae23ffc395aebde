import { memo } from "react";
import { Link } from "react-router";
import { Sparkline } from "../../components/charts/Sparkline";
import { LevelBadge, StatusBadge, TimeAgo } from "../../components/ui/badges";
import { formatCount } from "../../lib/time";
import { shownCounts, type ListedIssue } from "./issue-counts";
import { plural } from "../../lib/text";

interface Props {
  issue: ListedIssue;
  href: string;
  period: "24h" | "14d";
  selected: boolean;
  focused: boolean;
  onToggle: (id: string) => void;
  onFocus: () => void;
}

/** One issue in the list; every value from the event is rendered as text. */
export const IssueRow = memo(function IssueRow({ issue, href, period, selected, focused, onToggle, onFocus }: Props) {
  const shown = shownCounts(issue, period);
  return (
    <li
      className={`issue-row level-edge-${/^[a-z]+$/.test(issue.level) ? issue.level : "unknown"}${focused ? " focused" : ""}${selected ? " selected" : ""}`}
      data-issue-id={issue.id}
      aria-current={focused ? "true" : undefined}
      onMouseDown={onFocus}
    >
      <input
        type="checkbox"
        className="issue-check"
        aria-label={`Select ${issue.shortId}`}
        checked={selected}
        onChange={() => onToggle(issue.id)}
      />
      <div className="issue-main">
        <Link to={href} className="issue-title" title={issue.title}>
          {issue.metadata.type ? (
            <>
              <strong>{issue.metadata.type}</strong>
              <span className="issue-value">{issue.metadata.value ? `: ${issue.metadata.value}` : ""}</span>
            </>
          ) : (
            <strong>{issue.title}</strong>
          )}
        </Link>
        <div className="issue-culprit" title={issue.culprit || undefined}>
          {issue.culprit || "\u00a0"}
        </div>
        <div className="issue-meta">
          <LevelBadge level={issue.level} />
          <span className="short-id">{issue.shortId}</span>
          {issue.isBookmarked ? (
            <span className="bookmarked" role="img" aria-label="Bookmarked" title="Bookmarked by you">
              ★
            </span>
          ) : null}
          {issue.status !== "unresolved" ? <StatusBadge status={issue.status} /> : null}
          <span>
            {shown.lastSeen ? <TimeAgo iso={shown.lastSeen} /> : "—"} · <span className="muted">first</span>{" "}
            {shown.firstSeen ? <TimeAgo iso={shown.firstSeen} /> : "—"}
          </span>
        </div>
      </div>
      <div className="issue-graph">
        <Sparkline series={shown.series} label={`${issue.shortId} events over ${period}`} />
      </div>
      <div className="issue-count" title={plural(Number(shown.count), "event")}>
        {formatCount(shown.count)}
        {shown.lifetime ? <span className="lifetime-count">of {formatCount(shown.lifetime.count)}</span> : null}
      </div>
      <div className="issue-count issue-users" title={plural(shown.userCount, "user")}>
        {formatCount(shown.userCount)}
        {shown.lifetime ? <span className="lifetime-count">of {formatCount(shown.lifetime.userCount)}</span> : null}
      </div>
      <div className="issue-assignee" title={issue.assignedTo?.email ?? "Unassigned"}>
        {issue.assignedTo ? (
          <span className="avatar">{initials(issue.assignedTo.name)}</span>
        ) : (
          <span className="muted">—</span>
        )}
      </div>
    </li>
  );
});

function initials(name: string): string {
  const parts = name.split(/[\s@.]+/).filter(Boolean);
  return ((parts[0]?.[0] ?? "?") + (parts[1]?.[0] ?? "")).toUpperCase();
}
