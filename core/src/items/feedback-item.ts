import { z } from "zod";
import type { FeedbackJob } from "../contracts/feedback-job";
import { normalizeEventId } from "../ids/event-id";

const text = (max: number) => z.unknown().transform((value) => (typeof value === "string" ? value.slice(0, max) : ""));

const userReportSchema = z.object({
  event_id: z.string(),
  name: text(256),
  email: text(256),
  comments: text(10_000),
});

const feedbackContextSchema = z.object({
  message: text(10_000),
  contact_email: text(256),
  name: text(256),
  url: z.string().max(2048).optional(),
  associated_event_id: z.string().optional(),
});

type Parsed = Omit<FeedbackJob, "projectId" | "receivedAt">;

/** A legacy `user_report` item: `{event_id, name, email, comments}`. Null when unusable. */
export function parseUserReport(payload: unknown): Parsed | null {
  const parsed = userReportSchema.safeParse(payload);
  if (!parsed.success) return null;
  const eventId = normalizeEventId(parsed.data.event_id);
  if (!eventId) return null;
  const { name, email, comments } = parsed.data;
  return { feedbackId: eventId, eventId, name, email, comments, url: null, source: "user_report" };
}

/** A `feedback` item: an event whose `contexts.feedback` holds the message. */
export function parseFeedbackEvent(payload: unknown, feedbackId: string): Parsed | null {
  if (typeof payload !== "object" || payload === null) return null;
  const contexts = (payload as { contexts?: { feedback?: unknown } }).contexts;
  const parsed = feedbackContextSchema.safeParse(contexts?.feedback);
  if (!parsed.success) return null;
  const feedback = parsed.data;
  return {
    feedbackId,
    eventId: normalizeEventId(feedback.associated_event_id),
    name: feedback.name,
    email: feedback.contact_email,
    comments: feedback.message,
    url: feedback.url ?? null,
    source: "feedback",
  };
}
