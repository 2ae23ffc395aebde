import { MONITOR_DEFAULTS, nextExpectedRun, stepStreak, type CheckInOutcome, type StreakStep } from "@faultline/core";
import type { Database } from "./client";
import type { Monitor, MonitorEnvironment, Prisma } from "./generated/prisma/client";
import { scheduleOf } from "./monitors.repo";

type Tx = Prisma.TransactionClient;

export interface CheckInToRecord {
  monitor: Monitor;
  environment: string;
  checkInId: string;
  status: "in_progress" | CheckInOutcome;
  /** Seconds, as SDKs send it. */
  duration: number | null;
  release: string | null;
  monitorConfig: Prisma.InputJsonValue | null;
  /** When it arrived (the job's receivedAt). */
  at: Date;
}

/** A run that ended (or was marked missed or timed out), and what its monitor's issue should do. */
export interface MonitorTransition extends StreakStep {
  monitor: Monitor;
  environment: MonitorEnvironment;
  status: CheckInOutcome;
  checkInId: string;
}

const margin = (monitor: Monitor) => (monitor.checkinMargin ?? MONITOR_DEFAULTS.checkinMarginMinutes) * 60_000;
const maxRuntime = (monitor: Monitor) => (monitor.maxRuntime ?? MONITOR_DEFAULTS.maxRuntimeMinutes) * 60_000;

/** Locks the monitor environment's row (made on first need): its check-ins are recorded one at a time. */
async function lockEnvironment(tx: Tx, monitorId: bigint, environment: string): Promise<MonitorEnvironment> {
  await tx.$executeRaw`
    INSERT INTO monitor_environment (monitor_id, environment) VALUES (${monitorId}, ${environment})
    ON CONFLICT (monitor_id, environment) DO NOTHING`;
  await tx.$queryRaw`SELECT id FROM monitor_environment WHERE monitor_id = ${monitorId} AND environment = ${environment} FOR UPDATE`;
  return tx.monitorEnvironment.findUniqueOrThrow({ where: { monitorId_environment: { monitorId, environment } } });
}

/** Counts a run's end on its environment: status, streaks and, when the issue recovers, forgets it. */
async function endRun(
  tx: Tx,
  monitor: Monitor,
  env: MonitorEnvironment,
  status: CheckInOutcome,
  checkInId: string,
): Promise<MonitorTransition> {
  const step = stepStreak(
    { failureCount: env.failureCount, okCount: env.okCount, issueOpen: env.openIssueId !== null },
    status,
    monitor,
  );
  await tx.monitorEnvironment.update({
    where: { id: env.id },
    data: {
      status,
      failureCount: step.next.failureCount,
      okCount: step.next.okCount,
      ...(step.resolve ? { openIssueId: null } : {}),
    },
  });
  return { ...step, monitor, environment: env, status, checkInId };
}

/**
 * Check-ins of cron monitors and the clock that marks the runs that did not come (missed) or did
 * not finish (timeout). Every change to a monitor environment happens with its row locked, so a
 * check-in and the clock never count the same run twice.
 */
