import { createUserFeedbackRepo, type Database } from "@faultline/db";
import { Router } from "express";
import type { Access } from "../access";
import { notFound } from "../api-error";
import { keysetPage, pageSize, parseCursor, setLinkHeader } from "../pagination";
import { requirePrincipal } from "../principal";

type FeedbackRow = Awaited<ReturnType<ReturnType<typeof createUserFeedbackRepo>["list"]>>[number];

/** Sentry's user report shape (`/user-feedback/`). */
function serializeFeedback(row: FeedbackRow) {
  return {
    id: String(row.id),
    eventID: row.event_id?.replaceAll("-", "") ?? null,
    name: row.name,
    email: row.email,
    comments: row.comments,
    dateCreated: row.created_at.toISOString(),
    issue: row.issue_id === null ? null : { id: String(row.issue_id) },
  };
}

/**
 * `GET /projects/{org}/{project}/user-feedback/` (Sentry's user reports, newest first), one
 * issue's `GET /issues/{id}/user-reports/`, and the attachments stored with an event:
 * `GET /projects/{org}/{project}/events/{event_id}/attachments/` and
 * `.../attachments/{id}/?download=1`.
 */
export function createFeedbackRouter(deps: { db: Database; access: Access; publicUrl: string }): Router {
  const { db, access, publicUrl } = deps;
  const feedback = createUserFeedbackRepo(db);
  const router = Router();

  router.get("/projects/:org/:project/user-feedback/", async (req, res) => {
    const found = await access.project(requirePrincipal(res), req.params.org, req.params.project, "read");
    const limit = pageSize(req);
    const cursor = parseCursor(req);
    const rows = await feedback.list(
      found.project.id,
      limit + 1,
      cursor ? { createdAtMs: Number(cursor.value), id: BigInt(cursor.id), backwards: cursor.isPrev } : undefined,
    );
    const { page, links } = keysetPage(rows, limit, cursor, (row) => [row.created_at.getTime(), row.id]);
    setLinkHeader(req, res, publicUrl, links);
    res.json(page.map(serializeFeedback));
  });

  // Sentry's GroupUserReportsEndpoint: the feedback about one issue's events, newest first.
  router.get("/issues/:issueId/user-reports/", async (req, res) => {
    const found = await access.issue(requirePrincipal(res), req.params.issueId, "read");
    const limit = pageSize(req);
    const cursor = parseCursor(req);
    const rows = await feedback.list(
      found.project.id,
      limit + 1,
      cursor ? { createdAtMs: Number(cursor.value), id: BigInt(cursor.id), backwards: cursor.isPrev } : undefined,
      found.issue.id,
    );
    const { page, links } = keysetPage(rows, limit, cursor, (row) => [row.created_at.getTime(), row.id]);
    setLinkHeader(req, res, publicUrl, links);
    res.json(page.map(serializeFeedback));
  });

  /** Event ids come with or without dashes; stored as uuids. */
  const uuidOf = (eventId: string) => {
    const hex = eventId.replaceAll("-", "").toLowerCase();
    if (!/^[0-9a-f]{32}$/.test(hex)) throw notFound();
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  };
  const attachmentColumns = {
    id: true,
    eventId: true,
    filename: true,
    contentType: true,
    attachmentType: true,
    size: true,
    sha1: true,
    createdAt: true,
  } as const;

  router.get("/projects/:org/:project/events/:eventId/attachments/", async (req, res) => {
    const found = await access.project(requirePrincipal(res), req.params.org, req.params.project, "read");
    const rows = await db.attachment.findMany({
      where: { projectId: found.project.id, eventId: uuidOf(req.params.eventId) },
      select: attachmentColumns,
      orderBy: { id: "asc" },
    });
    const base = `${publicUrl}/api/0/projects/${found.organization.slug}/${found.project.slug}/events`;
    res.json(
      rows.map((row) => ({
        id: String(row.id),
        event_id: row.eventId.replaceAll("-", ""),
        type: row.attachmentType,
        name: row.filename,
        mimetype: row.contentType,
        headers: { "Content-Type": row.contentType },
        size: row.size,
        sha1: row.sha1,
        dateCreated: row.createdAt.toISOString(),
        // Faultline: where to fetch the bytes (Sentry's clients build this path themselves).
        downloadUrl: `${base}/${row.eventId.replaceAll("-", "")}/attachments/${row.id}/?download=1`,
      })),
    );
  });

  router.get("/projects/:org/:project/events/:eventId/attachments/:attachmentId/", async (req, res) => {
    const found = await access.project(requirePrincipal(res), req.params.org, req.params.project, "read");
    if (!/^\d{1,18}$/.test(req.params.attachmentId)) throw notFound();
    const row = await db.attachment.findFirst({
      where: { id: BigInt(req.params.attachmentId), projectId: found.project.id, eventId: uuidOf(req.params.eventId) },
    });
    if (!row) throw notFound();
    // Attachments are whatever an SDK sent: never let a browser render them on our origin.
    res.setHeader("Content-Type", "application/octet-stream");
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("Content-Security-Policy", "sandbox");
    res.setHeader("Content-Disposition", `attachment; filename*=UTF-8''${encodeURIComponent(row.filename)}`);
    res.send(Buffer.from(row.data));
  });

  return router;
}
