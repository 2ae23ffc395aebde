import { renderTelegram } from "@faultline/core";
import type { AlertRulesRepo } from "@faultline/db";
import { actionOfDelivery } from "../action-of-delivery";
import type { ChannelSender } from "../channel";
import type { GuardedFetch } from "../outbound-guard";
import { postJson } from "../post-json";

/** Telegram Bot API sendMessage (HTML parse mode, escaped). The URL holds the bot token: never logged. */
export function createTelegramSender(
  apiBaseUrl: string,
  guarded: GuardedFetch,
  rules: AlertRulesRepo,
  timeoutMs: number,
): ChannelSender {
  return {
    async send(delivery, notification) {
      const action = await actionOfDelivery(rules, delivery, "telegram");
      const url = `${apiBaseUrl}/bot${action.botToken}/sendMessage`;
      const answer = await postJson(
        guarded,
        url,
        { chat_id: action.chatId, ...renderTelegram(notification) },
        { vendor: "Telegram", timeoutMs, deliveryId: delivery.id },
      );
      const parsed = safeJson(answer.text) as { result?: { message_id?: number } } | null;
      return parsed?.result?.message_id === undefined ? String(answer.status) : String(parsed.result.message_id);
    },
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
