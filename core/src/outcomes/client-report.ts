import { z } from "zod";
import { outcome, type OutcomeIncrement } from "./outcome";

const discarded = z.array(
  z.object({
    reason: z.string().min(1).max(128),
    category: z.string().min(1).max(64),
    quantity: z.number().int().nonnegative().max(1_000_000_000),
  }),
);

const clientReportSchema = z.object({
  discarded_events: discarded.optional(),
  // Forwarded by downstream Relays in outcome form.
  rate_limited_events: discarded.optional(),
  filtered_events: discarded.optional(),
  filtered_sampling_events: discarded.optional(),
});

/**
 * A `client_report` item (sentry-protocol.md §9.3) as outcome increments, or null when the
 * payload is not a client report. Events the SDK discarded itself become `client_discarded`.
 */
export function parseClientReport(projectId: number, payload: unknown): OutcomeIncrement[] | null {
  const parsed = clientReportSchema.safeParse(payload);
  if (!parsed.success) return null;
  const report = parsed.data;
  const increments: OutcomeIncrement[] = [];
  const add = (
    entries: z.infer<typeof discarded> | undefined,
    kind: "client_discarded" | "rate_limited" | "filtered",
  ) => {
    for (const entry of entries ?? []) {
      if (entry.quantity > 0) increments.push(outcome(projectId, kind, entry.category, entry.quantity, entry.reason));
    }
  };
  add(report.discarded_events, "client_discarded");
  add(report.rate_limited_events, "rate_limited");
  add(report.filtered_events, "filtered");
  add(report.filtered_sampling_events, "filtered");
  return increments;
}
