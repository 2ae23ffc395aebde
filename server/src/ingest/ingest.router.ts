import type { SpikeSettings } from "@faultline/core";
import type { IngestQueue, Logger, OutcomeBuffer } from "@faultline/runtime";
import { Router } from "express";
import type { Redis } from "ioredis";
import { ingestCors } from "./cors";
import { createEnvelopeRoute } from "./envelope.route";
import { countInvalid } from "./invalid-outcomes";
import type { KeyCache } from "./key-cache";
import { createMinidumpRoute, createUnrealRoute } from "./minidump.route";
import type { BodyLimits } from "./read-body";
import { createSecurityRoute } from "./security.route";
import { createStoreRoute } from "./store.route";

export interface IngestLimits extends BodyLimits {
  /** One event, transaction or security report (and a whole /store/ body), decompressed. */
  maxEventBytes: number;
  /** One attachment (and a minidump upload). */
  maxAttachmentBytes: number;
}

export interface IngestDeps {
  keys: KeyCache;
  queue: IngestQueue;
  /** The producer connection: rate limits, quotas and outcome counters. */
  redis: Redis;
  /** Outcome counters, summed briefly in memory and sent to Redis in one pipeline. */
  outcomes: OutcomeBuffer;
  log: Logger;
  limits: IngestLimits;
  spike: SpikeSettings;
}

export const DEFAULT_SPIKE: SpikeSettings = { minPerMinute: 1000, factor: 10, sampleRate: 0.1 };

/**
 * SDK-facing routes (DSN-key auth, forgiving about shapes, fast). Everything heavy happens in
 * the worker; a request here costs a body read, a parse and two Redis round trips (limits,
 * then the jobs), plus the outcome counters — never a database query for a known key.
 */
export function createIngestRouter(deps: IngestDeps): Router {
  const router = Router();
  router.use(ingestCors);
  router.post("/:projectId/envelope", createEnvelopeRoute(deps));
  router.post("/:projectId/store", createStoreRoute(deps));
  router.post(["/:projectId/security", "/:projectId/csp-report"], createSecurityRoute(deps));
  router.post("/:projectId/minidump", createMinidumpRoute(deps));
  router.post("/:projectId/unreal/:sentryKey", createUnrealRoute(deps));
  router.use(countInvalid(deps));
  return router;
}
