import { z } from "zod";
import type { CheckInJob } from "../contracts/check-in-job";
import { normalizeEventId } from "../ids/event-id";

const checkInSchema = z.object({
  check_in_id: z.string(),
  monitor_slug: z.string().trim().min(1).max(128),
  status: z.enum(["in_progress", "ok", "error", "missed", "timeout"]),
  duration: z.number().nonnegative().nullish(),
  release: z.string().max(250).nullish(),
  environment: z.string().max(64).nullish(),
  monitor_config: z.record(z.string(), z.unknown()).nullish(),
});

/** A `check_in` item (sentry-protocol.md §9.4), or null when it is not a valid check-in. */
export function parseCheckIn(payload: unknown): Omit<CheckInJob, "projectId" | "receivedAt"> | null {
  const parsed = checkInSchema.safeParse(payload);
  if (!parsed.success) return null;
  const checkIn = parsed.data;
  const checkInId = normalizeEventId(checkIn.check_in_id);
  if (!checkInId) return null;
  return {
    checkInId,
    monitorSlug: checkIn.monitor_slug,
    status: checkIn.status,
    duration: checkIn.duration ?? null,
    release: checkIn.release ?? null,
    environment: checkIn.environment ?? null,
    monitorConfig: checkIn.monitor_config ?? null,
  };
}
