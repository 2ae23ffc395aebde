import { z } from "zod";

/**
 * Request bodies of the chat tools' incoming webhooks, transcribed from each vendor's reference
 * (fields, required ones, documented length limits). Strict: an unknown field is an error, as a
 * typo there would be silently ignored by the vendor.
 */

// Slack: https://docs.slack.dev/reference/block-kit/composition-objects/text-object and /blocks/*
const slackPlainText = (max = 3000) =>
  z.strictObject({ type: z.literal("plain_text"), text: z.string().min(1).max(max), emoji: z.boolean().optional() });
const slackMrkdwn = (max = 3000) =>
  z.strictObject({ type: z.literal("mrkdwn"), text: z.string().min(1).max(max), verbatim: z.boolean().optional() });
const slackText = (max = 3000) => z.union([slackPlainText(max), slackMrkdwn(max)]);
const slackButton = z.strictObject({
  type: z.literal("button"),
  text: slackPlainText(75),
  action_id: z.string().max(255).optional(),
  url: z.url().max(3000).optional(),
  value: z.string().max(2000).optional(),
  style: z.enum(["primary", "danger"]).optional(),
});
const blockId = z.string().max(255).optional();
const slackBlock = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("header"), text: slackPlainText(150), block_id: blockId }),
  z
    .strictObject({
      type: z.literal("section"),
      text: slackText(3000).optional(),
      fields: z.array(slackText(2000)).min(1).max(10).optional(),
      block_id: blockId,
    })
    .refine((block) => block.text !== undefined || block.fields !== undefined, "a section needs text or fields"),
  z.strictObject({
    type: z.literal("context"),
    elements: z.array(slackText(3000)).min(1).max(10),
    block_id: blockId,
  }),
  z.strictObject({ type: z.literal("actions"), elements: z.array(slackButton).min(1).max(25), block_id: blockId }),
  z.strictObject({ type: z.literal("divider"), block_id: blockId }),
]);
/** https://docs.slack.dev/messaging/sending-messages-using-incoming-webhooks */
export const slackWebhookSchema = z
  .strictObject({
    text: z.string().max(40000).optional(),
    blocks: z.array(slackBlock).max(50).optional(),
    mrkdwn: z.boolean().optional(),
    thread_ts: z.string().optional(),
  })
  .refine((body) => body.text !== undefined || body.blocks !== undefined, "text or blocks is required");

