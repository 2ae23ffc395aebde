/**
 * What an issue's status becomes when new events arrive (pure; the worker applies it inside the
 * transaction that stores the events).
 *
 * - resolved → unresolved ("regression"), unless it was resolved in a release and every new
 *   event comes from that release or an older one;
 * - ignored → unresolved once its ignore time ends, or it has seen enough more events, or (with
 *   Sentry's ignoreWindow) enough events within the window: a rate, not a total.
 */

export type IssueStatus = "unresolved" | "resolved" | "ignored";

export interface IssueStateBefore {
  status: IssueStatus;
  /** Baseline release for "resolved in next release"; null for a plain resolve. */
  resolvedInRelease: string | null;
  ignoreUntil: Date | null;
  ignoreUntilCount: number | null;
  /** Minutes: ignoreUntilCount is then "events within this many minutes", counted in eventsInWindow. */
  ignoreWindow: number | null;
  timesSeen: number;
  /** Events already stored within the ignore window (read only where a window is set). */
  eventsInWindow: number;
}

export interface IssueTransition {
  status: IssueStatus;
  regressed: boolean;
  /** The resolution/ignore details no longer apply. */
  clearDetails: boolean;
}

/**
 * `isNewerRelease(candidate, baseline)` orders releases; callers answer from when each release
 * was first seen in the project (a release never seen before is newer than any baseline).
 */
export function nextIssueState(
  before: IssueStateBefore,
  eventReleases: (string | null)[],
  newEvents: number,
  now: Date,
  isNewerRelease: (candidate: string, baseline: string) => boolean,
): IssueTransition {
  const unchanged: IssueTransition = { status: before.status, regressed: false, clearDetails: false };
  if (before.status === "resolved") {
    const baseline = before.resolvedInRelease;
    const reopens =
      baseline === null ||
      eventReleases.some((release) => release !== null && release !== baseline && isNewerRelease(release, baseline));
    return reopens ? { status: "unresolved", regressed: true, clearDetails: true } : unchanged;
  }
  if (before.status === "ignored") {
    const timeUp = before.ignoreUntil !== null && before.ignoreUntil.getTime() <= now.getTime();
    const seen = before.ignoreWindow !== null ? before.eventsInWindow : before.timesSeen;
    const countUp = before.ignoreUntilCount !== null && seen + newEvents >= before.ignoreUntilCount;
    return timeUp || countUp ? { status: "unresolved", regressed: false, clearDetails: true } : unchanged;
  }
  return unchanged;
}

/** The key distinct users are counted by: id, else email, else IP (like Sentry's event users). */
export function userKeyOf(user: Record<string, unknown> | undefined): string | null {
  if (!user) return null;
  for (const field of ["id", "email", "ip_address", "username"] as const) {
    const value = user[field];
    if ((typeof value === "string" && value !== "") || typeof value === "number") {
      return `${field === "ip_address" ? "ip" : field}:${String(value)}`;
    }
  }
  return null;
}

/** The user's fields beside the key, kept per issue so search can find them by any of them. */
export interface EventUserFields {
  email: string | null;
  username: string | null;
  ipAddress: string | null;
  name: string | null;
}

export function userFieldsOf(user: Record<string, unknown> | undefined): EventUserFields | null {
  if (!user) return null;
  const text = (value: unknown) =>
    typeof value === "string" && value !== "" ? value : typeof value === "number" ? String(value) : null;
  return {
    email: text(user.email),
    username: text(user.username),
    ipAddress: text(user.ip_address),
    name: text(user.name),
  };
}
