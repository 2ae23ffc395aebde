import { formatShortId, renderAccountMail, type RenderedAccountMail } from "@faultline/core";
import { createIssueSubscriptionsRepo, type Database } from "@faultline/db";
import type { Redis } from "ioredis";
import { enqueueAccountMail } from "./account-mail-queue";
import type { NotifyRetry } from "./alerts-queue";
import { unsubscribeToken } from "./link-signing";

/** What happened to an issue that its subscribers hear about. */
export type WorkflowChange =
  | { kind: "comment"; text: string }
  | { kind: "assigned"; assignee: string }
  | { kind: "resolved" }
  | { kind: "regression" };

export interface WorkflowMailDeps {
  db: Database;
  redis: Redis;
  publicUrl: string;
  retry?: NotifyRetry;
  /** BullMQ key prefix, when the worker uses one. */
  prefix?: string;
}

interface IssueFacts {
  id: bigint;
  title: string;
  shortId: string;
  organizationSlug: string;
}

function sentence(change: WorkflowChange, actor: string | null): string {
  const who = actor ?? "Faultline";
  switch (change.kind) {
    case "comment":
      return `${who} commented:`;
    case "assigned":
      return `${who} assigned it to ${change.assignee}.`;
    case "resolved":
      return `${who} marked it as resolved.`;
    case "regression":
      return "It happened again after it was resolved (a regression), and is unresolved again.";
  }
}

/** The email about one change, for one subscriber, with their own unsubscribe link. */
export function workflowMail(
  issue: IssueFacts,
  change: WorkflowChange,
  actor: string | null,
  links: { issue: string; unsubscribe: string },
): RenderedAccountMail {
  const verb = { comment: "New comment", assigned: "Assigned", resolved: "Resolved", regression: "Regression" };
  return renderAccountMail({
    subject: `${verb[change.kind]}: ${issue.shortId} ${issue.title}`.slice(0, 300),
    paragraphs: [
      `${issue.shortId}: ${issue.title}`,
      sentence(change, actor),
      ...(change.kind === "comment" ? [change.text] : []),
    ],
    action: { label: "Open the issue", url: links.issue },
    footer: [
      "You get this email because you are subscribed to this issue (you commented, were assigned it or pressed Subscribe).",
      `Unsubscribe from this issue: ${links.unsubscribe}`,
    ],
  });
}

/**
 * Queues a workflow email to each subscriber of the issue except the person who made the change.
 * Returns how many were queued. Comment text goes into the email, never into the log.
 */
export async function notifyIssueSubscribers(
  deps: WorkflowMailDeps,
  input: { issueId: bigint; change: WorkflowChange; actorUserId: number | null },
): Promise<number> {
  const subscriptions = createIssueSubscriptionsRepo(deps.db);
  const recipients = await subscriptions.recipients(input.issueId, input.actorUserId);
  if (recipients.length === 0) return 0;
  const row = await deps.db.issue.findUnique({
    where: { id: input.issueId },
    select: { id: true, title: true, shortId: true, project: { select: { slug: true, organization: true } } },
  });
  if (!row) return 0;
  const issue: IssueFacts = {
    id: row.id,
    title: row.title,
    shortId: formatShortId(row.project.slug, row.shortId),
    organizationSlug: row.project.organization.slug,
  };
  const actor =
    input.actorUserId === null
      ? null
      : await deps.db.user.findUnique({ where: { id: input.actorUserId }, select: { name: true, email: true } });
  const actorName = actor ? actor.name || actor.email : null;
  const base = deps.publicUrl.replace(/\/+$/, "");
  for (const recipient of recipients) {
    const token = await unsubscribeToken(deps.db, issue.id, recipient.id);
    const mail = workflowMail(issue, input.change, actorName, {
      issue: `${base}/organizations/${encodeURIComponent(issue.organizationSlug)}/issues/${issue.id}/`,
      unsubscribe: `${base}/unsubscribe/${token}/`,
    });
    await enqueueAccountMail(
      deps.redis,
      { to: recipient.email, ...mail },
      { ...(deps.retry ? { retry: deps.retry } : {}), ...(deps.prefix ? { prefix: deps.prefix } : {}) },
    );
  }
  return recipients.length;
}
