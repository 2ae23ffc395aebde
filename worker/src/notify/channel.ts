import type { DeliveryRecord } from "@faultline/db";
import type { Notification } from "@faultline/core";

/** Sends one delivery; returns the provider's id for it (Message-Id, message SID, HTTP status). */
export interface ChannelSender {
  send(delivery: DeliveryRecord, notification: Notification): Promise<string | null>;
  close?(): Promise<void> | void;
}
