/**
 * Outcomes: what happened to each thing an SDK sent, counted per project and hour (Sentry's
 * "stats"). `client_discarded` comes from the SDKs' own client reports.
 */
export const OUTCOMES = ["accepted", "filtered", "rate_limited", "invalid", "client_discarded"] as const;
export type Outcome = (typeof OUTCOMES)[number];

export interface OutcomeIncrement {
  projectId: number;
  outcome: Outcome;
  /** A data category (sentry-protocol.md §5.2): error, transaction, session, attachment_item, ... */
  category: string;
  /** Why, for filtered/rate_limited/invalid/client_discarded; "" for accepted. */
  reason: string;
  quantity: number;
}

const TOKEN = /[^a-z0-9_.-]/g;

/** Categories and reasons come from SDKs too: keep them short tokens that fit a counter key. */
export function outcomeToken(value: string): string {
  return value.toLowerCase().replace(TOKEN, "_").slice(0, 64);
}

export function outcome(
  projectId: number,
  kind: Outcome,
  category: string,
  quantity = 1,
  reason = "",
): OutcomeIncrement {
  return { projectId, outcome: kind, category: outcomeToken(category), reason: outcomeToken(reason), quantity };
}
