import { createServer, type Server } from "node:http";
import { migrationStatus, type Database } from "@faultline/db";
import type { Redis } from "ioredis";
import { withDeadline } from "./deadline";
import { listenOn } from "./listen";
import { metricsRegistry } from "./metrics";
import { METRICS_UNAUTHORIZED, metricsAllowed } from "./metrics-access";
import { REDIS_PERSISTENCE_WARNING, redisPersistence, type RedisPersistence } from "./redis";

export interface Readiness {
  ready: boolean;
  checks: { postgres: string; redis: string; migrations: string };
  /** Whether Redis keeps queued events on disk ("unknown": CONFIG not allowed, or Redis down). */
  redisPersistence: RedisPersistence;
  /** What an operator should know that does not make the process unready. */
  warnings: string[];
}

const CHECK_TIMEOUT_MS = 2000;

/**
 * PostgreSQL and Redis reachable, and every migration this version ships applied. Redis without
 * persistence is reported as a warning and leaves the process ready: some run it so on purpose.
 */
export async function checkReadiness(db: Database, redis: Redis): Promise<Readiness> {
  const [postgres, redisCheck, migrations, persistence] = await Promise.all([
    probe(async () => {
      await db.$queryRaw`SELECT 1`;
    }),
    probe(async () => {
      await redis.ping();
    }),
    probe(async () => {
      const status = await migrationStatus(db);
      if (status.failed.length > 0) throw new Error(`failed migration ${status.failed.join(", ")}`);
      if (status.pending.length > 0) throw new Error(`${status.pending.length} pending migration(s)`);
    }),
    withDeadline(redisPersistence(redis), CHECK_TIMEOUT_MS, (): RedisPersistence => "unknown"),
  ]);
  const checks = { postgres, redis: redisCheck, migrations };
  return {
    ready: Object.values(checks).every((value) => value === "ok"),
    checks,
    redisPersistence: persistence,
    warnings: persistence === "off" ? [REDIS_PERSISTENCE_WARNING] : [],
  };
}

async function probe(check: () => Promise<void>): Promise<string> {
  try {
    await withDeadline(check(), CHECK_TIMEOUT_MS, () => {
      throw new Error("timed out");
    });
    return "ok";
  } catch (error) {
    return error instanceof Error ? error.message.split("\n")[0] || "error" : "error";
  }
}

/**
 * The worker's own small HTTP server: GET /_health/ (process up), /_health/ready and /metrics.
 * Plain node:http — the worker serves nothing else.
 */
export function startHealthServer(
  port: number,
  ready: () => Promise<Readiness>,
  options: { metricsToken?: string } = {},
): Promise<Server> {
  const server = createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    const send = (status: number, body: string, type = "application/json", headers: Record<string, string> = {}) => {
      res.writeHead(status, { "Content-Type": type, ...headers });
      res.end(body);
    };
    if (req.method !== "GET") return send(405, JSON.stringify({ detail: "method not allowed" }));
    if (path === "/_health" || path === "/_health/") return send(200, JSON.stringify({ status: "ok" }));
    if (path === "/_health/ready") {
      ready().then(
        (result) =>
          send(result.ready ? 200 : 503, JSON.stringify({ status: result.ready ? "ok" : "unavailable", ...result })),
        () => send(503, JSON.stringify({ status: "unavailable" })),
      );
      return;
    }
    if (path === "/metrics") {
      if (!metricsAllowed(req.headers.authorization, options.metricsToken))
        return send(401, JSON.stringify(METRICS_UNAUTHORIZED.body), "application/json", METRICS_UNAUTHORIZED.headers);
      metricsRegistry.metrics().then(
        (text) => send(200, text, metricsRegistry.contentType),
        () => send(500, JSON.stringify({ detail: "metrics unavailable" })),
      );
      return;
    }
    send(404, JSON.stringify({ detail: "not found" }));
  });
  return listenOn(server, port, "WORKER_HEALTH_PORT");
}
