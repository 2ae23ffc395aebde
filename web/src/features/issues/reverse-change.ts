import type { UpdateIssueBody } from "@faultline/contracts";
import type { Issue } from "../../api/types";

/** One bulk update of the undo: these ids get this body. */
export interface ReverseUpdate {
  ids: string[];
  body: UpdateIssueBody;
}

/** statusDetails fields a PUT takes back, so an earlier timed or counted ignore returns as it was. */
const RESTORABLE = ["ignoreUntil", "ignoreCount", "ignoreWindow", "ignoreUserCount", "ignoreUserWindow"] as const;

function statusBody(issue: Issue): UpdateIssueBody {
  if (issue.status !== "ignored") return { status: issue.status };
  const details: Record<string, unknown> = {};
  for (const key of RESTORABLE) {
    if (issue.statusDetails[key] !== undefined && issue.statusDetails[key] !== null)
      details[key] = issue.statusDetails[key];
  }
  return Object.keys(details).length > 0
    ? { status: "ignored", statusDetails: details as UpdateIssueBody["statusDetails"] }
    : { status: "ignored" };
}

function assigneeBody(issue: Issue): UpdateIssueBody {
  return { assignedTo: issue.assignedTo ? `user:${issue.assignedTo.id}` : null };
}

/**
 * The bulk updates that put `issues` back as they were before `change` (Sentry's undo is the
 * reverse update): issues that shared a state share one request. Empty when nothing can be undone.
 */
export function reverseChange(issues: Issue[], change: UpdateIssueBody): ReverseUpdate[] {
  const before = change.status !== undefined ? statusBody : change.assignedTo !== undefined ? assigneeBody : undefined;
  if (!before) return [];
  const groups = new Map<string, ReverseUpdate>();
  for (const issue of issues) {
    const body = before(issue);
    const key = JSON.stringify(body);
    const group = groups.get(key) ?? { ids: [], body };
    group.ids.push(issue.id);
    groups.set(key, group);
  }
  return [...groups.values()];
}

/** The toast's sentence for a change: "Ignored 3 issues". */
export function describeChange(change: UpdateIssueBody | "delete", count: number): string {
  const issues = `${count} issue${count === 1 ? "" : "s"}`;
  if (change === "delete") return `Deleted ${issues}`;
  if (change.merge) return `Merged ${issues}`;
  if (change.status === "resolved") return `Resolved ${issues}`;
  if (change.status === "ignored") return `Ignored ${issues}`;
  if (change.status === "unresolved") return `Unresolved ${issues}`;
  if (change.assignedTo !== undefined)
    return change.assignedTo === null ? `Unassigned ${issues}` : `Assigned ${issues}`;
  return `Updated ${issues}`;
}
