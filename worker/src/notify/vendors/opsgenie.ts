import { opsgenieCloseAliases, renderOpsgenieCreate } from "@faultline/core";
import type { AlertRulesRepo } from "@faultline/db";
import { actionOfDelivery } from "../action-of-delivery";
import type { ChannelSender } from "../channel";
import type { GuardedFetch } from "../outbound-guard";
import { answerField, postJson } from "../post-json";

/**
 * Opsgenie Alert API: create (POST {base}/v2/alerts, alias per issue) and, when the issue is
 * resolved, close (POST {base}/v2/alerts/{alias}/close?identifierType=alias). Both answer 202
 * with a requestId (the request is processed asynchronously).
 */
export function createOpsgenieSender(
  settings: { apiBaseUrl: string; timeoutMs: number },
  guarded: GuardedFetch,
  rules: AlertRulesRepo,
): ChannelSender {
  return {
    async send(delivery, notification) {
      const action = await actionOfDelivery(rules, delivery, "opsgenie");
      const options = {
        vendor: "Opsgenie",
        timeoutMs: settings.timeoutMs,
        deliveryId: delivery.id,
        headers: { Authorization: `GenieKey ${action.apiKey}` },
      };
      const requests =
        notification.kind === "resolve"
          ? opsgenieCloseAliases(notification).map((alias) => ({
              url: `${settings.apiBaseUrl}/v2/alerts/${encodeURIComponent(alias)}/close?identifierType=alias`,
              body: { source: "Faultline", note: "The issue was resolved in Faultline." },
            }))
          : renderOpsgenieCreate(notification, action.priority).map((body) => ({
              url: `${settings.apiBaseUrl}/v2/alerts`,
              body,
            }));
      let last: string | null = null;
      for (const request of requests) {
        const answer = await postJson(guarded, request.url, request.body, options);
        last = answerField(answer.text, "requestId") ?? String(answer.status);
      }
      return last;
    },
  };
}
