import type { AlertRulesRepo, SmsUsageRepo } from "@faultline/db";
import type { DeliveryChannel } from "@faultline/core";
import type { ChannelSender } from "./channel";
import { createChatWebhookSender } from "./chat-webhooks";
import { createEmailSender } from "./email";
import { createGuardedFetch } from "./outbound-guard";
import type { NotifySettings } from "./settings";
import { createSmsSender } from "./sms";
import { createNtfySender } from "./vendors/ntfy";
import { createOpsgenieSender } from "./vendors/opsgenie";
import { createPagerDutySender } from "./vendors/pagerduty";
import { createTelegramSender } from "./vendors/telegram";
import { createWebhookSender } from "./webhook";

/**
 * One sender per channel. User-given chat webhook URLs must be public addresses (or in
 * WEBHOOK_ALLOWED_HOSTS); the vendor channels call only the operator's *_API_BASE_URL hosts
 * (paths built here from validated tokens), so those hosts are let through as set — for them
 * alone, never for a URL someone pasted.
 */
export function createSenders(
  settings: NotifySettings,
  rules: AlertRulesRepo,
  smsUsage: SmsUsageRepo,
): Record<DeliveryChannel, ChannelSender> {
  const { vendors, webhook } = settings;
  const vendorHosts = Object.values(vendors).map((url) => new URL(url).hostname);
  const guarded = createGuardedFetch(webhook.allowedHosts);
  const vendorFetch = createGuardedFetch([...webhook.allowedHosts, ...vendorHosts]);
  const timeoutMs = webhook.timeoutMs;
  const chat = (channel: Parameters<typeof createChatWebhookSender>[0]) =>
    createChatWebhookSender(channel, guarded.fetch, rules, timeoutMs);
  return {
    email: createEmailSender(settings.email),
    sms: createSmsSender(settings.sms, smsUsage, settings.publicUrl),
    webhook: createWebhookSender(webhook, rules),
    slack: chat("slack"),
    discord: chat("discord"),
    teams: chat("teams"),
    mattermost: chat("mattermost"),
    rocketchat: chat("rocketchat"),
    // The shared fetches are closed once, with the last chat sender.
    googlechat: {
      ...chat("googlechat"),
      close: async () => {
        await Promise.all([guarded.close(), vendorFetch.close()]);
      },
    },
    telegram: createTelegramSender(vendors.telegramApiBaseUrl, vendorFetch.fetch, rules, timeoutMs),
    pagerduty: createPagerDutySender(
      { apiBaseUrl: vendors.pagerDutyApiBaseUrl, publicUrl: settings.publicUrl, timeoutMs },
      vendorFetch.fetch,
      rules,
    ),
    opsgenie: createOpsgenieSender({ apiBaseUrl: vendors.opsgenieApiBaseUrl, timeoutMs }, vendorFetch.fetch, rules),
    ntfy: createNtfySender({ baseUrl: vendors.ntfyBaseUrl, timeoutMs }, vendorFetch.fetch, rules),
  };
}
