import { useState } from "react";
import { Link } from "react-router";
import type { Issue, StatSeries, StatsV2 } from "../../api/types";
import { useApi } from "../../api/use-api";
import { TrendChart } from "../../components/charts/TrendChart";
import { EmptyState, ErrorState, Loading } from "../../components/ui/states";
import { formatCount } from "../../lib/time";
import { useOrg } from "../layout/org-context";

const PERIODS = [
  { value: "24h", interval: "1h", label: "24 hours" },
  { value: "14d", interval: "1d", label: "14 days" },
  { value: "30d", interval: "1d", label: "30 days" },
] as const;

/** stats_v2's groups as one series per outcome. */
export function seriesByOutcome(stats: StatsV2 | undefined): Map<string, StatSeries> {
  const result = new Map<string, StatSeries>();
  if (!stats) return result;
  const times = stats.intervals.map((iso) => Date.parse(iso) / 1000);
  for (const group of stats.groups) {
    const counts = group.series["sum(quantity)"] ?? [];
    result.set(
      String(group.by.outcome ?? "accepted"),
      times.map((time, n) => [time, counts[n] ?? 0]),
    );
  }
  return result;
}

/** Events over time per project and outcome, and the issues with the most events. */
export function StatsPage() {
  const { org } = useOrg();
  const [period, setPeriod] = useState<(typeof PERIODS)[number]>(PERIODS[1]);
  const [project, setProject] = useState("");
  const stats = useApi<StatsV2>(`/organizations/${org.slug}/stats_v2/`, {
    groupBy: "outcome",
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
  const outcomes = seriesByOutcome(stats.data);

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
        <h2>Events stored</h2>
        {stats.error ? (
          <ErrorState error={stats.error} onRetry={stats.reload} />
        ) : !stats.data ? (
          <Loading />
        ) : outcomes.size === 0 ? (
          <EmptyState title="No events in this period" />
        ) : (
          [...outcomes.entries()].map(([outcome, series]) => (
            <div key={outcome}>
              <div className="muted">
                {outcome}: {formatCount(series.reduce((sum, [, count]) => sum + count, 0))}
              </div>
              <TrendChart series={series} hourly={period.interval === "1h"} />
            </div>
          ))
        )}
        <p className="muted small">
          Faultline counts the events it stored (accepted); rate-limited and filtered events are not counted yet.
        </p>
      </div>
      <div className="panel list-panel">
        <h2 className="panel-title">Top issues by events</h2>
        {top.error ? (
          <ErrorState error={top.error} onRetry={top.reload} />
        ) : !top.data ? (
          <Loading />
        ) : top.data.length === 0 ? (
          <EmptyState title="No issues yet" />
        ) : (
          <table className="table">
            <tbody>
              {top.data.map((issue) => (
                <tr key={issue.id}>
                  <td>
                    <Link to={`/organizations/${org.slug}/issues/${issue.id}/`}>{issue.title}</Link>
                    <div className="muted small">{issue.shortId}</div>
                  </td>
                  <td className="num">{formatCount(issue.count)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </section>
  );
}