/** Slack's older attachments, as Mattermost and Rocket.Chat incoming webhooks take them. */
export const slackCompatibleWebhookSchema = z
  .strictObject({
    text: z.string().max(16383).optional(),
    username: z.string().optional(),
    icon_url: z.url().optional(),
    channel: z.string().optional(),
    attachments: z
      .array(
        z.strictObject({
          fallback: z.string().optional(),
          color: z
            .string()
            .regex(/^#[0-9a-fA-F]{6}$|^(good|warning|danger)$/)
            .optional(),
          pretext: z.string().optional(),
          title: z.string().optional(),
          title_link: z.url().optional(),
          text: z.string().optional(),
          fields: z
            .array(z.strictObject({ title: z.string(), value: z.string(), short: z.boolean().optional() }))
            .optional(),
          footer: z.string().optional(),
        }),
      )
      .optional(),
  })
  .refine((body) => body.text !== undefined || (body.attachments?.length ?? 0) > 0, "text or attachments is required");

// Discord: https://discord.com/developers/docs/resources/webhook#execute-webhook and
// https://discord.com/developers/docs/resources/message#embed-object-embed-limits
const discordEmbed = z
  .strictObject({
    title: z.string().max(256).optional(),
    type: z.literal("rich").optional(),
    description: z.string().max(4096).optional(),
    url: z.url().optional(),
    timestamp: z.iso.datetime().optional(),
    color: z.number().int().min(0).max(0xffffff).optional(),
    footer: z.strictObject({ text: z.string().max(2048), icon_url: z.url().optional() }).optional(),
    author: z.strictObject({ name: z.string().max(256), url: z.url().optional() }).optional(),
    fields: z
      .array(
        z.strictObject({
          name: z.string().min(1).max(256),
          value: z.string().min(1).max(1024),
          inline: z.boolean().optional(),
        }),
      )
      .max(25)
      .optional(),
  })
  .refine(
    (embed) =>
      (embed.title?.length ?? 0) +
        (embed.description?.length ?? 0) +
        (embed.footer?.text.length ?? 0) +
        (embed.fields ?? []).reduce((sum, field) => sum + field.name.length + field.value.length, 0) <=
      6000,
    "an embed's text is at most 6000 characters",
  );
export const discordWebhookSchema = z
  .strictObject({
    content: z.string().max(2000).optional(),
    username: z.string().min(1).max(80).optional(),
    avatar_url: z.url().optional(),
    tts: z.boolean().optional(),
    embeds: z.array(discordEmbed).max(10).optional(),
    allowed_mentions: z
      .strictObject({
        parse: z.array(z.enum(["roles", "users", "everyone"])).optional(),
        roles: z.array(z.string()).max(100).optional(),
        users: z.array(z.string()).max(100).optional(),
        replied_user: z.boolean().optional(),
      })
      .optional(),
    flags: z.number().int().optional(),
    thread_name: z.string().optional(),
  })
  .refine((body) => body.content !== undefined || (body.embeds?.length ?? 0) > 0, "content or embeds is required");

// Microsoft Teams Workflows webhook: a message with Adaptive Card attachments
// (https://learn.microsoft.com/microsoftteams/platform/webhooks-and-connectors/how-to/connectors-using
// and https://adaptivecards.io/explorer/).
const textRun = z.strictObject({
  type: z.literal("TextRun"),
  text: z.string(),
  weight: z.enum(["Default", "Lighter", "Bolder"]).optional(),
  size: z.enum(["Default", "Small", "Medium", "Large", "ExtraLarge"]).optional(),
  fontType: z.enum(["Default", "Monospace"]).optional(),
  color: z.enum(["Default", "Dark", "Light", "Accent", "Good", "Warning", "Attention"]).optional(),
  isSubtle: z.boolean().optional(),
  italic: z.boolean().optional(),
  strikethrough: z.boolean().optional(),
  highlight: z.boolean().optional(),
  underline: z.boolean().optional(),
});
const cardElement = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("RichTextBlock"), inlines: z.array(z.union([z.string(), textRun])).min(1) }),
  z.strictObject({
    type: z.literal("TextBlock"),
    text: z.string(),
    wrap: z.boolean().optional(),
    weight: z.enum(["Default", "Lighter", "Bolder"]).optional(),
    size: z.enum(["Default", "Small", "Medium", "Large", "ExtraLarge"]).optional(),
    isSubtle: z.boolean().optional(),
  }),
]);
const openUrl = z.strictObject({ type: z.literal("Action.OpenUrl"), title: z.string().optional(), url: z.url() });
export const adaptiveCardSchema = z.strictObject({
  $schema: z.string().optional(),
  type: z.literal("AdaptiveCard"),
  version: z.string().regex(/^1\.[0-6]$/),
  body: z.array(cardElement).optional(),
  actions: z.array(openUrl).optional(),
  msteams: z.record(z.string(), z.unknown()).optional(),
});
export const teamsWorkflowSchema = z.strictObject({
  type: z.literal("message"),
  attachments: z
    .array(
      z.strictObject({
        contentType: z.literal("application/vnd.microsoft.card.adaptive"),
        contentUrl: z.string().nullable().optional(),
        content: adaptiveCardSchema,
      }),
    )
    .min(1),
});

// Google Chat: https://developers.google.com/workspace/chat/api/reference/rest/v1/spaces.messages
// and https://developers.google.com/workspace/chat/api/reference/rest/v1/cards
const chatOnClick = z.strictObject({ openLink: z.strictObject({ url: z.url() }) });
const chatWidget = z.union([
  z.strictObject({ textParagraph: z.strictObject({ text: z.string() }) }),
  z.strictObject({
    decoratedText: z.strictObject({
      topLabel: z.string().optional(),
      text: z.string(),
      bottomLabel: z.string().optional(),
      wrapText: z.boolean().optional(),
      onClick: chatOnClick.optional(),
    }),
  }),
  z.strictObject({
    buttonList: z.strictObject({
      buttons: z
        .array(z.strictObject({ text: z.string(), onClick: chatOnClick, disabled: z.boolean().optional() }))
        .min(1),
    }),
  }),
  z.strictObject({ divider: z.strictObject({}) }),
]);
export const googleChatMessageSchema = z
  .strictObject({
    text: z.string().max(4096).optional(),
    cardsV2: z
      .array(
        z.strictObject({
          cardId: z.string().min(1),
          card: z.strictObject({
            header: z
              .strictObject({
                title: z.string().min(1),
                subtitle: z.string().optional(),
                imageUrl: z.url().optional(),
                imageType: z.enum(["SQUARE", "CIRCLE"]).optional(),
              })
              .optional(),
            sections: z
              .array(z.strictObject({ header: z.string().optional(), widgets: z.array(chatWidget).min(1) }))
              .optional(),
          }),
        }),
      )
      .optional(),
  })
  .refine((body) => body.text !== undefined || (body.cardsV2?.length ?? 0) > 0, "text or cardsV2 is required");
