import { z } from "zod";

/** Sentry's STATUS_UPDATE_CHOICES: `muted` is its older name for `ignored`. */
export const issueStatus = z.enum(["resolved", "unresolved", "ignored", "resolvedInNextRelease", "muted"]);

/** Sentry's SUBSTATUS_UPDATE_CHOICES (the last three are its deprecated spellings). Accepted, not stored:
 * Faultline derives the substatus from the status. */
export const issueSubstatus = z.enum([
  "archived_until_escalating",
  "archived_until_condition_met",
  "archived_forever",
  "escalating",
  "ongoing",
  "regressed",
  "new",
  "until_escalating",
  "until_condition_met",
  "forever",
]);

/** Sentry's priority levels. Accepted, not stored. */
export const issuePriority = z.enum(["low", "medium", "high"]);

/** Sentry caps the ignore windows at one week (in minutes). */
export const MAX_IGNORE_WINDOW_MINUTES = 7 * 24 * 60;
const count = z.number().int().positive();
const ignoreWindow = z.number().int().positive().max(MAX_IGNORE_WINDOW_MINUTES);

/** Sentry's statusDetails on PUT: how long/until when an ignore lasts, or resolve-in-release. */
export const statusDetailsBody = z
  .object({
    inNextRelease: z.boolean().optional(),
    // Sentry's feature-gated "upcoming release": Faultline reads it as the next release.
    inUpcomingRelease: z.boolean().optional(),
    // A version, or "latest" for the newest release the project has seen.
    inRelease: z.string().min(1).max(250).optional(),
    // Resolve once a commit ships: Faultline has no repositories, so this is a plain resolve.
    inCommit: z.object({ commit: z.string().min(1).max(64), repository: z.string().min(1).max(200) }).optional(),
    ignoreDuration: count.optional(),
    ignoreCount: count.optional(),
    ignoreWindow: ignoreWindow.optional(),
    ignoreUserCount: count.optional(),
    ignoreUserWindow: ignoreWindow.optional(),
    // What Faultline echoes for a timed ignore; a client sending it back ignores until that instant.
    ignoreUntil: z.iso.datetime({ offset: true }).optional(),
  })
  .strict();

/**
 * Every field of Sentry's GroupValidator. Faultline applies status, statusDetails, assignedTo,
 * isBookmarked, isSubscribed and (on bulk updates) merge; the rest are accepted and have no effect (bad values are still
 * a 400). Unknown keys are a 400 too, so a typo does not pass as a no-op.
 */
export const updateIssueBody = z
  .object({
    status: issueStatus.optional(),
    statusDetails: statusDetailsBody.optional(),
    substatus: issueSubstatus.nullable().optional(),
    // "user:<id>", "<id>", an email, or null to unassign.
    assignedTo: z.union([z.string().max(320), z.null()]).optional(),
    hasSeen: z.boolean().optional(),
    isBookmarked: z.boolean().optional(),
    isSubscribed: z.boolean().optional(),
    isPublic: z.boolean().optional(),
    inbox: z.boolean().optional(),
    // Sentry's InboxDetailsValidator has no fields.
    inboxDetails: z.object({}).optional(),
    // Sentry's clients send 1 (its BooleanField also takes "true"/"1"); applied by the bulk PUT.
    merge: z
      .union([z.boolean(), z.literal(0), z.literal(1), z.enum(["true", "false", "1", "0"])])
      .transform((value) => value === true || value === 1 || value === "true" || value === "1")
      .optional(),
    discard: z.boolean().optional(),
    priority: issuePriority.optional(),
    // Sentry's top-level forms of the statusDetails ignore fields (undocumented, still accepted);
    // snoozeDuration is the oldest name, which sentry-cli sends as null on every update.
    ignoreDuration: count.optional(),
    ignoreCount: count.optional(),
    ignoreWindow: ignoreWindow.optional(),
    ignoreUserCount: count.optional(),
    ignoreUserWindow: ignoreWindow.optional(),
    snoozeDuration: count.nullable().optional(),
    snoozeCount: count.nullable().optional(),
    snoozeWindow: ignoreWindow.nullable().optional(),
    snoozeUserCount: count.nullable().optional(),
    snoozeUserWindow: ignoreWindow.nullable().optional(),
  })
  .strict();

export const commentBody = z.object({ text: z.string().trim().min(1).max(10_000) });

export type UpdateIssueBody = z.infer<typeof updateIssueBody>;
export type StatusDetailsBody = z.infer<typeof statusDetailsBody>;
