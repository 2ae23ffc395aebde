import {
  normalizeEventFields,
  prepareNormalizedEvent,
  sanitizeStrings,
  userFieldsOf,
  userKeyOf,
  type ProcessEventJob,
} from "@faultline/core";
import { SerializedJson, type EventsRepo, type StoreOutcome, type StoredEventInput } from "@faultline/db";
import { eventsProcessed, processingLag, type Logger } from "@faultline/runtime";
import { UnrecoverableError } from "bullmq";
import { Batcher } from "./batcher";
import { describeStoreFailure, storeFailureKind } from "./failure-kind";
import { startProcessingBudget } from "./processing-budget";
import type { Symbolicate } from "../sourcemaps/symbolicator";
import { ProjectGoneError, type ProjectSettingsCache } from "./project-settings";

export interface ProcessEventDeps {
  events: EventsRepo;
  settings: ProjectSettingsCache;
  log: Logger;
  batch: { maxSize: number; maxWaitMs: number };
  /** Most milliseconds one event's normalize → symbolicate → scrub → group may take (default 5000). */
  processingBudgetMs?: number;
  /** The clock the budget is measured with (tests move it). */
  now?: () => number;
  /** JavaScript source maps; left out, frames are stored as they came. */
  symbolicate?: Symbolicate;
  /** Runs after the event is stored (alert evaluation is queued here). */
  afterStore?: (outcome: StoreOutcome, input: StoredEventInput) => Promise<void>;
}

export const DEFAULT_PROCESSING_BUDGET_MS = 5000;

/**
 * event.process: normalize → symbolicate (JavaScript) → scrub → group (pure, per job, within the
 * event's processing budget), then store through a batcher so concurrent jobs share one
 * transaction (issue upsert, event insert, counters, rollups). A batch that fails is split until
 * the failing event is alone; an event whose values PostgreSQL refuses fails for good at once.
 */
export function createProcessEventHandler(deps: ProcessEventDeps) {
  const { events, settings, log, batch, afterStore, symbolicate } = deps;
  const budgetMs = deps.processingBudgetMs ?? DEFAULT_PROCESSING_BUDGET_MS;
  const batcher = new Batcher<StoredEventInput, StoreOutcome>(
    (inputs) => events.storeEvents(inputs),
    batch.maxSize,
    batch.maxWaitMs,
    undefined,
    // Splitting a batch the database cannot take at all only multiplies the failures.
    (error) => storeFailureKind(error) !== "unavailable",
  );

  return async (job: ProcessEventJob): Promise<StoreOutcome> => {
    let projectSettings;
    try {
      projectSettings = await settings.get(job.projectId);
    } catch (error) {
      if (error instanceof ProjectGoneError) throw new UnrecoverableError(error.message);
      throw error;
    }
    // Started after the settings lookup: a slow database is not the event's fault.
    const budget = startProcessingBudget(budgetMs, deps.now);
    // Fields only: title, culprit and promoted tags are derived after scrubbing (prepareNormalizedEvent).
    const normalized = normalizeEventFields(job.event, {
      eventId: job.eventId,
      receivedAt: job.receivedAt,
      clientIp: job.clientIp,
    });
    budget.check("normalize");
    // Before grouping: issues group on the original frames, not on minified ones.
    const mapped = symbolicate ? await budget.race("symbolicate", symbolicate(job.projectId, normalized)) : normalized;
    // Source files and maps are uploaded text too: what they add (context lines, names, paths)
    // is made storable like the payload was. Most events have nothing to map and are not walked.
    const symbolicated = mapped === normalized ? normalized : sanitizeStrings(mapped);
    budget.check("symbolicate");
    const { event, hashes, groupingVersion } = prepareNormalizedEvent(symbolicated, {
      scrub: projectSettings.scrub,
      fingerprintRules: projectSettings.fingerprintRules,
    });
    budget.check("scrub and group");
    const input: StoredEventInput = {
      projectId: job.projectId,
      eventId: job.eventId,
      hashes,
      groupingVersion,
      title: event.title,
      culprit: event.culprit,
      level: event.level,
      type: event.type,
      metadata: event.metadata,
      timestamp: new Date(event.timestamp * 1000),
      receivedAt: new Date(job.receivedAt),
      platform: event.platform,
      release: event.release ?? null,
      environment: event.environment ?? null,
      message: event.message,
      tags: event.tags,
      userKey: userKeyOf(event.user),
      userFields: userFieldsOf(event.user),
      hasMinifiedStackTrace: event.exception?.values?.some((value) => value.raw_stacktrace !== undefined) ?? false,
      data: SerializedJson.of(event),
    };
    const outcome = await batcher.add(input).catch((error: unknown) => {
      // Alone in its batch by now: the values of this event are what PostgreSQL refuses.
      if (storeFailureKind(error) === "data")
        throw new UnrecoverableError(`storing the event failed: ${describeStoreFailure(error)}`);
      throw error;
    });
    eventsProcessed.inc({ result: outcome.stored ? "stored" : "duplicate" });
    processingLag.observe(Math.max(0, Date.now() - job.receivedAt) / 1000);
    if (afterStore) await afterStore(outcome, input);
    log.debug({ projectId: job.projectId, eventId: job.eventId, stored: outcome.stored }, "event processed");
    return outcome;
  };
}
