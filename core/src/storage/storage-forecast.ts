/**
 * When will stored events hit the storage budget? Retention deletes each project's events once
 * they are older than its retention, so storage grows while a project's stored history is
 * shorter than its retention window and then levels off at
 *
 *   steady state = Σ projects (events stored per day × retention days) × bytes per event
 *
 * with the daily rate taken from recent accepted events and the bytes per event from the event
 * tables as they are now. While a project is still filling its window it adds its daily bytes;
 * a project whose oldest event is already at the retention cutoff adds nothing (retention
 * deletes as much as arrives). Storage reaches the budget when the current size plus that
 * daily growth crosses it before every project is full. Growth is taken as constant until the
 * last window is full, which errs towards warning early when projects fill at different times.
 */
export interface ProjectStorageInput {
  /** Events accepted per day, averaged over a recent period. */
  eventsPerDay: number;
  retentionDays: number;
  /** Timestamp of the project's oldest stored event (null: none stored). */
  oldestEventAt: Date | null;
}

export interface StorageForecastInput {
  now: Date;
  /** Bytes the event tables use now (rows, indexes, TOAST). */
  storedBytes: number;
  storedEvents: number;
  /** Null when no budget is configured. */
  budgetBytes: number | null;
  projects: ProjectStorageInput[];
}

export type StorageForecastStatus = "no_data" | "no_budget" | "within_budget" | "will_exceed" | "exceeded";

export interface StorageForecast {
  status: StorageForecastStatus;
  bytesPerEvent: number | null;
  /** Bytes added per day now (0 once every project keeps a full retention window). */
  growthBytesPerDay: number;
  /** Where storage levels off at the current rates. */
  steadyStateBytes: number | null;
  /** When the last project's window is full (null: already, or nothing is stored). */
  steadyStateAt: string | null;
  /** When the budget is reached (status "will_exceed"), or now ("exceeded"). */
  budgetReachedAt: string | null;
}

const DAY_MS = 86_400_000;

export function forecastStorage(input: StorageForecastInput): StorageForecast {
  const { now, storedBytes, storedEvents, budgetBytes } = input;
  if (storedEvents <= 0 || storedBytes <= 0) {
    const exceeded = budgetBytes !== null && storedBytes >= budgetBytes;
    return {
      status: exceeded ? "exceeded" : "no_data",
      bytesPerEvent: null,
      growthBytesPerDay: 0,
      steadyStateBytes: null,
      steadyStateAt: null,
      budgetReachedAt: exceeded ? now.toISOString() : null,
    };
  }
  const bytesPerEvent = storedBytes / storedEvents;
  let steadyEvents = 0;
  let growingEventsPerDay = 0;
  let fullAtMs = now.getTime();
  for (const project of input.projects) {
    steadyEvents += project.eventsPerDay * project.retentionDays;
    const oldestMs = project.oldestEventAt?.getTime() ?? now.getTime();
    const windowFullAtMs = oldestMs + project.retentionDays * DAY_MS;
    if (windowFullAtMs > now.getTime() && project.eventsPerDay > 0) {
      growingEventsPerDay += project.eventsPerDay;
      fullAtMs = Math.max(fullAtMs, windowFullAtMs);
    }
  }
  const steadyStateBytes = Math.round(steadyEvents * bytesPerEvent);
  const growthBytesPerDay = Math.round(growingEventsPerDay * bytesPerEvent);
  const steadyStateAt = fullAtMs > now.getTime() ? new Date(fullAtMs).toISOString() : null;
  const base = { bytesPerEvent: Math.round(bytesPerEvent), growthBytesPerDay, steadyStateBytes, steadyStateAt };
  if (budgetBytes === null) return { ...base, status: "no_budget", budgetReachedAt: null };
  if (storedBytes >= budgetBytes) return { ...base, status: "exceeded", budgetReachedAt: now.toISOString() };
  if (growthBytesPerDay <= 0) return { ...base, status: "within_budget", budgetReachedAt: null };
  const reachedAtMs = now.getTime() + ((budgetBytes - storedBytes) / growthBytesPerDay) * DAY_MS;
  // Growth stops when the windows are full: the budget is only hit if that happens first.
  if (steadyStateAt !== null && reachedAtMs > fullAtMs)
    return { ...base, status: "within_budget", budgetReachedAt: null };
  return { ...base, status: "will_exceed", budgetReachedAt: new Date(reachedAtMs).toISOString() };
}
