import { normalizeEvent, prepareNormalizedEvent, userKeyOf, type ProcessEventJob } from "@faultline/core";
import { SerializedJson, type EventsRepo, type StoreOutcome, type StoredEventInput } from "@faultline/db";
import { eventsProcessed, processingLag, type Logger } from "@faultline/runtime";
import { UnrecoverableError } from "bullmq";
import { Batcher } from "./batcher";
import type { Symbolicate } from "../sourcemaps/symbolicator";
import { ProjectGoneError, type ProjectSettingsCache } from "./project-settings";

export interface ProcessEventDeps {
  events: EventsRepo;
  settings: ProjectSettingsCache;
  log: Logger;
  batch: { maxSize: number; maxWaitMs: number };
  /** JavaScript source maps; left out, frames are stored as they came. */
  symbolicate?: Symbolicate;
  /** Runs after the event is stored (alert evaluation is queued here). */
  afterStore?: (outcome: StoreOutcome, input: StoredEventInput) => Promise<void>;
}

/**
 * event.process: normalize → symbolicate (JavaScript) → scrub → group (pure, per job), then store through a batcher so
 * concurrent jobs share one transaction (issue upsert, event insert, counters, rollups).
 */
export function createProcessEventHandler({ events, settings, log, batch, afterStore, symbolicate }: ProcessEventDeps) {
  const batcher = new Batcher<StoredEventInput, StoreOutcome>(
    (inputs) => events.storeEvents(inputs),
    batch.maxSize,
    batch.maxWaitMs,
  );

  return async (job: ProcessEventJob): Promise<StoreOutcome> => {
    let projectSettings;
    try {
      projectSettings = await settings.get(job.projectId);
    } catch (error) {
      if (error instanceof ProjectGoneError) throw new UnrecoverableError(error.message);
      throw error;
    }
    const normalized = normalizeEvent(job.event, {
      eventId: job.eventId,
      receivedAt: job.receivedAt,
      clientIp: job.clientIp,
    });
    // Before grouping: issues group on the original frames, not on minified ones.
    const symbolicated = symbolicate ? await symbolicate(job.projectId, normalized) : normalized;
    const { event, hashes, groupingVersion } = prepareNormalizedEvent(symbolicated, {
      scrub: projectSettings.scrub,
      fingerprintRules: projectSettings.fingerprintRules,
    });
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
      data: SerializedJson.of(event),
    };
    const outcome = await batcher.add(input);
    eventsProcessed.inc({ result: outcome.stored ? "stored" : "duplicate" });
    processingLag.observe(Math.max(0, Date.now() - job.receivedAt) / 1000);
    if (afterStore) await afterStore(outcome, input);
    log.debug({ projectId: job.projectId, eventId: job.eventId, stored: outcome.stored }, "event processed");
    return outcome;
  };
}
