import { z } from "zod";

/**
 * Transactional emails to people (invitations, password resets, workflow emails) ride the
 * alerts queue: its worker already sends through SMTP_URL with retries and backoff, and a slow
 * mail server never holds up event processing.
 */
export const ACCOUNT_MAIL_JOB_NAME = "notify.account-mail";

/**
 * The whole message, already rendered: the worker only sends it. Links in it may carry a
 * single-use token, so the job is removed once sent (see the runtime's account mail queue).
 */
export const accountMailJobSchema = z.object({
  to: z.email().max(320),
  subject: z.string().min(1).max(400),
  text: z.string().min(1).max(100_000),
  html: z.string().min(1).max(200_000),
});

export type AccountMail = z.infer<typeof accountMailJobSchema>;
