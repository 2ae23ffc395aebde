import type { DigestJob } from "@faultline/core";
import type { AlertJobDeps } from "./deps";
import { enqueueDeliveries } from "./enqueue-deliveries";

/**
 * alert.digest: everything the rule fired for since the last digest, as one message per
 * recipient. Collecting the firings is atomic, so overlapping digest jobs never send one twice.
 */
export function createDigestHandler(deps: AlertJobDeps) {
  return async (job: DigestJob): Promise<void> => {
    const rule = await deps.rules.getById(job.ruleId);
    if (!rule) {
      await deps.digests.clear(job.ruleId);
      return;
    }
    const ids = await deps.firings.collectDigest(rule.id, async (firings) => {
      const notification = await deps.notifications.forDigest(rule, firings);
      return deps.notifications.deliveriesFor(rule, notification, null);
    });
    if (ids.length > 0) deps.log.info({ ruleId: rule.id, deliveries: ids.length }, "alert digest sent");
    await enqueueDeliveries(ids, deps.deliveries, deps.queue, rule.projectId);
    // Firings that arrived while this ran would otherwise wait for the next firing's window.
    await deps.digests.clear(rule.id);
    if (await deps.firings.hasPendingDigest(rule.id))
      await deps.digests.ensure(rule.id, Math.max(1, rule.digestMinutes));
  };
}
