import type {
  AlertFiringsRepo,
  AlertNotificationsRepo,
  AlertRulesRepo,
  AlertWindowsRepo,
  NotificationDeliveriesRepo,
  ResolveNoticesRepo,
} from "@faultline/db";
import type { DeliveryChannel } from "@faultline/core";
import type { AlertsQueue, Logger } from "@faultline/runtime";
import type { ChannelSender } from "../notify/channel";
import type { DigestSchedule } from "./digest-schedule";
import type { Throttle } from "./throttle";

export interface AlertJobDeps {
  rules: AlertRulesRepo;
  windows: AlertWindowsRepo;
  firings: AlertFiringsRepo;
  deliveries: NotificationDeliveriesRepo;
  notifications: AlertNotificationsRepo;
  resolveNotices: ResolveNoticesRepo;
  queue: AlertsQueue;
  throttle: Throttle;
  digests: DigestSchedule;
  senders: Record<DeliveryChannel, ChannelSender>;
  log: Logger;
}
