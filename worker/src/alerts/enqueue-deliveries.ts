import type { DeliveryChannel } from "@faultline/core";
import type { AlertsQueue } from "@faultline/runtime";
import type { NotificationDeliveriesRepo } from "@faultline/db";

/** Queues a job for each delivery (by id; the channel decides the job name). */
export async function enqueueDeliveries(
  ids: bigint[],
  deliveries: NotificationDeliveriesRepo,
  queue: AlertsQueue,
  projectId: number,
): Promise<void> {
  for (const id of ids) {
    const delivery = await deliveries.get(projectId, id);
    if (delivery) await queue.deliver(delivery.channel as DeliveryChannel, id);
  }
}
