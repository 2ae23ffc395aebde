import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { StatSeries } from "../../api/types";
import { countTicks, toChartPoints } from "./chart-data";
import { plural } from "../../lib/text";

/** The issue page's events-over-time chart; says so plainly when there is nothing to draw. */
export function TrendChart({ series, hourly }: { series: StatSeries | undefined; hourly: boolean }) {
  const points = toChartPoints(series, hourly);
  const total = points.reduce((sum, point) => sum + point.count, 0);
  if (points.length === 0 || total === 0) return <div className="trend-empty muted">No events in this period.</div>;
  return (
    <div className="trend-chart" aria-label={`${plural(total, "event")} in this period`}>
      <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 300, height: 160 }}>
        <BarChart data={points} margin={{ top: 8, right: 8, bottom: 0, left: -16 }} barCategoryGap="12%">
          <CartesianGrid vertical={false} stroke="var(--border)" />
          <XAxis
            dataKey="label"
            tick={{ fontSize: 11, fill: "var(--muted)" }}
            interval="preserveStartEnd"
            minTickGap={24}
          />
          <YAxis
            allowDecimals={false}
            tickCount={countTicks(Math.max(...points.map((point) => point.count)))}
            tick={{ fontSize: 11, fill: "var(--muted)" }}
          />
          <Tooltip
            cursor={{ fill: "var(--hover)" }}
            contentStyle={{ background: "var(--panel)", border: "1px solid var(--border)", fontSize: 12 }}
            formatter={(value) => [String(value), "events"]}
          />
          <Bar dataKey="count" fill="var(--chart)" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
