import type { StatusDetailsBody, UpdateIssueBody } from "@faultline/core";
import type { IssueChanges } from "@faultline/db";
import { badRequest } from "../api-error";

export interface PlannedChange {
  changes: IssueChanges;
  /** For "ignore for N more events" (no window): counted from each issue's own times_seen. */
  ignoreCount?: number;
  /** For "ignore until N more users" (no window): counted from each issue's own user_count. */
  ignoreUserCount?: number;
  /** Activity type recorded per issue (Sentry's names). */
  activity: { type: string; data: Record<string, unknown> }[];
  /** What the response echoes (Sentry answers with the applied changes). */
  echo: Record<string, unknown>;
}

/** Fields that change only the caller's own view of an issue. */
const PERSONAL_FIELDS = new Set(["isBookmarked", "isSubscribed", "hasSeen"]);

/** A body that only bookmarks, subscribes or marks seen: the read scope is enough (a viewer may). */
export function isPersonalUpdate(body: UpdateIssueBody): boolean {
  const fields = Object.keys(body);
  return fields.length > 0 && fields.every((field) => PERSONAL_FIELDS.has(field));
}

/**
 * Sentry's older spellings brought to one form: `muted` is `ignored`; the top-level ignore
 * fields (and `snooze*`, their oldest names) count when statusDetails leaves them out;
 * `inUpcomingRelease` is the next release. `discard` (drop the issue and every future event of
 * it) is refused as Sentry refuses it without that feature: delete the issue instead.
 */
export function normalizeIssueUpdate(body: UpdateIssueBody): UpdateIssueBody {
  if (body.discard === true) throw badRequest("discard: discarding issues is not supported here; delete them instead");
  const status = body.status === "muted" ? "ignored" : body.status;
  const details: StatusDetailsBody = { ...body.statusDetails };
  if (status === "ignored") {
    details.ignoreDuration ??= body.ignoreDuration ?? body.snoozeDuration ?? undefined;
    details.ignoreCount ??= body.ignoreCount ?? body.snoozeCount ?? undefined;
    details.ignoreWindow ??= body.ignoreWindow ?? body.snoozeWindow ?? undefined;
    details.ignoreUserCount ??= body.ignoreUserCount ?? body.snoozeUserCount ?? undefined;
    details.ignoreUserWindow ??= body.ignoreUserWindow ?? body.snoozeUserWindow ?? undefined;
  }
  if (details.inUpcomingRelease) details.inNextRelease = true;
  delete details.inUpcomingRelease;
  const defined = Object.fromEntries(Object.entries(details).filter(([, value]) => value !== undefined));
  return {
    ...body,
    ...(status !== undefined ? { status } : {}),
    ...(body.statusDetails !== undefined || Object.keys(defined).length > 0 ? { statusDetails: defined } : {}),
  };
}

/**
 * Turns a PUT body's status part into column changes (pure except for the release lookup the
 * caller does). The worker honours resolvedInRelease / ignoreUntil / ignoreUntilCount when
 * events arrive (core/src/issues/issue-state.ts).
 */
export function planStatusChange(
  body: UpdateIssueBody,
  now: Date,
  latestRelease: string | null,
  actor: { id: number; email: string },
): PlannedChange {
  const planned: PlannedChange = { changes: {}, activity: [], echo: {} };
  const details = body.statusDetails ?? {};
  const status =
    body.status === "resolvedInNextRelease" ? "resolved" : body.status === "muted" ? "ignored" : body.status;
  const inNextRelease = body.status === "resolvedInNextRelease" || details.inNextRelease === true;
  if (status === undefined) {
    if (body.statusDetails) throw badRequest("statusDetails: needs a status");
    return planned;
  }
  const cleared = {
    resolvedInRelease: null,
    ignoreUntil: null,
    ignoreUntilCount: null,
    ignoreUntilUserCount: null,
    ignoreWindow: null,
    ignoreUserWindow: null,
  };
  const actorInfo = { id: String(actor.id), email: actor.email };
  if (status === "unresolved") {
    planned.changes = { status, statusDetails: {}, ...cleared };
    planned.activity.push({ type: "set_unresolved", data: {} });
    planned.echo = { status, statusDetails: {} };
  } else if (status === "resolved") {
    // "latest" is Sentry's word for the newest release seen (the caller looked it up).
    const inRelease = details.inRelease === "latest" ? latestRelease : details.inRelease;
    if (details.inRelease === "latest" && !inRelease)
      throw badRequest("statusDetails.inRelease: no release seen yet to resolve in");
    const release = inRelease ?? (inNextRelease ? latestRelease : null);
    if (inNextRelease && !release) {
      // No release seen yet: "next release" means any event from now on reopens it, like a plain resolve.
    }
    const statusDetails = release
      ? { ...(inRelease ? { inRelease: release } : { inNextRelease: true }), actor: actorInfo }
      : {};
    planned.changes = { status, statusDetails, ...cleared, resolvedInRelease: release ?? null };
    planned.activity.push(
      release
        ? {
            type: inRelease ? "set_resolved_in_release" : "set_resolved_in_next_release",
            data: { version: release },
          }
        : { type: "set_resolved", data: {} },
    );
    planned.echo = { status, statusDetails };
  } else {
    const until = details.ignoreDuration
      ? new Date(now.getTime() + details.ignoreDuration * 60_000)
      : details.ignoreUntil
        ? new Date(details.ignoreUntil)
        : null;
    const statusDetails = {
      ...(details.ignoreDuration ? { ignoreDuration: details.ignoreDuration } : {}),
      ...(until ? { ignoreUntil: until.toISOString() } : {}),
      ...(details.ignoreCount ? { ignoreCount: details.ignoreCount, ignoreWindow: details.ignoreWindow ?? null } : {}),
      ...(details.ignoreUserCount
        ? { ignoreUserCount: details.ignoreUserCount, ignoreUserWindow: details.ignoreUserWindow ?? null }
        : {}),
      actor: actorInfo,
    };
    planned.changes = { status, statusDetails, ...cleared, ignoreUntil: until };
    // With a window the count is a rate (N within the window), the same for every issue; without
    // one it is N more than each issue has now.
    if (details.ignoreCount && details.ignoreWindow)
      Object.assign(planned.changes, { ignoreUntilCount: details.ignoreCount, ignoreWindow: details.ignoreWindow });
    else if (details.ignoreCount) planned.ignoreCount = details.ignoreCount;
    if (details.ignoreUserCount && details.ignoreUserWindow)
      Object.assign(planned.changes, {
        ignoreUntilUserCount: details.ignoreUserCount,
        ignoreUserWindow: details.ignoreUserWindow,
      });
    else if (details.ignoreUserCount) planned.ignoreUserCount = details.ignoreUserCount;
    planned.activity.push({ type: "set_ignored", data: { ...statusDetails, actor: undefined } });
    planned.echo = { status, statusDetails };
  }
  return planned;
}
