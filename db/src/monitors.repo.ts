import type { MonitorSchedule, MonitorSettings } from "@faultline/core";
import type { Database } from "./client";
import type { Monitor, MonitorEnvironment } from "./generated/prisma/client";

export type MonitorRow = Monitor;
export type MonitorEnvironmentRow = MonitorEnvironment;

/** The schedule a stored monitor runs on. */
export function scheduleOf(monitor: Pick<Monitor, "scheduleType" | "schedule" | "scheduleUnit">): MonitorSchedule {
  if (monitor.scheduleType === "interval")
    return {
      type: "interval",
      count: Number(monitor.schedule),
      unit: (monitor.scheduleUnit ?? "minute") as Extract<MonitorSchedule, { type: "interval" }>["unit"],
    };
  return { type: "crontab", crontab: monitor.schedule };
}

function columnsOf(settings: MonitorSettings) {
  const { schedule } = settings;
  return {
    scheduleType: schedule.type,
    schedule: schedule.type === "crontab" ? schedule.crontab : String(schedule.count),
    scheduleUnit: schedule.type === "interval" ? schedule.unit : null,
    timezone: settings.timezone,
    checkinMargin: settings.checkinMargin,
    maxRuntime: settings.maxRuntime,
    failureIssueThreshold: settings.failureIssueThreshold,
    recoveryThreshold: settings.recoveryThreshold,
  };
}

export interface MonitorChanges {
  name?: string;
  slug?: string;
  settings?: MonitorSettings;
  isMuted?: boolean;
  status?: "active" | "disabled";
}

export type MonitorWithEnvironments = Monitor & { environments: MonitorEnvironment[] };

/** Cron monitors: created by the API or upserted by check-ins that carry `monitor_config`. */
export function createMonitorsRepo(db: Database) {
  return {
    find: (projectId: number, slug: string) =>
      db.monitor.findUnique({ where: { projectId_slug: { projectId, slug } } }),

    /**
     * Sentry's upsert: a check-in's config creates the monitor (named after its slug) or replaces
     * the schedule settings of the existing one; name, mute and status are left as they are.
     */
    upsertFromConfig: (projectId: number, slug: string, settings: MonitorSettings) =>
      db.monitor.upsert({
        where: { projectId_slug: { projectId, slug } },
        create: { projectId, slug, name: slug, ...columnsOf(settings) },
        update: { ...columnsOf(settings), updatedAt: new Date() },
      }),

    create: (projectId: number, slug: string, name: string, settings: MonitorSettings, isMuted = false) =>
      db.monitor.create({ data: { projectId, slug, name, isMuted, ...columnsOf(settings) } }),

    /** The organization's monitors in the given projects, by name, with their environments. */
    list: (projectIds: number[]): Promise<MonitorWithEnvironments[]> =>
      db.monitor.findMany({
        where: { projectId: { in: projectIds } },
        orderBy: [{ name: "asc" }, { id: "asc" }],
        include: { environments: { orderBy: { environment: "asc" } } },
      }),

    /** A monitor by slug among these projects (slugs are unique per project; the oldest wins). */
    findBySlug: (projectIds: number[], slug: string): Promise<MonitorWithEnvironments | null> =>
      db.monitor.findFirst({
        where: { projectId: { in: projectIds }, slug },
        orderBy: { id: "asc" },
        include: { environments: { orderBy: { environment: "asc" } } },
      }),

    update: (id: bigint, changes: MonitorChanges): Promise<MonitorWithEnvironments> =>
      db.monitor.update({
        where: { id },
        data: {
          name: changes.name,
          slug: changes.slug,
          isMuted: changes.isMuted,
          status: changes.status,
          ...(changes.settings ? columnsOf(changes.settings) : {}),
          updatedAt: new Date(),
        },
        include: { environments: { orderBy: { environment: "asc" } } },
      }),

    delete: (id: bigint) => db.monitor.delete({ where: { id } }),

    /** The newest check-ins of a monitor, newest first. */
    checkIns: (monitorId: bigint, options: { environment?: string; limit: number; before?: bigint }) =>
      db.monitorCheckIn.findMany({
        where: {
          monitorId,
          ...(options.environment ? { environment: options.environment } : {}),
          ...(options.before !== undefined ? { id: { lt: options.before } } : {}),
        },
        // A missed check-in is dated at the run it stands for, after later ones were made.
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        take: options.limit,
      }),
  };
}

export type MonitorsRepo = ReturnType<typeof createMonitorsRepo>;
