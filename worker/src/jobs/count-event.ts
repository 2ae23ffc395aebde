import { prepareEvent, type ProcessEventJob } from "@faultline/core";
import type { IssueCountsRepo } from "@faultline/db";
import type { Logger } from "@faultline/runtime";

export interface CountEventDeps {
  issueCounts: IssueCountsRepo;
  log: Logger;
}

/**
 * event.count (spike protection): the event is grouped like any other and counted on its issue,
 * but its payload is not stored. An event of a group never seen before is stored in full.
 * Counting is by event id, so a job that runs again (a killed worker, a replay) counts once.
 */
export function createCountEventHandler(
  { issueCounts, log }: CountEventDeps,
  processEvent: (job: ProcessEventJob) => Promise<unknown>,
) {
  return async (job: ProcessEventJob): Promise<void> => {
    const { event, hashes } = prepareEvent(job.event, {
      eventId: job.eventId,
      receivedAt: job.receivedAt,
      clientIp: job.clientIp,
    });
    const counted = await issueCounts.countOnKnownIssue(
      job.projectId,
      job.eventId,
      hashes,
      new Date(event.timestamp * 1000),
    );
    if (counted) log.debug({ projectId: job.projectId, eventId: job.eventId }, "event counted without payload");
    else await processEvent(job);
  };
}
