import { useState } from "react";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { SystemIngest } from "../../api/system-types";
import { useApi } from "../../api/use-api";
import { EmptyState, ErrorState, PanelSkeleton } from "../../components/ui/states";
import { formatCount } from "../../lib/time";
import { refusalLabel } from "./format";

const PERIODS = [
  { value: "24h", label: "24 hours" },
  { value: "14d", label: "14 days" },
] as const;
// Refusal colours: distinct from the accepted series, stable per position.
const REFUSED_COLORS = ["var(--error)", "var(--warning)", "#0ea5e9", "#14b8a6", "#a855f7", "#64748b"];

/** Points for recharts: one row per bucket, one key per series. */
export function ingestChartRows(data: SystemIngest): Record<string, number | string>[] {
  const hourly = data.bucketSeconds < 86_400;
  return data.intervals.map((iso, n) => {
    const date = new Date(iso);
    const row: Record<string, number | string> = {
      label: hourly
        ? date.toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit" })
        : date.toLocaleDateString(undefined, { month: "short", day: "numeric" }),
      accepted: data.accepted[n] ?? 0,
    };
    for (const refused of data.refused) row[refusalLabel(refused.outcome, refused.reason)] = refused.series[n] ?? 0;
    return row;
  });
}

/** Events accepted and refused (by outcome and reason) over time, from the hourly outcome counts. */
export function IngestPanel() {
  const [period, setPeriod] = useState<(typeof PERIODS)[number]["value"]>("24h");
  const ingest = useApi<SystemIngest>("/internal/system/ingest/", { period }, { pollMs: 60_000 });
  const data = ingest.data;
  return (
    <div className="panel">
      <div className="panel-head">
        <h2>Ingest</h2>
        <div className="segmented" role="group" aria-label="Ingest period">
          {PERIODS.map((item) => (
            <button
              key={item.value}
              type="button"
              aria-pressed={period === item.value}
              className={period === item.value ? "active" : undefined}
              onClick={() => setPeriod(item.value)}
            >
              {item.label}
            </button>
          ))}
        </div>
      </div>
      {ingest.error ? (
        <ErrorState error={ingest.error} onRetry={ingest.reload} />
      ) : !data ? (
        <PanelSkeleton />
      ) : data.totals.accepted + data.totals.refused === 0 ? (
        <EmptyState title="No events in this period" />
      ) : (
        <>
          <div className="system-figures">
            <div>
              <div className="count-label">Accepted</div>
              <div className="count-value">{formatCount(data.totals.accepted)}</div>
            </div>
            {data.refused.map((refused) => (
              <div key={`${refused.outcome}|${refused.reason}`}>
                <div className="count-label">{refusalLabel(refused.outcome, refused.reason)}</div>
                <div className="count-value">{formatCount(refused.total)}</div>
              </div>
            ))}
          </div>
          <div className="system-chart" aria-label={`${data.totals.accepted} accepted, ${data.totals.refused} refused`}>
            <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 600, height: 220 }}>
              <BarChart data={ingestChartRows(data)} margin={{ top: 8, right: 8, bottom: 0, left: -8 }}>
                <CartesianGrid vertical={false} stroke="var(--border)" />
                <XAxis dataKey="label" tick={{ fontSize: 11, fill: "var(--muted)" }} minTickGap={24} />
                <YAxis allowDecimals={false} tick={{ fontSize: 11, fill: "var(--muted)" }} />
                <Tooltip
                  cursor={{ fill: "var(--hover)" }}
                  contentStyle={{ background: "var(--panel)", border: "1px solid var(--border)", fontSize: 12 }}
                />
                <Legend wrapperStyle={{ fontSize: 12 }} />
                <Bar dataKey="accepted" stackId="ingest" fill="var(--chart)" isAnimationActive={false} />
                {data.refused.map((refused, n) => (
                  <Bar
                    key={`${refused.outcome}|${refused.reason}`}
                    dataKey={refusalLabel(refused.outcome, refused.reason)}
                    stackId="ingest"
                    fill={REFUSED_COLORS[n % REFUSED_COLORS.length]}
                    isAnimationActive={false}
                  />
                ))}
              </BarChart>
            </ResponsiveContainer>
          </div>
        </>
      )}
      <p className="muted small">Error events, counted per hour; the counters reach the database once a minute.</p>
    </div>
  );
}
