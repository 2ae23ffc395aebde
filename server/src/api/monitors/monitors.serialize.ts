import { MONITOR_DEFAULTS, scheduleForApi } from "@faultline/core";
import { scheduleOf, type MonitorEnvironmentRow, type MonitorRow } from "@faultline/db";

type CheckInRow = {
  checkInId: string;
  status: string;
  duration: number | null;
  environment: string | null;
  release: string | null;
  expectedTime: Date | null;
  createdAt: Date;
  updatedAt: Date;
};

/** Sentry's monitor `config`, defaults filled in as Sentry shows them. */
export function serializeConfig(monitor: MonitorRow) {
  return {
    schedule_type: monitor.scheduleType,
    schedule: scheduleForApi(scheduleOf(monitor)),
    checkin_margin: monitor.checkinMargin ?? MONITOR_DEFAULTS.checkinMarginMinutes,
    max_runtime: monitor.maxRuntime ?? MONITOR_DEFAULTS.maxRuntimeMinutes,
    timezone: monitor.timezone,
    failure_issue_threshold: monitor.failureIssueThreshold ?? MONITOR_DEFAULTS.failureIssueThreshold,
    recovery_threshold: monitor.recoveryThreshold ?? MONITOR_DEFAULTS.recoveryThreshold,
    alert_rule_id: null,
  };
}

// Sentry's names for an environment's state; a run missed shows as `missed_checkin`.
const ENVIRONMENT_STATUS: Record<string, string> = { missed: "missed_checkin" };

function serializeEnvironment(monitor: MonitorRow, env: MonitorEnvironmentRow) {
  return {
    name: env.environment,
    status: ENVIRONMENT_STATUS[env.status] ?? env.status,
    isMuted: monitor.isMuted,
    dateCreated: env.createdAt.toISOString(),
    lastCheckIn: env.lastCheckIn?.toISOString() ?? null,
    nextCheckIn: env.nextCheckIn?.toISOString() ?? null,
    nextCheckInLatest: env.nextCheckInLatest?.toISOString() ?? null,
  };
}

/** Sentry's monitor shape (what `sentry-cli monitors list` reads: id, slug, name, status). */
export function serializeMonitor(
  monitor: MonitorRow & { environments: MonitorEnvironmentRow[] },
  project: { id: number; slug: string; name: string; platform: string },
) {
  return {
    id: monitor.guid,
    slug: monitor.slug,
    name: monitor.name,
    status: monitor.status,
    isMuted: monitor.isMuted,
    isUpserting: false,
    type: "cron_job",
    config: serializeConfig(monitor),
    dateCreated: monitor.createdAt.toISOString(),
    owner: null,
    alertRule: null,
    project: { id: String(project.id), slug: project.slug, name: project.name, platform: project.platform },
    environments: monitor.environments.map((env) => serializeEnvironment(monitor, env)),
  };
}

/** Sentry's check-in shape; `duration` in milliseconds. */
export function serializeCheckIn(row: CheckInRow) {
  return {
    id: row.checkInId,
    environment: row.environment,
    status: row.status,
    duration: row.duration === null ? null : Math.round(row.duration * 1000),
    release: row.release,
    dateCreated: row.createdAt.toISOString(),
    dateAdded: row.createdAt.toISOString(),
    dateUpdated: row.updatedAt.toISOString(),
    expectedTime: row.expectedTime?.toISOString() ?? null,
    groups: [],
  };
}
