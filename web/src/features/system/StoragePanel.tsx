import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { SystemStorage } from "../../api/system-types";
import { useApi } from "../../api/use-api";
import { ErrorState, PanelSkeleton } from "../../components/ui/states";
import { formatCount } from "../../lib/time";
import { formatBytes } from "./format";
import { plural } from "../../lib/text";

function day(iso: string): string {
  return new Date(iso).toLocaleDateString(undefined, { dateStyle: "medium" });
}

/** One sentence on where storage is heading, following the forecast's status. */
export function forecastSentence(storage: SystemStorage): string {
  const { forecast, budgetBytes } = storage;
  const steady =
    forecast.steadyStateBytes === null
      ? ""
      : forecast.steadyStateAt
        ? `Storage levels off around ${formatBytes(forecast.steadyStateBytes)} by ${day(forecast.steadyStateAt)}, when retention deletes as much as arrives.`
        : `Storage has levelled off around ${formatBytes(forecast.steadyStateBytes)}: retention deletes as much as arrives.`;
  switch (forecast.status) {
    case "no_data":
      return "No events stored yet: nothing to forecast.";
    case "no_budget":
      return `${steady} Set EVENT_STORAGE_BUDGET_MB to be warned before a budget is reached.`;
    case "within_budget":
      return `${steady} That stays within the ${formatBytes(budgetBytes ?? 0)} budget.`;
    case "will_exceed":
      return `At this rate the ${formatBytes(budgetBytes ?? 0)} budget is reached around ${day(forecast.budgetReachedAt ?? "")}. Shorten retention or raise the budget.`;
    case "exceeded":
      return `Events already use more than the ${formatBytes(budgetBytes ?? 0)} budget.`;
  }
}

/** Disk used by events (PostgreSQL's own sizes) and the forecast against EVENT_STORAGE_BUDGET_MB. */
export function StoragePanel() {
  const storage = useApi<SystemStorage>("/internal/system/storage/", {}, { pollMs: 60_000 });
  const data = storage.data;
  const bars = data
    ? [
        { name: "Now", bytes: data.eventBytes, color: "var(--chart)" },
        ...(data.forecast.steadyStateBytes !== null
          ? [{ name: "Steady state", bytes: data.forecast.steadyStateBytes, color: "var(--muted)" }]
          : []),
        ...(data.budgetBytes !== null ? [{ name: "Budget", bytes: data.budgetBytes, color: "var(--warning)" }] : []),
      ]
    : [];
  return (
    <div className="panel">
      <h2>Storage</h2>
      {storage.error ? (
        <ErrorState error={storage.error} onRetry={storage.reload} />
      ) : !data ? (
        <PanelSkeleton />
      ) : (
        <>
          <div className="system-figures">
            <div>
              <div className="count-label">Events on disk</div>
              <div className="count-value">{formatBytes(data.eventBytes)}</div>
              <div className="muted small">
                {data.eventTables.map((table) => `${table.table} ${formatBytes(table.bytes)}`).join(" · ")}
              </div>
            </div>
            <div>
              <div className="count-label">Database</div>
              <div className="count-value">{formatBytes(data.databaseBytes)}</div>
            </div>
            <div>
              <div className="count-label">Stored events</div>
              <div className="count-value">{formatCount(data.storedEvents)}</div>
              {data.forecast.bytesPerEvent !== null ? (
                <div className="muted small">{formatBytes(data.forecast.bytesPerEvent)} each</div>
              ) : null}
            </div>
            <div>
              <div className="count-label">Growth</div>
              <div className="count-value">{formatBytes(data.forecast.growthBytesPerDay)}/day</div>
            </div>
          </div>
          <p className={`system-forecast system-forecast-${data.forecast.status}`} role="status">
            {forecastSentence(data)}
          </p>
          <div className="system-chart system-chart-small">
            <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 600, height: 120 }}>
              <BarChart data={bars} layout="vertical" margin={{ top: 4, right: 16, bottom: 0, left: 24 }}>
                <CartesianGrid horizontal={false} stroke="var(--border)" />
                <XAxis type="number" tickFormatter={formatBytes} tick={{ fontSize: 11, fill: "var(--muted)" }} />
                <YAxis type="category" dataKey="name" tick={{ fontSize: 12, fill: "var(--muted)" }} width={90} />
                <Tooltip
                  cursor={{ fill: "var(--hover)" }}
                  contentStyle={{ background: "var(--panel)", border: "1px solid var(--border)", fontSize: 12 }}
                  formatter={(value) => [formatBytes(Number(value)), "size"]}
                />
                <Bar dataKey="bytes" isAnimationActive={false}>
                  {bars.map((bar) => (
                    <Cell key={bar.name} fill={bar.color} />
                  ))}
                </Bar>
              </BarChart>
            </ResponsiveContainer>
          </div>
          <p className="muted small">
            Steady state: each project&apos;s events per day over the last {plural(data.rateWindowDays, "day")} × its
            retention (default {plural(data.defaultRetentionDays, "day")}) × the current bytes per event.
          </p>
        </>
      )}
    </div>
  );
}