export function createMonitorCheckInsRepo(db: Database) {
  return {
    /**
     * Records a check-in. A new one moves the environment's next expected run; `in_progress`
     * followed by `ok`/`error` with the same id closes it (its duration measured if the SDK sent
     * none). A check-in already closed is not changed again. Returns the ended run, if one ended.
     */
    recordCheckIn(input: CheckInToRecord): Promise<MonitorTransition | null> {
      const { monitor, at } = input;
      return db.$transaction(async (tx) => {
        const env = await lockEnvironment(tx, monitor.id, input.environment);
        const existing = await tx.monitorCheckIn.findUnique({
          where: { projectId_checkInId: { projectId: monitor.projectId, checkInId: input.checkInId } },
        });
        if (existing) {
          if (existing.status !== "in_progress" || input.status === "in_progress") return null;
          await tx.monitorCheckIn.update({
            where: { id: existing.id },
            data: {
              status: input.status,
              duration: input.duration ?? Math.max(0, (at.getTime() - existing.createdAt.getTime()) / 1000),
              timeoutAt: null,
              updatedAt: at,
            },
          });
          return endRun(tx, monitor, env, input.status, input.checkInId);
        }
        const next = nextExpectedRun(scheduleOf(monitor), monitor.timezone, at);
        await tx.monitorCheckIn.create({
          data: {
            projectId: monitor.projectId,
            monitorSlug: monitor.slug,
            checkInId: input.checkInId,
            status: input.status,
            duration: input.duration,
            release: input.release,
            environment: input.environment,
            monitorConfig: input.monitorConfig ?? undefined,
            monitorId: monitor.id,
            monitorEnvironmentId: env.id,
            expectedTime: env.nextCheckIn,
            timeoutAt: input.status === "in_progress" ? new Date(at.getTime() + maxRuntime(monitor)) : null,
            createdAt: at,
            updatedAt: at,
          },
        });
        await tx.monitorEnvironment.update({
          where: { id: env.id },
          data: { lastCheckIn: at, nextCheckIn: next, nextCheckInLatest: new Date(next.getTime() + margin(monitor)) },
        });
        const fresh = { ...env, lastCheckIn: at, nextCheckIn: next };
        return input.status === "in_progress" ? null : endRun(tx, monitor, fresh, input.status, input.checkInId);
      });
    },

    /**
     * The clock, part one: every active monitor environment whose next run is past its margin
     * gets a `missed` check-in for that run, and its next run moves on. Runs missed while the
     * clock itself was not running count once.
     */
    async markMissed(now: Date, limit = 500): Promise<MonitorTransition[]> {
      const due = await db.$queryRaw<{ id: bigint }[]>`
        SELECT e.id FROM monitor_environment e JOIN monitor m ON m.id = e.monitor_id
        WHERE m.status = 'active' AND e.next_check_in_latest <= ${now}
        ORDER BY e.next_check_in_latest LIMIT ${limit}`;
      const transitions: MonitorTransition[] = [];
      for (const { id } of due) {
        const transition = await db.$transaction(async (tx) => {
          await tx.$queryRaw`SELECT id FROM monitor_environment WHERE id = ${id} FOR UPDATE`;
          const env = await tx.monitorEnvironment.findUnique({ where: { id }, include: { monitor: true } });
          if (!env?.nextCheckIn || !env.nextCheckInLatest || env.nextCheckInLatest > now) return null;
          const { monitor, ...environment } = env;
          const expected = env.nextCheckIn;
          const created = await tx.monitorCheckIn.create({
            data: {
              projectId: monitor.projectId,
              monitorSlug: monitor.slug,
              checkInId: crypto.randomUUID(),
              status: "missed",
              environment: environment.environment,
              monitorId: monitor.id,
              monitorEnvironmentId: environment.id,
              expectedTime: expected,
              createdAt: expected,
              updatedAt: now,
            },
          });
          let next = nextExpectedRun(scheduleOf(monitor), monitor.timezone, expected);
          if (next.getTime() + margin(monitor) <= now.getTime())
            next = nextExpectedRun(scheduleOf(monitor), monitor.timezone, now);
          await tx.monitorEnvironment.update({
            where: { id },
            data: { nextCheckIn: next, nextCheckInLatest: new Date(next.getTime() + margin(monitor)) },
          });
          return endRun(tx, monitor, environment, "missed", created.checkInId);
        });
        if (transition) transitions.push(transition);
      }
      return transitions;
    },

    /** The clock, part two: `in_progress` check-ins past their monitor's max runtime become `timeout`. */
    async markTimedOut(now: Date, limit = 500): Promise<MonitorTransition[]> {
      const due = await db.monitorCheckIn.findMany({
        where: { timeoutAt: { lte: now }, status: "in_progress", monitorEnvironmentId: { not: null } },
        select: { id: true, monitorId: true, environment: true },
        orderBy: { timeoutAt: "asc" },
        take: limit,
      });
      const transitions: MonitorTransition[] = [];
      for (const candidate of due) {
        if (candidate.monitorId === null) continue;
        const monitorId = candidate.monitorId;
        const transition = await db.$transaction(async (tx) => {
          const monitor = await tx.monitor.findUnique({ where: { id: monitorId } });
          if (!monitor) return null;
          const env = await lockEnvironment(tx, monitor.id, candidate.environment ?? MONITOR_DEFAULTS.environment);
          const checkIn = await tx.monitorCheckIn.findUnique({ where: { id: candidate.id } });
          if (!checkIn || checkIn.status !== "in_progress") return null;
          await tx.monitorCheckIn.update({
            where: { id: checkIn.id },
            data: { status: "timeout", timeoutAt: null, updatedAt: now },
          });
          // A disabled monitor's run is closed, but neither counted nor reported.
          if (monitor.status === "disabled") return null;
          return endRun(tx, monitor, env, "timeout", checkIn.checkInId);
        });
        if (transition) transitions.push(transition);
      }
      return transitions;
    },

    /** The issue a monitor environment's failures were reported on (until recovery resolves it). */
    setOpenIssue: (environmentId: bigint, issueId: bigint) =>
      db.monitorEnvironment.updateMany({
        where: { id: environmentId, failureCount: { gt: 0 } },
        data: { openIssueId: issueId },
      }),
  };
}

export type MonitorCheckInsRepo = ReturnType<typeof createMonitorCheckInsRepo>;
