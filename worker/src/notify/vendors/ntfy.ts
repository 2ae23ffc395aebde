import { renderNtfy } from "@faultline/core";
import type { AlertRulesRepo } from "@faultline/db";
import { actionOfDelivery } from "../action-of-delivery";
import type { ChannelSender } from "../channel";
import type { GuardedFetch } from "../outbound-guard";
import { answerField, postJson } from "../post-json";

/** ntfy JSON publish (POST to the server's root URL), with the topic's access token when it has one. */
export function createNtfySender(
  settings: { baseUrl: string; timeoutMs: number },
  guarded: GuardedFetch,
  rules: AlertRulesRepo,
): ChannelSender {
  return {
    async send(delivery, notification) {
      const action = await actionOfDelivery(rules, delivery, "ntfy");
      const answer = await postJson(guarded, `${settings.baseUrl}/`, renderNtfy(notification, action.topic), {
        vendor: "ntfy",
        timeoutMs: settings.timeoutMs,
        deliveryId: delivery.id,
        ...(action.token ? { headers: { Authorization: `Bearer ${action.token}` } } : {}),
      });
      return answerField(answer.text, "id") ?? String(answer.status);
    },
  };
}
