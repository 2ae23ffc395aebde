import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatCount } from "../../lib/time";
import type { StatSeries } from "../../api/types";
import { countTicks, toChartPoints } from "./chart-data";

export interface OutcomeSeries {
  outcome: string;
  label: string;
  series: StatSeries;
  /** Words after the total in the legend, e.g. the reasons events were refused. */
  detail?: string;
}

/** One colour per outcome, Sentry's order: what was kept first, then each reason it was not. */
const OUTCOME_COLORS: Record<string, string> = {
  accepted: "var(--chart)",
  filtered: "var(--info)",
  rate_limited: "var(--warning)",
  invalid: "var(--error)",
  client_discard: "var(--debug)",
};

function totalOf(series: StatSeries): number {
  return toChartPoints(series).reduce((sum, point) => sum + point.count, 0);
}

/**
 * Every outcome stacked per time bucket (zero buckets included, so the period's shape shows),
 * with a legend naming each outcome, its colour and its total over the period.
 */
export function StackedOutcomeChart({ outcomes, hourly }: { outcomes: OutcomeSeries[]; hourly: boolean }) {
  const base = toChartPoints(outcomes[0]?.series, hourly);
  const rows = base.map((point, index) => {
    const row: Record<string, number | string> = { label: point.label };
    for (const item of outcomes) row[item.outcome] = toChartPoints(item.series, hourly)[index]?.count ?? 0;
    return row;
  });
  const peak = Math.max(
    0,
    ...rows.map((row) => outcomes.reduce((sum, item) => sum + Number(row[item.outcome] ?? 0), 0)),
  );
  return (
    <>
      <div className="outcome-chart" aria-label="Outcomes over time">
        <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 600, height: 220 }}>
          <BarChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: -16 }} barCategoryGap="15%">
            <CartesianGrid vertical={false} stroke="var(--border)" />
            <XAxis
              dataKey="label"
              tick={{ fontSize: 11, fill: "var(--muted)" }}
              interval="preserveStartEnd"
              minTickGap={24}
            />
            <YAxis allowDecimals={false} tickCount={countTicks(peak)} tick={{ fontSize: 11, fill: "var(--muted)" }} />
            <Tooltip
              cursor={{ fill: "var(--hover)" }}
              contentStyle={{ background: "var(--panel)", border: "1px solid var(--border)", fontSize: 12 }}
            />
            {outcomes.map((item) => (
              <Bar
                key={item.outcome}
                dataKey={item.outcome}
                name={item.label}
                stackId="outcomes"
                fill={OUTCOME_COLORS[item.outcome] ?? "var(--muted)"}
                isAnimationActive={false}
              />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
      <ul className="outcome-totals" aria-label="Legend">
        {outcomes.map((item) => (
          <li key={item.outcome} className="outcome-block" data-outcome={item.outcome}>
            <span
              className="outcome-swatch"
              style={{ background: OUTCOME_COLORS[item.outcome] ?? "var(--muted)" }}
              aria-hidden="true"
            />
            {item.label}: {formatCount(totalOf(item.series))}
            {item.detail ? <span className="small muted"> ({item.detail})</span> : null}
          </li>
        ))}
      </ul>
    </>
  );
}
