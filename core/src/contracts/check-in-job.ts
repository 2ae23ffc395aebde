import { z } from "zod";

/** A `check_in` item (cron monitors, sentry-protocol.md §9.4). */
export const checkInJobSchema = z.object({
  projectId: z.number().int().positive(),
  checkInId: z.string().regex(/^[0-9a-f]{32}$/),
  monitorSlug: z.string().min(1).max(128),
  status: z.enum(["in_progress", "ok", "error", "missed", "timeout"]),
  /** Seconds. */
  duration: z.number().nonnegative().nullable(),
  release: z.string().max(250).nullable(),
  environment: z.string().max(64).nullable(),
  monitorConfig: z.record(z.string(), z.unknown()).nullable(),
  receivedAt: z.number().int().nonnegative(),
});

export type CheckInJob = z.infer<typeof checkInJobSchema>;
