import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { createServer, type Server } from "node:http";
import { buildDsn, type SpikeSettings } from "@faultline/core";
import { createDatabase, createIngestKeysRepo, createProjectsRepo, type Database } from "@faultline/db";
import {
  OutcomeBuffer,
  createIngestQueue,
  createLogger,
  createProducerRedis,
  waitForRedis,
  type IngestQueue,
  type Logger,
} from "@faultline/runtime";
import { DEFAULT_SOURCE_MAP_SETTINGS, startWorker, type RunningWorker, type WorkerDeps } from "@faultline/worker";
import { Redis } from "ioredis";
import { DEFAULT_API_SETTINGS, type ApiSettings } from "../../server/src/api/api-deps";
import { createRequestListener } from "../../server/src/app";
import { KeyCache } from "../../server/src/ingest/key-cache";
import { createKeyChangeNotifier, subscribeToKeyChanges } from "../../server/src/ingest/key-changes";

export const silentLog = createLogger("silent", "test");

export function testUrls() {
  const databaseUrl = process.env.DATABASE_URL;
  const redisUrl = process.env.REDIS_URL;
  if (!databaseUrl || !redisUrl)
    throw new Error("integration test environment not set up (test/support/worker-env.ts)");
  return { databaseUrl, redisUrl };
}

/** This jest worker's ARTIFACTS_DIR, shared by its test server and test worker. */
export function testArtifactsDir(): string {
  return path.join(
    tmpdir(),
    `faultline-artifacts-${process.env.TEST_DB_PREFIX ?? "test"}-${process.env.JEST_WORKER_ID ?? "0"}`,
  );
}

export function openDatabase(): Database {
  return createDatabase({ url: testUrls().databaseUrl, poolSize: 5 });
}

/** Empties every table and this worker's Redis db, so each test starts from nothing. */
export async function resetState(db: Database): Promise<void> {
  await db.$executeRawUnsafe(
    "TRUNCATE organization, project, project_key, issue, group_hash, event, outcome, attachment, session_stat, release_session_user, user_feedback, monitor_check_in, app_user, organization_member, user_session, api_token, issue_activity, audit_log_entry, release, artifact_bundle, release_file, alert_rule, alert_firing, notification_delivery, project_sms_daily_count RESTART IDENTITY CASCADE",
  );
  const redis = new Redis(testUrls().redisUrl, { maxRetriesPerRequest: 1 });
  try {
    await redis.flushdb();
  } finally {
    redis.disconnect();
  }
}

export async function createTestProject(db: Database, name = "Test Project", org = "acme") {
  const created = await createProjectsRepo(db).createProject({ orgSlug: org, name, platform: "node" });
  return { ...created, dsnFor: (baseUrl: string) => buildDsn(baseUrl, created.publicKey, created.projectId) };
}

export interface TestServer {
  url: string;
  server: Server;
  queue: IngestQueue;
  redis: Redis;
  keys: KeyCache;
  close(): Promise<void>;
}

