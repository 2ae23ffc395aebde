import { useState } from "react";
import { Link } from "react-router";
import type { Issue, StatSeries, StatsV2 } from "../../api/types";
import { useApi } from "../../api/use-api";
import { StackedOutcomeChart } from "../../components/charts/StackedOutcomeChart";
import { EmptyState, ErrorState, PanelSkeleton } from "../../components/ui/states";
import { formatCount } from "../../lib/time";
import { useOrg } from "../layout/org-context";

const PERIODS = [
  { value: "24h", interval: "1h", label: "24 hours" },
  { value: "14d", interval: "1d", label: "14 days" },
  { value: "30d", interval: "1d", label: "30 days" },
] as const;

/** Sentry's outcome names in the order the page lists them (stats_v2 answers with these). */
export const OUTCOME_ORDER = ["accepted", "filtered", "rate_limited", "invalid", "client_discard"] as const;
const OUTCOME_LABELS: Record<string, string> = {
  accepted: "Accepted",
  filtered: "Filtered",
  rate_limited: "Rate limited",
  invalid: "Invalid",
  client_discard: "Discarded by the SDK",
};

const CATEGORIES = [
  { value: "error", label: "Errors" },
  { value: "transaction", label: "Transactions" },
  { value: "security", label: "Security reports" },
  { value: "attachment_item", label: "Attachments" },
  { value: "feedback", label: "User feedback" },
] as const;

export interface OutcomeSummary {
  outcome: string;
  total: number;
  series: StatSeries;
  /** Per reason (empty for accepted), largest first. */
  reasons: { reason: string; total: number }[];
}

/**
 * stats_v2's groups (by outcome and reason) as one series per outcome, every known outcome
 * included even when it is zero, so "nothing was refused" shows as such.
 */
export function summarizeOutcomes(stats: StatsV2 | undefined): OutcomeSummary[] {
  if (!stats) return [];
  const times = stats.intervals.map((iso) => Date.parse(iso) / 1000);
  const byOutcome = new Map<string, { counts: number[]; reasons: Map<string, number> }>();
  const entry = (outcome: string) => {
    let found = byOutcome.get(outcome);
    if (!found) {
      found = { counts: times.map(() => 0), reasons: new Map() };
      byOutcome.set(outcome, found);
    }
    return found;
  };
  for (const name of OUTCOME_ORDER) entry(name);
  for (const group of stats.groups) {
    const target = entry(String(group.by.outcome ?? "accepted"));
    const counts = group.series["sum(quantity)"] ?? [];
    counts.forEach((count, n) => {
      if (n < target.counts.length) target.counts[n] = (target.counts[n] ?? 0) + count;
    });
    const reason = String(group.by.reason ?? "");
    const total = group.totals["sum(quantity)"] ?? 0;
    if (reason) target.reasons.set(reason, (target.reasons.get(reason) ?? 0) + total);
  }
  return [...byOutcome.entries()].map(([outcome, { counts, reasons }]) => ({
    outcome,
    total: counts.reduce((sum, count) => sum + count, 0),
    series: times.map((time, n) => [time, counts[n] ?? 0] as [number, number]),
    reasons: [...reasons.entries()].map(([reason, total]) => ({ reason, total })).sort((a, b) => b.total - a.total),
  }));
}

/** Events over time per project and outcome, and the issues with the most events. */
export function StatsPage() {
  const { org } = useOrg();
  const [period, setPeriod] = useState<(typeof PERIODS)[number]>(PERIODS[1]);
  const [project, setProject] = useState("");
  const [category, setCategory] = useState<string>(CATEGORIES[0].value);
  const stats = useApi<StatsV2>(`/organizations/${org.slug}/stats_v2/`, {
    groupBy: ["outcome", "reason"],
    category,
    statsPeriod: period.value,
    interval: period.interval,
    field: "sum(quantity)",
    project: project || undefined,
  });
  const top = useApi<Issue[]>(`/organizations/${org.slug}/issues/`, {
    query: "",
    sort: "freq",
    statsPeriod: "",
    per_page: 10,
    project: project || undefined,
  });
  const outcomes = summarizeOutcomes(stats.data);
  const categoryLabel = CATEGORIES.find((item) => item.value === category)?.label ?? category;

  return (
    <section className="page">
      <div className="page-head">
        <h1>Stats</h1>
        <div className="toolbar">
          <select aria-label="Project" value={project} onChange={(event) => setProject(event.target.value)}>
            <option value="">All projects</option>
            {org.projects.map((item) => (
              <option key={item.id} value={item.id}>
                {item.name}
              </option>
            ))}
          </select>
          <select aria-label="Category" value={category} onChange={(event) => setCategory(event.target.value)}>
            {CATEGORIES.map((item) => (
              <option key={item.value} value={item.value}>
                {item.label}
              </option>
            ))}
          </select>
          <div className="segmented" role="group" aria-label="Period">
            {PERIODS.map((item) => (
              <button
                key={item.value}
                type="button"
                aria-pressed={period.value === item.value}
                className={period.value === item.value ? "active" : undefined}
                onClick={() => setPeriod(item)}
              >
                {item.label}
              </button>
            ))}
          </div>
        </div>
      </div>
      <div className="panel">
        <h2>{categoryLabel} by outcome</h2>
        {stats.error ? (
          <ErrorState error={stats.error} onRetry={stats.reload} />
        ) : !stats.data ? (
          <PanelSkeleton />
        ) : outcomes.every((item) => item.total === 0) ? (
          <EmptyState title="Nothing received in this period" />
        ) : (
          <StackedOutcomeChart
            hourly={period.interval === "1h"}
            outcomes={outcomes.map((item) => ({
              outcome: item.outcome,
              label: OUTCOME_LABELS[item.outcome] ?? item.outcome,
              series: item.series,
              detail: item.reasons.map((entry) => `${entry.reason} ${formatCount(entry.total)}`).join(", "),
            }))}
          />
        )}
        <p className="muted small">
          Counted by ingest per hour: accepted (stored), filtered (sampled or dropped by filters), rate limited (key
          rate limits and project quotas), invalid (malformed), and what the SDKs report they discarded themselves.
        </p>
      </div>
      <div className="panel list-panel">
        <h2 className="panel-title">Top issues by events</h2>
        {top.error ? (
          <ErrorState error={top.error} onRetry={top.reload} />
        ) : !top.data ? (
          <PanelSkeleton />
        ) : top.data.length === 0 ? (
          <EmptyState title="No issues yet" />
        ) : (
          <div className="table-scroll">
            <table className="table">
              <tbody>
                {top.data.map((issue) => (
                  <tr key={issue.id}>
                    <td>
                      <Link
                        to={`/organizations/${org.slug}/issues/${issue.id}/`}
                        className="ellipsis"
                        title={issue.title}
                      >
                        {issue.title}
                      </Link>
                      <div className="muted small">{issue.shortId}</div>
                    </td>
                    <td className="num">{formatCount(issue.count)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
    </section>
  );
}
