import { z } from "zod";
import type { NotifyRetry } from "./alerts-queue";
import { redisSentinelConfigSchema } from "./redis-connection";

/** Settings every process reads. Each process extends this with its own area. */
export const commonConfigSchema = z.object({
  DATABASE_URL: z.string().refine((value) => /^postgres(ql)?:\/\//.test(value), "must be a postgresql:// URL"),
  REDIS_URL: z
    .string()
    .refine((value) => /^rediss?:\/\//.test(value), "must be a redis:// or rediss:// URL")
    .default("redis://127.0.0.1:6379"),
  /** Redis behind Sentinel: REDIS_SENTINELS, REDIS_SENTINEL_NAME, REDIS_SENTINEL_PASSWORD. */
  ...redisSentinelConfigSchema.shape,
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  /** Days events are kept (a project can override it): the worker deletes, the server forecasts. */
  EVENT_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  /**
   * Attempts per notification, and the exponential backoff between them (first delay, cap).
   * Shared: the server queues deliveries too (test sends, manual retries).
   */
  NOTIFY_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(6),
  NOTIFY_BACKOFF_MS: z.coerce.number().int().min(1).default(30_000),
  NOTIFY_BACKOFF_MAX_MS: z.coerce
    .number()
    .int()
    .min(1)
    .default(15 * 60_000),
  /**
   * Hours a failed ingest job (an unscrubbed payload) is kept in Redis for replay; completed
   * jobs are removed at once. Shared: the server queues jobs, the worker requeues and sweeps.
   */
  FAILED_JOB_RETENTION_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 365)
    .default(72),
  /** Uploaded source maps and release files; server and worker must see the same directory. */
  ARTIFACTS_DIR: z.string().trim().min(1).default("data/artifacts"),
  /** When set, /metrics (server and worker) answers only `Authorization: Bearer <METRICS_TOKEN>`. */
  METRICS_TOKEN: z
    .string()
    .trim()
    .optional()
    .transform((value) => value || undefined),
});

/** The notification retry policy from the settings. */
export function notifyRetryFrom(
  config: Pick<CommonConfig, "NOTIFY_MAX_ATTEMPTS" | "NOTIFY_BACKOFF_MS" | "NOTIFY_BACKOFF_MAX_MS">,
): NotifyRetry {
  return {
    attempts: config.NOTIFY_MAX_ATTEMPTS,
    backoffMs: config.NOTIFY_BACKOFF_MS,
    maxBackoffMs: config.NOTIFY_BACKOFF_MAX_MS,
  };
}

export type CommonConfig = z.infer<typeof commonConfigSchema>;
