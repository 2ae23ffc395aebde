import type { SpikeSettings } from "@faultline/core";
import {
  METRICS_UNAUTHORIZED,
  OutcomeBuffer,
  metricsAllowed,
  metricsRegistry,
  type IngestQueue,
  type Logger,
  type Readiness,
} from "@faultline/runtime";
import express, { type Express } from "express";
import { pinoHttp } from "pino-http";
import { randomUUID } from "node:crypto";
import type { RequestListener } from "node:http";
import { existsSync } from "node:fs";
import path from "node:path";
import type { ApiDeps } from "./api/api-deps";
import { createApiRouter } from "./api/api.router";
import { createErrorHandler } from "./http/error-handler";
import { ingestMetrics } from "./http/ingest-metrics";
import { securityHeaders } from "./http/security-headers";
import { collapseSlashes } from "./http/normalize-path";
import type { Redis } from "ioredis";
import { withIngestFastPath, type FastPathOptions } from "./ingest/fast-path";
import { replicaReadScope } from "./read-replica";
import { DEFAULT_SPIKE, createIngestRouter, type IngestDeps, type IngestLimits } from "./ingest/ingest.router";
import type { KeyCache } from "./ingest/key-cache";

export interface AppDeps {
  log: Logger;
  keys: KeyCache;
  queue: IngestQueue;
  /** Producer connection for rate limits and outcome counters (the queue's connection). */
  redis: Redis;
  /** Outcome counters; the owner closes it on shutdown (one is made if absent). */
  outcomes?: OutcomeBuffer;
  limits: IngestLimits;
  spike?: SpikeSettings;
  /** Path prefix from PUBLIC_URL ("" or "/tracker"): DSNs with a prefix post under it. */
  pathPrefix?: string;
  trustProxy?: boolean | number | string;
  /** The dashboard's build (web/dist); served when present. */
  webRoot?: string;
  /** METRICS_TOKEN: when set, /metrics wants it as a bearer token. */
  metricsToken?: string;
  /** Readiness probe for /_health/ready (PostgreSQL, Redis, migrations). */
  readiness?: () => Promise<Readiness>;
  /** The web API (/api/0/); left out, only ingest is served. */
  api?: ApiDeps;
}

/** Answers with a dashboard file (or its app shell): logged at debug. */
const dashboardFiles = new WeakSet<object>();

/** A client's X-Request-Id goes into logs and answers: only a short, plain token is taken. */
const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

function requestIdOf(header: string | string[] | undefined): string {
  return typeof header === "string" && SAFE_REQUEST_ID.test(header) ? header : randomUUID();
}

/** `/api/<project id>/...` (ingest), as opposed to `/api/0/...` (the web API) and everything else. */
function isIngestPath(url: string): boolean {
  return /^(?:\/[^?]*)?\/api\/(?!0\/)\d+\//.test(url);
}

/**
 * The request listener a server listens with: SDK event posts take the ingest fast path,
 * everything else the Express app. Both share one set of ingest dependencies.
 */
export function createRequestListener(deps: AppDeps): RequestListener {
  const ingestDeps = ingestDepsOf(deps);
  const app = createApp(deps, ingestDeps);
  const trust = app.get("trust proxy fn") as FastPathOptions["trust"];
  return withIngestFastPath(ingestDeps, { pathPrefix: deps.pathPrefix ?? "", trust }, app);
}

function ingestDepsOf(deps: AppDeps): IngestDeps {
  return {
    keys: deps.keys,
    queue: deps.queue,
    redis: deps.redis,
    outcomes:
      deps.outcomes ?? new OutcomeBuffer(deps.redis, (error) => deps.log.warn({ err: error }, "outcomes not counted")),
    log: deps.log,
    limits: deps.limits,
    spike: deps.spike ?? DEFAULT_SPIKE,
  };
}

export function createApp(deps: AppDeps, ingestDeps = ingestDepsOf(deps)): Express {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", deps.trustProxy ?? false);
  app.use(collapseSlashes);
  const httpLog = pinoHttp({
    logger: deps.log,
    genReqId: (req, res) => {
      const id = requestIdOf(req.headers["x-request-id"]);
      res.setHeader("X-Request-Id", id);
      return id;
    },
    customLogLevel: (_req, res, err) => {
      if (err || res.statusCode >= 500) return "error";
      if (res.statusCode >= 400) return "warn";
      // Every page view fetches a dozen dashboard files: at info they would bury the API's lines.
      return dashboardFiles.has(res) ? "debug" : "info";
    },
    // Never the body, and only what identifies the request; query strings can hold keys.
    serializers: {
      req: (req: { id: unknown; method: string; url: string }) => ({
        id: req.id,
        method: req.method,
        path: req.url.split("?")[0],
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  });
  // SDK traffic is the bulk of requests and is counted by the ingest metrics; a per-request
  // child logger would cost more than the rest of ingest. Its errors are logged where handled.
  app.use((req, res, next) => (isIngestPath(req.url) ? next() : httpLog(req, res, next)));
  const headers = securityHeaders(deps.api?.settings.publicUrl ?? "http://localhost");
  app.use((req, res, next) => (isIngestPath(req.url) ? next() : headers(req, res, next)));

  app.get("/_health/", (_req, res) => {
    res.json({ status: "ok" });
  });
  app.get("/_health/ready", async (_req, res) => {
    const result = deps.readiness ? await deps.readiness() : undefined;
    if (!result) {
      res.json({ status: "ok" });
      return;
    }
    res.status(result.ready ? 200 : 503).json({ status: result.ready ? "ok" : "unavailable", ...result });
  });
  app.get("/metrics", async (req, res) => {
    if (!metricsAllowed(req.headers.authorization, deps.metricsToken)) {
      res.status(401).set(METRICS_UNAUTHORIZED.headers).json(METRICS_UNAUTHORIZED.body);
      return;
    }
    res.type(metricsRegistry.contentType).send(await metricsRegistry.metrics());
  });

  // Before ingest: /api/0/ is the web API, never a project id.
  if (deps.api) {
    const api = createApiRouter(deps.api, deps.pathPrefix ?? "");
    // With DATABASE_READ_URL, list and detail reads run on the replica (see read-replica.ts).
    app.use(`${deps.pathPrefix ?? ""}/api/0`, replicaReadScope, api);
    if (deps.pathPrefix) app.use("/api/0", replicaReadScope, api);
  }

  const ingest = createIngestRouter(ingestDeps);
  app.use(`${deps.pathPrefix ?? ""}/api`, ingestMetrics, ingest);
  if (deps.pathPrefix) app.use("/api", ingestMetrics, ingest);

  if (deps.webRoot && existsSync(path.join(deps.webRoot, "index.html"))) {
    const webRoot = deps.webRoot;
    // Only what no route above answered gets here: the dashboard's files and its app shell.
    app.use((_req, res, next) => {
      dashboardFiles.add(res);
      next();
    });
    app.use(express.static(webRoot, { index: false, maxAge: "1h" }));
    // Client-side routes: any other GET that is not an API path gets the app shell.
    app.get(/^(?!\/api\/|\/_health).*/, (_req, res) => {
      res.sendFile(path.join(webRoot, "index.html"));
    });
  }

  app.use((_req, res) => {
    res.status(404).json({ detail: "not found" });
  });
  app.use(createErrorHandler(deps.log));
  return app;
}
