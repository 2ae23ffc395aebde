import { Bar, BarChart, ResponsiveContainer, Tooltip, YAxis } from "recharts";
import type { StatSeries } from "../../api/types";
import { toChartPoints } from "./chart-data";
import { plural } from "../../lib/text";

/** A tiny bar chart of an issue's `stats` (24h hourly or 14d daily); a flat line when there is nothing. */
export function Sparkline({ series, label }: { series: StatSeries | undefined; label: string }) {
  const points = toChartPoints(series);
  const total = points.reduce((sum, point) => sum + point.count, 0);
  if (points.length === 0 || total === 0)
    return <div className="sparkline sparkline-empty" aria-label={`${label}: no events`} />;
  return (
    <div className="sparkline" aria-label={`${label}: ${plural(total, "event")}`}>
      <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 160, height: 32 }}>
        <BarChart data={points} margin={{ top: 1, right: 0, bottom: 0, left: 0 }} barCategoryGap={1}>
          <YAxis hide domain={[0, "dataMax"]} />
          <Tooltip
            cursor={false}
            wrapperStyle={{ zIndex: 10 }}
            contentStyle={{ fontSize: 12, padding: "2px 6px" }}
            labelFormatter={(_, payload) => payload[0]?.payload?.label ?? ""}
            formatter={(value) => [String(value), "events"]}
          />
          <Bar dataKey="count" fill="var(--chart)" isAnimationActive={false} minPointSize={1} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
