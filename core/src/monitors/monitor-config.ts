import { z } from "zod";
import { INTERVAL_UNITS, isValidTimezone, normalizeCrontab, type MonitorSchedule } from "./schedule";

/** Sentry's defaults for what a monitor leaves unset. */
export const MONITOR_DEFAULTS = {
  checkinMarginMinutes: 1,
  maxRuntimeMinutes: 30,
  failureIssueThreshold: 1,
  recoveryThreshold: 1,
  environment: "production",
} as const;

/** A monitor's settings, as stored (null: Sentry's default applies). */
export interface MonitorSettings {
  schedule: MonitorSchedule;
  timezone: string;
  checkinMargin: number | null;
  maxRuntime: number | null;
  failureIssueThreshold: number | null;
  recoveryThreshold: number | null;
}

const minutes = z.number().int().min(1).max(40_320).nullish();
const threshold = z.number().int().min(1).max(720).nullish();
const timezone = z
  .string()
  .max(64)
  .refine(isValidTimezone, "timezone must be a tz database name such as Europe/Vienna")
  .nullish();

const optionalSettings = {
  checkin_margin: minutes,
  max_runtime: minutes,
  timezone,
  failure_issue_threshold: threshold,
  recovery_threshold: threshold,
};

const crontab = z
  .string()
  .max(100)
  .transform((line, ctx) => {
    const normalized = normalizeCrontab(line);
    if (normalized === null) {
      ctx.addIssue({ code: "custom", message: "schedule must be a five-field crontab such as '0 3 * * *'" });
      return z.NEVER;
    }
    return normalized;
  });
const intervalCount = z.number().int().min(1).max(100_000);

/**
 * The `monitor_config` of a check-in (sentry-protocol.md §9.4): `schedule` is
 * `{type: "crontab", value}` or `{type: "interval", value, unit}`.
 */
export const checkInMonitorConfigSchema = z.object({
  schedule: z.discriminatedUnion("type", [
    z.object({ type: z.literal("crontab"), value: crontab }),
    z.object({ type: z.literal("interval"), value: intervalCount, unit: z.enum(INTERVAL_UNITS) }),
  ]),
  ...optionalSettings,
});

/** The `config` of Sentry's monitors API: `schedule_type` plus `schedule` as a line or `[count, unit]`. */
export const apiMonitorConfigSchema = z
  .object({
    schedule_type: z.enum(["crontab", "interval"]).optional(),
    schedule: z.union([crontab, z.tuple([intervalCount, z.enum(INTERVAL_UNITS)])]),
    ...optionalSettings,
  })
  .superRefine((config, ctx) => {
    const isLine = typeof config.schedule === "string";
    const type = config.schedule_type ?? (isLine ? "crontab" : "interval");
    if ((type === "crontab") !== isLine)
      ctx.addIssue({
        code: "custom",
        path: ["schedule"],
        message: "crontab schedules are a string, interval schedules are [count, unit]",
      });
  });

function settingsFrom(
  schedule: MonitorSchedule,
  config: z.infer<typeof checkInMonitorConfigSchema> | z.infer<typeof apiMonitorConfigSchema>,
): MonitorSettings {
  return {
    schedule,
    timezone: config.timezone ?? "UTC",
    checkinMargin: config.checkin_margin ?? null,
    maxRuntime: config.max_runtime ?? null,
    failureIssueThreshold: config.failure_issue_threshold ?? null,
    recoveryThreshold: config.recovery_threshold ?? null,
  };
}

export type ParsedConfig = { ok: true; settings: MonitorSettings } | { ok: false; reason: string };

function describe(error: z.ZodError): string {
  const issue = error.issues[0];
  return issue ? `${issue.path.join(".") || "config"}: ${issue.message}` : "invalid monitor config";
}

export function parseCheckInMonitorConfig(config: unknown): ParsedConfig {
  const parsed = checkInMonitorConfigSchema.safeParse(config);
  if (!parsed.success) return { ok: false, reason: describe(parsed.error) };
  const { schedule } = parsed.data;
  const normalized: MonitorSchedule =
    schedule.type === "crontab"
      ? { type: "crontab", crontab: schedule.value }
      : { type: "interval", count: schedule.value, unit: schedule.unit };
  return { ok: true, settings: settingsFrom(normalized, parsed.data) };
}

export function parseApiMonitorConfig(config: unknown): ParsedConfig {
  const parsed = apiMonitorConfigSchema.safeParse(config);
  if (!parsed.success) return { ok: false, reason: describe(parsed.error) };
  const { schedule } = parsed.data;
  const normalized: MonitorSchedule =
    typeof schedule === "string"
      ? { type: "crontab", crontab: schedule }
      : { type: "interval", count: schedule[0], unit: schedule[1] };
  return { ok: true, settings: settingsFrom(normalized, parsed.data) };
}
