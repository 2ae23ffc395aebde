import type {
  AlertFiringsRepo,
  AlertNotificationsRepo,
  AlertRulesRepo,
  AlertWindowsRepo,
  NotificationDeliveriesRepo,
} from "@faultline/db";
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
  queue: AlertsQueue;
  throttle: Throttle;
  digests: DigestSchedule;
  senders: Record<"email" | "sms" | "webhook", ChannelSender>;
  log: Logger;
}