/** The real ingest app on an ephemeral port, against the real database and Redis. */
export async function startTestServer(
  db: Database,
  overrides: {
    maxEventBytes?: number;
    maxCompressed?: number;
    maxDecompressed?: number;
    maxAttachmentBytes?: number;
    spike?: SpikeSettings;
    /** Another Redis (the durability tests start their own). */
    redisUrl?: string;
    /** Do not wait for Redis to be up. */
    allowRedisDown?: boolean;
    api?: Partial<Omit<ApiSettings, "publicUrl">>;
    /** Serve the dashboard's build from here (web/dist), as the real server does. */
    webRoot?: string;
    /** The app's logger (silent unless a test reads the log). */
    log?: Logger;
  } = {},
): Promise<TestServer> {
  const redis = createProducerRedis(overrides.redisUrl ?? testUrls().redisUrl);
  redis.on("error", () => undefined);
  if (!(await waitForRedis(redis, 5000)) && !overrides.allowRedisDown)
    throw new Error("test Redis did not become ready");
  const queue = createIngestQueue(redis);
  const outcomes = new OutcomeBuffer(redis, () => undefined, 20);
  const ingestKeys = createIngestKeysRepo(db);
  const keys = new KeyCache((key) => ingestKeys.findIngestKey(key), 60_000);
  const keySubscription = subscribeToKeyChanges(overrides.redisUrl ?? testUrls().redisUrl, keys, silentLog);
  if (!overrides.allowRedisDown) await keySubscription.ready;
  // Listen first: the web API needs its own URL (PUBLIC_URL) for DSNs, links and CSRF.
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  const log = overrides.log ?? silentLog;
  const app = createRequestListener({
    log,
    api: {
      db,
      redis,
      log,
      keyChanges: createKeyChangeNotifier(redis, keys, silentLog),
      settings: {
        ...DEFAULT_API_SETTINGS,
        artifactsDir: testArtifactsDir(),
        ...overrides.api,
        publicUrl: url,
      },
    },
    keys,
    queue,
    redis,
    outcomes,
    ...(overrides.webRoot ? { webRoot: overrides.webRoot } : {}),
    limits: {
      maxCompressed: overrides.maxCompressed ?? 20 * 1024 * 1024,
      maxDecompressed: overrides.maxDecompressed ?? 100 * 1024 * 1024,
      maxEventBytes: overrides.maxEventBytes ?? 1024 * 1024,
      maxAttachmentBytes: overrides.maxAttachmentBytes ?? 10 * 1024 * 1024,
    },
    ...(overrides.spike ? { spike: overrides.spike } : {}),
  });
  server.on("request", app);
  return {
    url,
    server,
    queue,
    redis,
    keys,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await outcomes.close();
      await keySubscription.close();
      await queue.close();
      redis.disconnect();
    },
  };
}

export function startTestWorker(db: Database, concurrency = 4, extra: Partial<WorkerDeps> = {}): RunningWorker {
  return startWorker({
    db,
    redisUrl: testUrls().redisUrl,
    log: silentLog,
    concurrency,
    outcomesFlushIntervalMs: 300,
    sourceMaps: { ...DEFAULT_SOURCE_MAP_SETTINGS, artifactsDir: testArtifactsDir() },
    ...extra,
  });
}

/** Polls until `check` returns a value that is not undefined/false, or fails after `timeoutMs`. */
export async function waitFor<T>(
  check: () => Promise<T | undefined | false>,
  timeoutMs = 10_000,
  what = "condition",
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined | false;
  while (Date.now() < deadline) {
    last = await check();
    if (last !== undefined && last !== false) return last;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what} (last value: ${JSON.stringify(last)})`);
}

/** Waits until the ingest queue has nothing waiting, running or retrying (schedules aside). */
/**
 * The ingest queue on the test Redis, as the server makes it, for tests that queue jobs without
 * a server; its `close` also drops its Redis connection.
 */
export async function openTestQueue(): Promise<IngestQueue> {
  const redis = createProducerRedis(testUrls().redisUrl);
  if (!(await waitForRedis(redis, 5000))) throw new Error("test Redis did not become ready");
  const queue = createIngestQueue(redis);
  return {
    queue: queue.queue,
    enqueueEvent: (job) => queue.enqueueEvent(job),
    enqueue: (jobs) => queue.enqueue(jobs),
    async close() {
      await queue.close();
      redis.disconnect();
    },
  };
}

export async function waitForQueueDrained(queue: IngestQueue, timeoutMs = 15_000): Promise<void> {
  await waitFor(
    async () => {
      const counts = await queue.queue.getJobCounts("waiting", "active", "prioritized");
      if (!Object.values(counts).every((count) => count === 0)) return false;
      // The next run of a repeatable job (outcomes flush, retention) is always delayed.
      const delayed = await queue.queue.getDelayed();
      return delayed.every((job) => job.repeatJobKey !== undefined);
    },
    timeoutMs,
    "the ingest queue to drain",
  );
}
