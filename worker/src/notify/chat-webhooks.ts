import {
  renderDiscord,
  renderGoogleChat,
  renderSlackBlocks,
  renderSlackCompatible,
  renderTeams,
  type ChatWebhookChannel,
  type Notification,
} from "@faultline/core";
import type { AlertRulesRepo } from "@faultline/db";
import { actionOfDelivery } from "./action-of-delivery";
import type { ChannelSender } from "./channel";
import type { GuardedFetch } from "./outbound-guard";
import { postJson } from "./post-json";

const CHAT_FORMATS: Record<ChatWebhookChannel, { vendor: string; render: (n: Notification) => unknown }> = {
  slack: { vendor: "Slack", render: renderSlackBlocks },
  discord: { vendor: "Discord", render: renderDiscord },
  teams: { vendor: "Teams", render: renderTeams },
  mattermost: { vendor: "Mattermost", render: renderSlackCompatible },
  rocketchat: { vendor: "Rocket.Chat", render: renderSlackCompatible },
  googlechat: { vendor: "Google Chat", render: renderGoogleChat },
};

/**
 * A chat tool's incoming webhook: the URL someone pasted, reached through the outbound guard
 * (it is user-given), with the message rendered and escaped for that tool. These webhooks take
 * no signature: the URL is the credential, so it is kept like one (never logged).
 */
export function createChatWebhookSender(
  channel: ChatWebhookChannel,
  guarded: GuardedFetch,
  rules: AlertRulesRepo,
  timeoutMs: number,
): ChannelSender {
  const { vendor, render } = CHAT_FORMATS[channel];
  return {
    async send(delivery, notification) {
      const action = await actionOfDelivery(rules, delivery, channel);
      const answer = await postJson(guarded, action.url, render(notification), {
        vendor,
        timeoutMs,
        deliveryId: delivery.id,
      });
      return String(answer.status);
    },
  };
}
