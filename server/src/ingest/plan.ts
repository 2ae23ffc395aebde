import type { OutcomeIncrement, ProcessEventJob, QueuedJob } from "@faultline/core";

/**
 * An item subject to rate limits and quotas (events, transactions, security reports), with the
 * jobs that go or drop with it (its event job, its attachments).
 */
export interface LimitedItem {
  category: "error" | "transaction" | "security";
  /** The event to process; transactions are only counted, so they have none. */
  event?: ProcessEventJob;
  dependents: QueuedJob[];
}

/** What one request turns into, before rate limits are applied. */
export interface IngestPlan {
  projectId: number;
  /** What the SDK is told as `id`, if anything in the request has an event id. */
  responseId: string | undefined;
  limited: LimitedItem[];
  /** Jobs that are never rate limited (sessions, feedback, check-ins, orphan attachments). */
  jobs: QueuedJob[];
  /** Outcomes known before admission: accepted-and-dropped types, invalid items, client reports. */
  outcomes: OutcomeIncrement[];
  /** Attachment bytes by blob key; only those whose job survives the limits are written. */
  blobs: Map<string, Buffer>;
}

export function emptyPlan(projectId: number): IngestPlan {
  return { projectId, responseId: undefined, limited: [], jobs: [], outcomes: [], blobs: new Map() };
}
