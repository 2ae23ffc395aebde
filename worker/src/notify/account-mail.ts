import type { AccountMail } from "@faultline/core";
import type { Logger } from "@faultline/runtime";
import { UnrecoverableError } from "bullmq";
import { createTransport } from "nodemailer";

export interface AccountMailSender {
  send(mail: AccountMail): Promise<void>;
  close(): void;
}

/**
 * Sends the emails to people (invitations, password resets, workflow emails) through SMTP_URL.
 * Like alert emails: 5xx replies and a missing SMTP_URL fail for good, anything else is
 * retried by the queue. Addresses and bodies are never logged: the bodies carry sign-in links.
 */
export function createAccountMailSender(settings: { smtpUrl: string | undefined; from: string }, log: Logger) {
  const transport = settings.smtpUrl
    ? createTransport({
        url: settings.smtpUrl,
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 30_000,
      })
    : null;
  const sender: AccountMailSender = {
    async send(mail) {
      if (!transport) {
        log.warn("an account email was not sent: SMTP_URL is not set");
        throw new UnrecoverableError("email is not configured (SMTP_URL is not set)");
      }
      try {
        await transport.sendMail({
          from: settings.from,
          to: mail.to,
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
        });
      } catch (error) {
        const code = (error as { responseCode?: unknown }).responseCode;
        if (typeof code === "number" && code >= 500 && code < 600) {
          log.warn({ smtpCode: code }, "an account email was refused by the mail server");
          throw new UnrecoverableError(`SMTP ${code}`);
        }
        throw error;
      }
    },
    close: () => transport?.close(),
  };
  return sender;
}
