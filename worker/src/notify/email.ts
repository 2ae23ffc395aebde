import { renderEmail } from "@faultline/core";
import { createTransport } from "nodemailer";
import type { ChannelSender } from "./channel";
import { PermanentDeliveryError } from "./errors";

/**
 * Email over SMTP (nodemailer). 5xx replies are permanent (the server said no for good);
 * connection problems and 4xx replies are retried.
 */
export function createEmailSender(settings: { smtpUrl: string | undefined; from: string }): ChannelSender {
  const transport = settings.smtpUrl
    ? createTransport({
        url: settings.smtpUrl,
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 30_000,
      })
    : null;
  return {
    async send(delivery, notification) {
      if (!transport) throw new PermanentDeliveryError("email is not configured (SMTP_URL is not set)");
      const { subject, text, html } = renderEmail(notification);
      try {
        const info = await transport.sendMail({
          from: settings.from,
          to: delivery.target,
          subject,
          text,
          html,
          headers: {
            "X-Faultline-Delivery": String(delivery.id),
            ...(notification.issues[0] ? { "X-Faultline-Issue": notification.issues[0].id } : {}),
          },
        });
        return info.messageId ?? null;
      } catch (error) {
        const code = (error as { responseCode?: unknown }).responseCode;
        if (typeof code === "number" && code >= 500 && code < 600)
          throw new PermanentDeliveryError(`SMTP ${code}: ${(error as Error).message}`, { cause: error });
        throw error;
      }
    },
    close: () => transport?.close(),
  };
}
