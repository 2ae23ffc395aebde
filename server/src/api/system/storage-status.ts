import { forecastStorage, type StorageForecast } from "@faultline/core";
import type { SystemRepo } from "@faultline/db";

/** Days of accepted events the growth rate is averaged over. */
export const RATE_WINDOW_DAYS = 7;
const DAY_MS = 86_400_000;

export interface StorageStatus {
  databaseBytes: number;
  eventTables: { table: string; bytes: number }[];
  eventBytes: number;
  storedEvents: number;
  budgetBytes: number | null;
  defaultRetentionDays: number;
  rateWindowDays: number;
  forecast: StorageForecast;
}

/** A project younger than the rate window is averaged over its own age (at least a day). */
function observedDays(oldestEventAt: Date | null, now: Date): number {
  if (!oldestEventAt) return RATE_WINDOW_DAYS;
  return Math.min(RATE_WINDOW_DAYS, Math.max(1, (now.getTime() - oldestEventAt.getTime()) / DAY_MS));
}

export async function readStorageStatus(
  repo: SystemRepo,
  settings: { budgetBytes: number | null; defaultRetentionDays: number },
  now = new Date(),
): Promise<StorageStatus> {
  const [databaseBytes, eventTables, storedEvents, projects] = await Promise.all([
    repo.databaseBytes(),
    repo.eventTableBytes(),
    repo.storedEventCount(),
    repo.projectStorage(new Date(now.getTime() - RATE_WINDOW_DAYS * DAY_MS)),
  ]);
  const eventBytes = eventTables.reduce((sum, table) => sum + table.bytes, 0);
  const forecast = forecastStorage({
    now,
    storedBytes: eventBytes,
    storedEvents,
    budgetBytes: settings.budgetBytes,
    projects: projects.map((project) => ({
      eventsPerDay: project.acceptedSince / observedDays(project.oldestEventAt, now),
      retentionDays: project.retentionDays ?? settings.defaultRetentionDays,
      oldestEventAt: project.oldestEventAt,
    })),
  });
  return {
    databaseBytes,
    eventTables,
    eventBytes,
    storedEvents,
    budgetBytes: settings.budgetBytes,
    defaultRetentionDays: settings.defaultRetentionDays,
    rateWindowDays: RATE_WINDOW_DAYS,
    forecast,
  };
}
