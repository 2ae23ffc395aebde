import { renderSlack, renderWebhookJson, signWebhook, type AlertAction } from "@faultline/core";
import type { AlertRulesRepo } from "@faultline/db";
import type { ChannelSender } from "./channel";
import { PermanentDeliveryError, findCause } from "./errors";
import { OutboundRefusedError, createGuardedFetch } from "./outbound-guard";

/**
 * Webhooks: a signed POST (X-Faultline-Signature: sha256=HMAC(secret, "<timestamp>.<body>")).
 * 5xx, 408, 429 and timeouts are retried; other answers and refused targets are final.
 */
export function createWebhookSender(
  settings: { allowedHosts: string[]; timeoutMs: number },
  rules: AlertRulesRepo,
): ChannelSender {
  const guarded = createGuardedFetch(settings.allowedHosts);
  return {
    async send(delivery, notification) {
      // The secret stays in the rule (never in the delivery log); a test or retry reads it there.
      const rule = delivery.ruleId === null ? null : await rules.get(delivery.projectId, delivery.ruleId);
      const action = rule?.actions.find(
        (candidate): candidate is Extract<AlertAction, { type: "webhook" }> =>
          candidate.type === "webhook" && candidate.url === delivery.target,
      );
      if (!action) throw new PermanentDeliveryError("the rule no longer has this webhook");
      const body = JSON.stringify(
        action.format === "slack" ? renderSlack(notification) : renderWebhookJson(notification),
      );
      const timestamp = String(Math.floor(Date.now() / 1000));
      let response;
      try {
        response = await guarded.fetch(delivery.target, {
          method: "POST",
          body,
          headers: {
            "Content-Type": "application/json",
            "User-Agent": "Faultline-Webhook/1",
            "X-Faultline-Timestamp": timestamp,
            "X-Faultline-Signature": signWebhook(action.secret, timestamp, body),
            "X-Faultline-Delivery": String(delivery.id),
          },
          signal: AbortSignal.timeout(settings.timeoutMs),
        });
      } catch (error) {
        const refused = findCause(error, OutboundRefusedError);
        // Its own cause only: undici's "fetch failed" around it would end the message that
        // names the setting to change with noise.
        if (refused) throw new PermanentDeliveryError(`refused: ${refused.message}`, { cause: refused });
        if ((error as Error).name === "TimeoutError")
          throw new Error(`no answer within ${settings.timeoutMs} ms`, { cause: error });
        throw error;
      }
      await response.body?.cancel().catch(() => undefined);
      if (response.status >= 200 && response.status < 300) return String(response.status);
      const message = `HTTP ${response.status} from the webhook`;
      if (response.status >= 500 || response.status === 408 || response.status === 429) throw new Error(message);
      throw new PermanentDeliveryError(message);
    },
    close: () => guarded.close(),
  };
}
