import { renderPagerDuty } from "@faultline/core";
import type { AlertRulesRepo } from "@faultline/db";
import { actionOfDelivery } from "../action-of-delivery";
import type { ChannelSender } from "../channel";
import type { GuardedFetch } from "../outbound-guard";
import { answerField, postJson } from "../post-json";

/**
 * PagerDuty Events API v2 (POST {base}/v2/enqueue): a trigger per issue with dedup_key per issue,
 * and a resolve with the same key when the issue is resolved. Answers 202 with the dedup_key.
 */
export function createPagerDutySender(
  settings: { apiBaseUrl: string; publicUrl: string; timeoutMs: number },
  guarded: GuardedFetch,
  rules: AlertRulesRepo,
): ChannelSender {
  return {
    async send(delivery, notification) {
      const action = await actionOfDelivery(rules, delivery, "pagerduty");
      let last: string | null = null;
      for (const event of renderPagerDuty(notification, action.routingKey, settings.publicUrl)) {
        const answer = await postJson(guarded, `${settings.apiBaseUrl}/v2/enqueue`, event, {
          vendor: "PagerDuty",
          timeoutMs: settings.timeoutMs,
          deliveryId: delivery.id,
        });
        last = answerField(answer.text, "dedup_key") ?? String(answer.status);
      }
      return last;
    },
  };
}
