import {
  createIssueEventsRepo,
  createIssuesRepo,
  createUserFeedbackRepo,
  type Database,
  type StoredEventRow,
} from "@faultline/db";
import { Router, type Response } from "express";
import type { Access } from "../access";
import { notFound } from "../api-error";
import { orgProjects } from "../releases/release-projects";
import { createReleasesService } from "../releases/releases.service";
import { keysetPage, pageSize, parseCursor, setLinkHeader } from "../pagination";
import { requirePrincipal } from "../principal";
import { queryString } from "../validate";
import { eventQueryCondition } from "./event-query";
import { serializeEvent, serializeEventSummary, serializeUserReport } from "./serialize-event";

/** The project an event belongs to, as access checks return it. */
type EventProject = { id: number; organizationId: number };

const EVENT_ID = /^[0-9a-f]{32}$|^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An issue's events (list with an optional search, latest, oldest, by id) and a project's event by id. */
export function createEventsRouter(deps: { db: Database; access: Access; publicUrl: string }): Router {
  const { db, access, publicUrl } = deps;
  const events = createIssueEventsRepo(db);
  const issues = createIssuesRepo(db);
  const feedback = createUserFeedbackRepo(db);
  const router = Router();

  const releases = createReleasesService(db);

  /** Sentry's event `release`: the release as its own endpoint answers it, `{version}` if only seen on events. */
  async function releasesOf(project: EventProject, rows: StoredEventRow[]) {
    const versions = [...new Set(rows.flatMap((row) => (row.release ? [row.release] : [])))];
    const found = new Map<string, object>();
    if (versions.length === 0) return found;
    const projects = await orgProjects(db, project.organizationId, [project.id]);
    for (const version of versions) {
      const detail = await releases.detail(project.organizationId, projects, version, { health: false });
      found.set(version, detail ?? { version });
    }
    return found;
  }

  async function sendFull(res: Response, project: EventProject, row: StoredEventRow | null) {
    if (!row) throw notFound("Event not found");
    const [neighbours, hashes, release, report] = await Promise.all([
      events.neighbours(row),
      issues.hashes(row.issue_id),
      releasesOf(project, [row]),
      feedback.forEvent(row.project_id, row.event_id),
    ]);
    res.json({
      ...serializeEvent(
        row,
        neighbours,
        hashes.map((hash) => hash.hash),
        row.release ? (release.get(row.release) ?? null) : null,
      ),
      userReport: report ? serializeUserReport(report) : null,
    });
  }

  router.get("/issues/:issueId/events/", async (req, res) => {
    const found = await access.issue(requirePrincipal(res), req.params.issueId, "read");
    const limit = pageSize(req, 50);
    const cursor = parseCursor(req);
    const after = cursor
      ? { timestamp: new Date(Number(cursor.value)), id: BigInt(cursor.id), backwards: cursor.isPrev }
      : undefined;
    // Sentry's `query` (`browser:Chrome`, `release:1.2`, free text); bad syntax is a 400.
    const query = queryString(req.query.query)?.trim();
    const rows = await events.list(found.issue.id, limit + 1, after, eventQueryCondition(query));
    const { page, links } = keysetPage(rows, limit, cursor, (row) => [row.timestamp.getTime(), row.id]);
    setLinkHeader(req, res, publicUrl, links);
    const full = ["true", "1"].includes(queryString(req.query.full) ?? "");
    if (!full) return void res.json(page.map(serializeEventSummary));
    const release = await releasesOf(found.project, page);
    res.json(
      page.map((row) => serializeEvent(row, undefined, [], row.release ? (release.get(row.release) ?? null) : null)),
    );
  });

  router.get("/issues/:issueId/events/:which/", async (req, res) => {
    const found = await access.issue(requirePrincipal(res), req.params.issueId, "read");
    const which = req.params.which;
    if (which === "latest" || which === "recommended")
      return sendFull(res, found.project, await events.edge(found.issue.id, "latest"));
    if (which === "oldest") return sendFull(res, found.project, await events.edge(found.issue.id, "oldest"));
    if (!EVENT_ID.test(which)) throw notFound("Event not found");
    const row = await events.byEventId(found.project.id, which);
    return sendFull(res, found.project, row && row.issue_id === found.issue.id ? row : null);
  });

  router.get("/projects/:org/:project/events/:eventId/", async (req, res) => {
    const found = await access.project(requirePrincipal(res), req.params.org, req.params.project, "read");
    if (!EVENT_ID.test(req.params.eventId)) throw notFound("Event not found");
    await sendFull(res, found.project, await events.byEventId(found.project.id, req.params.eventId));
  });

  return router;
}
