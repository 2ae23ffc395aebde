import { parseExpression } from "cron-parser";

export const INTERVAL_UNITS = ["year", "month", "week", "day", "hour", "minute"] as const;
export type IntervalUnit = (typeof INTERVAL_UNITS)[number];

/** When a monitor's job is expected to run: a crontab line, or every `count` units. */
export type MonitorSchedule =
  { type: "crontab"; crontab: string } | { type: "interval"; count: number; unit: IntervalUnit };

// Sentry accepts these nicknames; cron-parser does not know them.
const NICKNAMES: Record<string, string> = {
  "@yearly": "0 0 1 1 *",
  "@annually": "0 0 1 1 *",
  "@monthly": "0 0 1 * *",
  "@weekly": "0 0 * * 0",
  "@daily": "0 0 * * *",
  "@midnight": "0 0 * * *",
  "@hourly": "0 * * * *",
};

/** The five-field crontab a line stands for, or null when it is not one (Sentry refuses seconds fields). */
export function normalizeCrontab(line: string): string | null {
  const trimmed = line.trim().replace(/\s+/g, " ");
  const expanded = NICKNAMES[trimmed.toLowerCase()] ?? trimmed;
  if (expanded.split(" ").length !== 5) return null;
  try {
    parseExpression(expanded, { tz: "UTC" });
    return expanded;
  } catch {
    return null;
  }
}

export function isValidTimezone(timezone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: timezone });
    return true;
  } catch {
    return false;
  }
}

/**
 * The run expected after `reference` (a check-in's time, or the run just marked missed), as
 * Sentry computes it: from the reference truncated to the minute, the next crontab tick in the
 * monitor's timezone, or the reference plus the interval.
 */
export function nextExpectedRun(schedule: MonitorSchedule, timezone: string, reference: Date): Date {
  const minute = new Date(Math.floor(reference.getTime() / 60_000) * 60_000);
  if (schedule.type === "crontab") {
    return parseExpression(schedule.crontab, { currentDate: minute, tz: timezone }).next().toDate();
  }
  const next = new Date(minute);
  const { count, unit } = schedule;
  if (unit === "year") next.setUTCFullYear(next.getUTCFullYear() + count);
  else if (unit === "month") next.setUTCMonth(next.getUTCMonth() + count);
  else next.setTime(next.getTime() + count * UNIT_MS[unit]);
  return next;
}

const UNIT_MS: Record<Exclude<IntervalUnit, "year" | "month">, number> = {
  week: 7 * 86_400_000,
  day: 86_400_000,
  hour: 3_600_000,
  minute: 60_000,
};

/** How Sentry's API writes a schedule: the crontab line, or `[count, unit]`. */
export function scheduleForApi(schedule: MonitorSchedule): string | [number, IntervalUnit] {
  return schedule.type === "crontab" ? schedule.crontab : [schedule.count, schedule.unit];
}
