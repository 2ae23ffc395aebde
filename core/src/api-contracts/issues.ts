import { z } from "zod";

export const issueStatus = z.enum(["resolved", "unresolved", "ignored", "resolvedInNextRelease"]);

/** Sentry's statusDetails on PUT: how long/until when an ignore lasts, or resolve-in-release. */
export const statusDetailsBody = z
  .object({
    inNextRelease: z.boolean().optional(),
    inRelease: z.string().max(250).optional(),
    ignoreDuration: z.number().int().positive().optional(),
    ignoreCount: z.number().int().positive().optional(),
    ignoreWindow: z.number().int().positive().optional(),
    ignoreUserCount: z.number().int().positive().optional(),
    ignoreUserWindow: z.number().int().positive().optional(),
  })
  .strict();

export const updateIssueBody = z
  .object({
    status: issueStatus.optional(),
    statusDetails: statusDetailsBody.optional(),
    // "user:<id>", "<id>", an email, or null to unassign.
    assignedTo: z.union([z.string().max(320), z.null()]).optional(),
    hasSeen: z.boolean().optional(),
    isBookmarked: z.boolean().optional(),
    isSubscribed: z.boolean().optional(),
    isPublic: z.boolean().optional(),
  })
  .strict();

export const commentBody = z.object({ text: z.string().trim().min(1).max(10_000) });

export type UpdateIssueBody = z.infer<typeof updateIssueBody>;
