import { createDatabase, createIngestKeysRepo, createUsersRepo, databasePool } from "@faultline/db";
import {
  OutcomeBuffer,
  checkReadiness,
  createIngestQueue,
  listenOn,
  createProducerRedis,
  notifyRetryFrom,
  registerPoolMetrics,
  registerQueueMetrics,
  waitForRedis,
  warnIfRedisPersistsNothing,
  type Logger,
} from "@faultline/runtime";
import { existsSync } from "node:fs";
import { createServer, type Server } from "node:http";
import path from "node:path";
import { createRequestListener } from "./app";
import { announceDashboard } from "./dashboard-banner";
import type { ServerConfig } from "./config";
import { ingestDecompressionBudget } from "./ingest/decompression-budget";
import { KeyCache } from "./ingest/key-cache";
import { createKeyChangeNotifier, subscribeToKeyChanges } from "./ingest/key-changes";
import { routeReadsToReplica } from "./read-replica";
import { oidcSettingsFrom } from "./auth/oidc/oidc-settings";

export interface RunningServer {
  server: Server;
  /** Stops accepting connections, finishes in-flight requests, then closes connections. */
  close(): Promise<void>;
}

export interface ServerOptions {
  /** More to report in /_health/ready (npm start: its worker process); never changes `ready`. */
  readinessDetails?: () => Record<string, unknown>;
}

export async function startServer(
  config: ServerConfig,
  log: Logger,
  options: ServerOptions = {},
): Promise<RunningServer> {
  const db = createDatabase({
    url: config.DATABASE_URL,
    poolSize: config.DATABASE_POOL_SIZE,
    statementTimeoutMs: config.API_STATEMENT_TIMEOUT_MS,
  });
  const replica = config.DATABASE_READ_URL
    ? createDatabase({
        url: config.DATABASE_READ_URL,
        poolSize: config.DATABASE_POOL_SIZE,
        statementTimeoutMs: config.API_STATEMENT_TIMEOUT_MS,
      })
    : undefined;
  const redis = createProducerRedis(config.REDIS_URL);
  redis.on("error", (error: Error) => log.warn({ err: error.message }, "redis connection error"));
  // Serve even if Redis is down (ingest answers 503 until it is back), but do not start by
  // refusing events just because the first connection is still being made.
  // The API's queues (alerts, system page) define BullMQ's scripts on their connection, and
  // ioredis copies a connection's scripts into every pipeline it builds: the auto-pipelined
  // connection the ingest path uses for every request stays free of them.
  const apiRedis = redis.duplicate();
  apiRedis.on("error", () => undefined);
  if (!(await waitForRedis(redis, 5000))) log.warn("redis not reachable yet; ingest answers 503 until it is");
  warnIfRedisPersistsNothing(redis, log);
  const queue = createIngestQueue(redis, { failedJobRetentionHours: config.FAILED_JOB_RETENTION_HOURS });
  const outcomes = new OutcomeBuffer(redis, (error) => log.warn({ err: error }, "outcomes not counted"));
  const ingestKeys = createIngestKeysRepo(db);
  const keys = new KeyCache((publicKey) => ingestKeys.findIngestKey(publicKey), config.KEY_CACHE_TTL_SECONDS * 1000);
  // Not awaited: a server whose Redis is down still starts (and its subscription catches up).
  const keySubscription = subscribeToKeyChanges(config.REDIS_URL, keys, log);
  const webRoot = path.resolve(__dirname, "../../web/dist");
  ingestDecompressionBudget.resize(config.INGEST_DECOMPRESSION_BUDGET_MB * 1024 * 1024);
  const oidc = oidcSettingsFrom(config);
  const listener = createRequestListener({
    log,
    keys,
    queue,
    redis,
    outcomes,
    limits: {
      maxCompressed: config.INGEST_MAX_COMPRESSED_BYTES,
      maxDecompressed: config.INGEST_MAX_ENVELOPE_BYTES,
      maxEventBytes: config.INGEST_MAX_EVENT_BYTES,
      maxAttachmentBytes: config.INGEST_MAX_ATTACHMENT_BYTES,
    },
    spike: {
      minPerMinute: config.SPIKE_MIN_EVENTS_PER_MINUTE,
      factor: config.SPIKE_FACTOR,
      sampleRate: config.SPIKE_SAMPLE_RATE,
    },
    pathPrefix: new URL(config.PUBLIC_URL).pathname.replace(/\/+$/, ""),
    trustProxy: config.TRUST_PROXY,
    ...(config.METRICS_TOKEN ? { metricsToken: config.METRICS_TOKEN } : {}),
    webRoot,
    readiness: async () => ({ ...(await checkReadiness(db, redis)), ...options.readinessDetails?.() }),
    api: {
      db: replica ? routeReadsToReplica(db, replica) : db,
      redis: apiRedis,
      log,
      keyChanges: createKeyChangeNotifier(redis, keys, log),
      settings: {
        publicUrl: config.PUBLIC_URL,
        sessionTtlHours: config.SESSION_TTL_HOURS,
        maxBodyBytes: config.API_MAX_BODY_BYTES,
        loginMaxAttempts: config.LOGIN_MAX_ATTEMPTS,
        loginWindowSeconds: config.LOGIN_WINDOW_SECONDS,
        storageBudgetBytes: config.EVENT_STORAGE_BUDGET_MB > 0 ? config.EVENT_STORAGE_BUDGET_MB * 1024 * 1024 : null,
        defaultRetentionDays: config.EVENT_RETENTION_DAYS,
        notifyRetry: notifyRetryFrom(config),
        artifactsDir: path.resolve(config.ARTIFACTS_DIR),
        artifactMaxBytes: config.ARTIFACTS_MAX_BYTES,
        emailConfigured: config.SMTP_URL !== undefined,
        inviteExpiryDays: config.INVITE_EXPIRY_DAYS,
        ...(oidc ? { oidc } : {}),
      },
    },
  });
  registerQueueMetrics(queue.queue);
  const pool = databasePool(db);
  if (pool) registerPoolMetrics(pool);
  const server = await listenOn(createServer(listener), config.PORT, "PORT");
  // SDKs keep connections alive; outlive the usual load-balancer idle timeout.
  server.keepAliveTimeout = 65_000;
  log.info({ port: config.PORT, publicUrl: config.PUBLIC_URL }, "server listening");
  const users = createUsersRepo(db);
  void announceDashboard({
    publicUrl: config.PUBLIC_URL,
    built: existsSync(path.join(webRoot, "index.html")),
    countUsers: () => users.countUsers(),
    log,
    // JSON lines are for collectors; someone at a terminal also gets the plain sentence.
    ...(process.stdout.isTTY ? { terminal: process.stderr } : {}),
  });
  return {
    server,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      await outcomes.close();
      await keySubscription.close();
      await queue.close();
      redis.disconnect();
      apiRedis.disconnect();
      await db.$disconnect();
      await replica?.$disconnect();
    },
  };
}
