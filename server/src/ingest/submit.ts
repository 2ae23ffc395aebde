import {
  JOB_NAMES,
  formatRateLimitHeader,
  outcome,
  secondsUntilWindowEnds,
  type OutcomeIncrement,
  type QueuedJob,
  type SpikeSettings,
} from "@faultline/core";
import type { IngestKeyRecord } from "@faultline/db";
import { admit, putBlobs, type Admission, type IngestQueue, type OutcomeBuffer } from "@faultline/runtime";
import type { Redis } from "ioredis";
import { enqueueOrUnavailable, redisOrUnavailable } from "./enqueue";
import type { IngestPlan } from "./plan";

export interface SubmitDeps {
  queue: IngestQueue;
  redis: Redis;
  spike: SpikeSettings;
  outcomes: OutcomeBuffer;
  /** Injectable for tests of spike sampling; Math.random otherwise. */
  random?: () => number;
}

export interface SubmitResult {
  /** 429 when rate limits refused everything that was sent. */
  status: 200 | 429;
  headers: Record<string, string>;
  responseId: string | undefined;
}

/**
 * Applies rate limits, quotas and spike sampling to a plan, queues what survives (one round
 * trip, before the SDK hears anything) and counts every outcome.
 */
export async function submitPlan(
  deps: SubmitDeps,
  key: IngestKeyRecord,
  plan: IngestPlan,
  now = Date.now(),
): Promise<SubmitResult> {
  const outcomes: OutcomeIncrement[] = [...plan.outcomes];
  const jobs: QueuedJob[] = [];
  const headers: Record<string, string> = {};
  let admission: Admission = { allowed: true, spiking: false };
  if (plan.limited.length > 0) {
    const request = {
      projectId: plan.projectId,
      publicKey: key.publicKey,
      keyLimit: key.keyLimit,
      projectQuota: key.projectQuota,
      quantity: plan.limited.length,
      nowMs: now,
    };
    admission = await redisOrUnavailable(deps.redis, () => admit(deps.redis, request, deps.spike));
  }
  if (admission.allowed) {
    const random = deps.random ?? Math.random;
    for (const item of plan.limited) {
      // While spiking, most payloads are only counted on their (known) issue: exact counts, sampled storage.
      const sampledOut = admission.spiking && item.category === "error" && random() >= deps.spike.sampleRate;
      if (item.event) jobs.push({ name: sampledOut ? JOB_NAMES.countEvent : JOB_NAMES.processEvent, data: item.event });
      if (!sampledOut) jobs.push(...item.dependents);
      const kind = sampledOut ? "filtered" : "accepted";
      const reason = sampledOut ? "spike_protection" : "";
      outcomes.push(outcome(plan.projectId, kind, item.category, 1, reason));
      for (const _ of item.dependents) outcomes.push(outcome(plan.projectId, kind, "attachment_item", 1, reason));
    }
  } else {
    const retryAfter = secondsUntilWindowEnds(now, admission.window.windowSeconds);
    const reasonCode = admission.limitedBy === "key" ? "key_quota" : "quota_exceeded";
    headers["Retry-After"] = String(retryAfter);
    headers["X-Sentry-Rate-Limits"] = formatRateLimitHeader({ retryAfter, scope: admission.limitedBy, reasonCode });
    for (const item of plan.limited) {
      outcomes.push(outcome(plan.projectId, "rate_limited", item.category, 1, reasonCode));
      for (const _ of item.dependents)
        outcomes.push(outcome(plan.projectId, "rate_limited", "attachment_item", 1, reasonCode));
    }
  }
  jobs.push(...plan.jobs);
  // The bytes of surviving attachments go first: a job must never point at a missing blob. If
  // queueing then fails, the SDK hears 503 and the orphaned blobs expire.
  const blobs = survivingBlobs(jobs, plan.blobs);
  if (blobs.length > 0) await redisOrUnavailable(deps.redis, () => putBlobs(deps.redis, blobs));
  await enqueueOrUnavailable(deps.queue, jobs);
  // Counted after the jobs are queued, and never a reason to fail the request.
  deps.outcomes.add(outcomes);
  // Nothing but client reports left after the limits: tell the SDK 429 so it backs off (§2.2).
  const survivors = jobs.length + plan.outcomes.filter((o) => o.outcome === "accepted").length;
  const status = !admission.allowed && survivors === 0 ? 429 : 200;
  return { status, headers, responseId: plan.responseId };
}

function survivingBlobs(jobs: QueuedJob[], blobs: Map<string, Buffer>): [string, Buffer][] {
  const out: [string, Buffer][] = [];
  for (const job of jobs) {
    if (job.name !== JOB_NAMES.storeAttachment || job.data.blobKey === undefined) continue;
    const bytes = blobs.get(job.data.blobKey);
    if (bytes) out.push([job.data.blobKey, bytes]);
  }
  return out;
}
