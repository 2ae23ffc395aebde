import { parseInt4Count, replayFailedJobsBody } from "@faultline/core";
import { createSystemRepo, type Database } from "@faultline/db";
import type { Logger } from "@faultline/runtime";
import { Router } from "express";
import type { Redis } from "ioredis";
import { badRequest, notFound } from "../api-error";
import { parse, queryString } from "../validate";
import { toIngestSeries } from "./ingest-series";
import { createQueueStatus, SYSTEM_QUEUES, type SystemQueueName } from "./queue-status";
import { readStorageStatus } from "./storage-status";
import { requireSuperuser } from "./superuser";

const HOUR_MS = 3_600_000;
const PERIODS: Record<string, { buckets: number; bucketMs: number }> = {
  "24h": { buckets: 24, bucketMs: HOUR_MS },
  "7d": { buckets: 7 * 24, bucketMs: HOUR_MS },
  "14d": { buckets: 14, bucketMs: 24 * HOUR_MS },
  "30d": { buckets: 30, bucketMs: 24 * HOUR_MS },
};
const CATEGORY = /^[a-z0-9_.-]{1,64}$/;

export interface SystemSettings {
  /** EVENT_STORAGE_BUDGET_MB in bytes; null when not set. */
  storageBudgetBytes: number | null;
  /** EVENT_RETENTION_DAYS: retention of projects without their own. */
  defaultRetentionDays: number;
}

function limitOf(raw: unknown, fallback: number, max: number): number {
  const text = queryString(raw);
  if (text === undefined) return fallback;
  const value = parseInt4Count(text);
  if (value === undefined || value < 1 || value > max) throw badRequest(`limit: an integer from 1 to ${max}`);
  return value;
}

/**
 * Faultline's own health for operators (`/internal/system/...`, a Faultline-only path): ingest
 * outcomes over time, queues, failed jobs (with replay), failed notifications and storage.
 */
export function createSystemRouter(deps: {
  db: Database;
  redis: Redis;
  log: Logger;
  settings: SystemSettings;
}): Router {
  const repo = createSystemRepo(deps.db);
  const queues = createQueueStatus(deps.redis);
  const router = Router();
  const base = "/internal/system";

  router.get(`${base}/ingest/`, async (req, res) => {
    requireSuperuser(res, "read");
    const periodName = queryString(req.query.period) ?? "24h";
    const period = PERIODS[periodName];
    if (!period) throw badRequest(`period: one of ${Object.keys(PERIODS).join(", ")}`);
    const category = queryString(req.query.category) ?? "error";
    if (!CATEGORY.test(category)) throw badRequest("category: a data category such as error or transaction");
    const end = Math.ceil((Date.now() + 1) / period.bucketMs) * period.bucketMs;
    const start = end - period.buckets * period.bucketMs;
    const rows = await repo.outcomeBuckets(category, new Date(start), period.bucketMs);
    res.json({
      period: periodName,
      category,
      bucketSeconds: period.bucketMs / 1000,
      ...toIngestSeries(rows, start, period.buckets, period.bucketMs),
    });
  });

  router.get(`${base}/queues/`, async (_req, res) => {
    requireSuperuser(res, "read");
    res.json(await queues.status());
  });

  router.get(`${base}/failed-jobs/`, async (req, res) => {
    requireSuperuser(res, "read");
    const wanted = queryString(req.query.queue);
    if (wanted !== undefined && !SYSTEM_QUEUES.includes(wanted as SystemQueueName))
      throw badRequest(`queue: one of ${SYSTEM_QUEUES.join(", ")}`);
    const names = wanted ? [wanted as SystemQueueName] : SYSTEM_QUEUES;
    res.json(await queues.failed(names, limitOf(req.query.limit, 100, 1000)));
  });

  router.post(`${base}/failed-jobs/replay/`, async (req, res) => {
    const principal = requireSuperuser(res, "admin");
    const body = parse(replayFailedJobsBody, req.body);
    const result = await queues.replay(body.queue, "all" in body ? "all" : body.ids);
    if ("ids" in body && result.replayed.length === 0) throw notFound("No such failed job");
    // The audit log is per organization and a replay is install-wide: it goes to the server log.
    deps.log.info(
      { userId: principal.user.id, queue: body.queue, replayed: result.replayed.length },
      "failed jobs replayed",
    );
    res.json(result);
  });

  router.get(`${base}/notification-failures/`, async (req, res) => {
    requireSuperuser(res, "read");
    const rows = await repo.failedDeliveries(limitOf(req.query.limit, 50, 500));
    res.json(
      rows.map((row) => ({
        id: row.id.toString(),
        organization: row.organizationSlug,
        project: row.projectSlug,
        ruleId: row.ruleId,
        kind: row.kind,
        channel: row.channel,
        target: row.target,
        attempts: row.attempts,
        lastError: row.lastError,
        createdAt: row.createdAt.toISOString(),
        failedAt: row.updatedAt.toISOString(),
        recoveredAt: row.recoveredAt ? row.recoveredAt.toISOString() : null,
      })),
    );
  });

  router.get(`${base}/storage/`, async (_req, res) => {
    requireSuperuser(res, "read");
    res.json(
      await readStorageStatus(repo, {
        budgetBytes: deps.settings.storageBudgetBytes,
        defaultRetentionDays: deps.settings.defaultRetentionDays,
      }),
    );
  });

  return router;
}
