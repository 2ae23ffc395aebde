import { notificationSchema, type DeliveryChannel, type DeliveryJob } from "@faultline/core";
import { notificationsSent } from "@faultline/runtime";
import { UnrecoverableError } from "bullmq";
import type { ChannelSender } from "../notify/channel";
import { PermanentDeliveryError, describeError } from "../notify/errors";
import type { AlertJobDeps } from "./deps";

export interface AttemptInfo {
  /** Attempts made before this one. */
  attemptsMade: number;
  maxAttempts: number;
}

/**
 * notify.<channel> (email, sms, webhook, slack, pagerduty...): sends one delivery and records the outcome. A
 * failure is recorded on every attempt; the delivery turns `failed` when the error is permanent
 * or the attempts are used up. Already sent (a duplicate job) → nothing is sent again.
 */
export function createDeliverHandler(deps: AlertJobDeps) {
  return async (job: DeliveryJob, attempt: AttemptInfo): Promise<void> => {
    const id = BigInt(job.deliveryId);
    const delivery = await deps.deliveries.startAttempt(id);
    if (!delivery) return;
    const sender = deps.senders[delivery.channel as DeliveryChannel] as ChannelSender | undefined;
    const payload = notificationSchema.safeParse(delivery.payload);
    try {
      if (!sender) throw new PermanentDeliveryError(`unknown channel "${delivery.channel}"`);
      if (!payload.success) throw new PermanentDeliveryError("stored notification does not parse");
      const providerId = await sender.send(delivery, payload.data);
      await deps.deliveries.markSent(id, providerId);
      notificationsSent.inc({ channel: delivery.channel, result: "sent" });
    } catch (error) {
      const permanent = error instanceof PermanentDeliveryError;
      const final = permanent || attempt.attemptsMade + 1 >= attempt.maxAttempts;
      const message = describeError(error);
      await deps.deliveries.recordError(id, message, final);
      // Counted once per delivery when it gives up, not per attempt: retries are not results.
      if (final) notificationsSent.inc({ channel: delivery.channel, result: "failed" });
      deps.log.warn(
        { deliveryId: job.deliveryId, channel: delivery.channel, attempt: delivery.attempts, final, reason: message },
        "notification not delivered",
      );
      if (permanent) throw new UnrecoverableError(message);
      throw error;
    }
  };
}
