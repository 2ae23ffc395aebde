import { createIssueEventsRepo, createIssuesRepo, type Database } from "@faultline/db";
import { Router } from "express";
import { visibleProjects, type Access } from "../access";
import { notFound } from "../api-error";
import { keysetPage, pageSize, parseCursor, setLinkHeader } from "../pagination";
import { requirePrincipal } from "../principal";
import { queryString } from "../validate";
import { eventQueryCondition } from "./event-query";
import { plainEventId, serializeEvent, serializeEventSummary } from "./serialize-event";

const EVENT_ID = /^[0-9a-f]{32}$|^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A project's events (`/projects/{org}/{project}/events/`, newest first, keyset cursors as for
 * an issue's events; `full=true` gives whole events) and an organization's event by id
 * (`/organizations/{org}/eventids/{id}/`, which tools use to find an event's project and issue).
 */
export function createProjectEventsRouter(deps: { db: Database; access: Access; publicUrl: string }): Router {
  const { db, access, publicUrl } = deps;
  const events = createIssueEventsRepo(db);
  const issues = createIssuesRepo(db);
  const router = Router();

  router.get("/projects/:org/:project/events/", async (req, res) => {
    const found = await access.project(requirePrincipal(res), req.params.org, req.params.project, "read");
    const limit = pageSize(req, 100, 100);
    const cursor = parseCursor(req);
    const after = cursor
      ? { timestamp: new Date(Number(cursor.value)), id: BigInt(cursor.id), backwards: cursor.isPrev }
      : undefined;
    const query = queryString(req.query.query)?.trim();
    const rows = await events.listInProject(found.project.id, limit + 1, after, eventQueryCondition(query));
    const { page, links } = keysetPage(rows, limit, cursor, (row) => [row.timestamp.getTime(), row.id]);
    setLinkHeader(req, res, publicUrl, links);
    const full = ["true", "1"].includes(queryString(req.query.full) ?? "");
    res.json(page.map((row) => (full ? serializeEvent(row) : serializeEventSummary(row))));
  });

  router.get("/organizations/:org/eventids/:eventId/", async (req, res) => {
    const found = await access.org(requirePrincipal(res), req.params.org, "read");
    if (!EVENT_ID.test(req.params.eventId)) throw notFound("Event not found");
    const projects = await db.project.findMany({
      where: visibleProjects(found),
      select: { id: true, slug: true },
    });
    const row = await events.byEventIdIn(
      projects.map((project) => project.id),
      req.params.eventId,
    );
    if (!row) throw notFound("Event not found");
    const [neighbours, hashes] = await Promise.all([events.neighbours(row), issues.hashes(row.issue_id)]);
    res.json({
      organizationSlug: found.organization.slug,
      projectSlug: projects.find((project) => project.id === row.project_id)?.slug ?? null,
      groupId: String(row.issue_id),
      eventId: plainEventId(row.event_id),
      event: serializeEvent(
        row,
        neighbours,
        hashes.map((hash) => hash.hash),
      ),
    });
  });

  return router;
}
