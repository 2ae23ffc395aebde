import { formatShortId } from "@faultline/core";
import { createIssueEventsRepo, matchingIssueIds, type Database, type StoredEventRow } from "@faultline/db";
import { Router, type Request } from "express";
import type { Access } from "../access";
import { badRequest } from "../api-error";
import { plainEventId } from "../events/serialize-event";
import { readIssueQuery } from "../issues/issue-query";
import { requirePrincipal } from "../principal";
import { queryString } from "../validate";
import { streamRows, type ExportFormat } from "./stream-rows";

const ISSUE_COLUMNS = [
  "id",
  "shortId",
  "title",
  "culprit",
  "level",
  "status",
  "count",
  "userCount",
  "firstSeen",
  "lastSeen",
  "assignedTo",
  "permalink",
];
const EVENT_COLUMNS = [
  "eventID",
  "dateCreated",
  "dateReceived",
  "title",
  "message",
  "level",
  "platform",
  "release",
  "environment",
  "user",
  "tags",
  "data",
];

function formatOf(req: Request): ExportFormat {
  const format = queryString(req.query.format) ?? "jsonl";
  if (format !== "jsonl" && format !== "csv") throw badRequest(`format: "${format}" is not jsonl or csv`);
  return format;
}

async function* eventBatches(db: Database, issueId: bigint): AsyncGenerator<StoredEventRow[]> {
  const events = createIssueEventsRepo(db);
  let after: { timestamp: Date; id: bigint; backwards: boolean } | undefined;
  for (;;) {
    const rows = await events.list(issueId, 500, after);
    if (rows.length === 0) return;
    yield rows;
    const last = rows[rows.length - 1]!;
    after = { timestamp: last.timestamp, id: last.id, backwards: false };
  }
}

/**
 * Faultline's exports (Sentry has no equivalent path), streamed as JSON lines or CSV:
 * `GET /issues/{id}/events/export/` and `GET /projects/{org}/{project}/issues/export/?query=`.
 */
export function createExportRouter(deps: { db: Database; access: Access; publicUrl: string }): Router {
  const { db, access, publicUrl } = deps;
  const router = Router();

  router.get("/issues/:issueId/events/export/", async (req, res) => {
    const found = await access.issue(requirePrincipal(res), req.params.issueId, "read");
    const format = formatOf(req);
    const user = (row: StoredEventRow) => {
      const data = row.data as { user?: unknown } | null;
      return data?.user ? JSON.stringify(data.user) : null;
    };
    await streamRows(
      res,
      format,
      `issue-${found.issue.id}-events`,
      EVENT_COLUMNS,
      eventBatches(db, found.issue.id),
      (row) => ({
        eventID: plainEventId(row.event_id),
        dateCreated: row.timestamp.toISOString(),
        dateReceived: row.received_at.toISOString(),
        title: row.title,
        message: row.message,
        level: row.level,
        platform: row.platform,
        release: row.release,
        environment: row.environment,
        user: user(row),
        tags: JSON.stringify(row.tags),
        data: JSON.stringify(row.data),
      }),
    );
  });

  router.get("/projects/:org/:project/issues/export/", async (req, res) => {
    const principal = requirePrincipal(res);
    const found = await access.project(principal, req.params.org, req.params.project, "read");
    const format = formatOf(req);
    const { query } = readIssueQuery(req, new Date());
    const batches = matchingIssueIds(db, {
      projectIds: [found.project.id],
      query,
      context: { userId: principal.user.id },
    });
    await streamRows(res, format, `${found.project.slug}-issues`, ISSUE_COLUMNS, batches, (row) => ({
      id: String(row.id),
      shortId: formatShortId(row.project_slug, row.short_id),
      title: row.title,
      culprit: row.culprit,
      level: row.level,
      status: row.status,
      count: String(row.times_seen),
      userCount: row.user_count,
      firstSeen: row.first_seen.toISOString(),
      lastSeen: row.last_seen.toISOString(),
      assignedTo: row.assignee_email,
      permalink: `${publicUrl}/organizations/${row.organization_slug}/issues/${row.id}/`,
    }));
  });

  return router;
}
