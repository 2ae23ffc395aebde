import { Redis, type RedisOptions } from "ioredis";
import { z } from "zod";

/**
 * Redis behind Sentinel. REDIS_SENTINELS lists the sentinels (`host:port,host:port`); every
 * connection then asks them for the current master of REDIS_SENTINEL_NAME and follows a
 * failover. REDIS_URL still gives the master's password, user, database number and TLS
 * (`rediss://`); its host and port are not used. Managed Redis with TLS needs only a
 * `rediss://` REDIS_URL.
 */
export const redisSentinelConfigSchema = z.object({
  REDIS_SENTINELS: z
    .string()
    .trim()
    .optional()
    .transform((value, ctx) => {
      if (!value) return undefined;
      const sentinels = value.split(",").map((entry) => /^\s*([^\s:]+|\[[^\]]+\]):(\d{1,5})\s*$/.exec(entry));
      if (sentinels.some((match) => !match || Number(match[2]) > 65535)) {
        ctx.addIssue({ code: "custom", message: "must be host:port pairs separated by commas" });
        return z.NEVER;
      }
      return sentinels.map((match) => ({
        host: (match?.[1] ?? "").replace(/^\[|\]$/g, ""),
        port: Number(match?.[2]),
      }));
    }),
  /** The master's name in the sentinels' configuration (`sentinel monitor <name> ...`). */
  REDIS_SENTINEL_NAME: z.string().trim().min(1).default("mymaster"),
  /** The sentinels' own password (`requirepass` on the sentinels), if they have one. */
  REDIS_SENTINEL_PASSWORD: z
    .string()
    .optional()
    .transform((value) => value || undefined),
});

export type RedisSentinelConfig = z.infer<typeof redisSentinelConfigSchema>;

/**
 * The connection options for REDIS_URL: with REDIS_SENTINELS set, a Sentinel connection with the
 * URL's credentials, database and TLS; otherwise undefined (ioredis reads the URL itself).
 * `env` is the process environment (checked at start with the other settings).
 */
export function sentinelOptions(
  url: string,
  env: Record<string, string | undefined> = process.env,
): RedisOptions | undefined {
  const config = redisSentinelConfigSchema.parse(env);
  if (!config.REDIS_SENTINELS) return undefined;
  const parsed = new URL(url);
  const db = Number(parsed.pathname.slice(1) || 0);
  const tls = parsed.protocol === "rediss:";
  return {
    sentinels: config.REDIS_SENTINELS,
    name: config.REDIS_SENTINEL_NAME,
    ...(config.REDIS_SENTINEL_PASSWORD ? { sentinelPassword: config.REDIS_SENTINEL_PASSWORD } : {}),
    ...(parsed.username ? { username: decodeURIComponent(parsed.username) } : {}),
    ...(parsed.password ? { password: decodeURIComponent(parsed.password) } : {}),
    ...(Number.isInteger(db) ? { db } : {}),
    ...(tls ? { tls: {}, enableTLSForSentinelMode: true } : {}),
  };
}

/** A connection to REDIS_URL (through the sentinels when REDIS_SENTINELS is set). */
export function connectRedis(url: string, options: RedisOptions = {}, env?: Record<string, string | undefined>): Redis {
  const sentinel = sentinelOptions(url, env);
  return sentinel ? new Redis({ ...sentinel, ...options }) : new Redis(url, options);
}
