import { formatShortId } from "@faultline/core";
import type { Database } from "@faultline/db";
import { Router, type Request, type Response } from "express";
import type { Access } from "../access";
import { cursorOffset, formatCursor, pageSize, parseCursor, setLinkHeader } from "../pagination";
import { requirePrincipal } from "../principal";
import { queryString } from "../validate";

/** Offset pages (Sentry's "<value>:<offset>:<is_prev>" cursors) for small per-release lists. */
function offsetPage(req: Request, res: Response, publicUrl: string) {
  const limit = pageSize(req, 25, 100);
  const offset = cursorOffset(parseCursor(req));
  return {
    limit,
    offset,
    links: (more: boolean) =>
      setLinkHeader(req, res, publicUrl, {
        prev: formatCursor(0, Math.max(0, offset - limit), true),
        hasPrev: offset > 0,
        next: formatCursor(0, offset + limit, false),
        hasNext: more,
      }),
  };
}

/**
 * What the release page lists beyond the release itself:
 * - `GET /projects/{org}/{project}/releases/{version}/new-issues/` (Faultline): the project's
 *   issues first seen in the release, most recently seen first — what Sentry's release page
 *   finds with `firstRelease:{version}`;
 * - `GET /projects/{org}/{project}/files/artifact-bundles/?query={release}` (Sentry's): the
 *   project's artifact bundles, newest first, optionally those uploaded for one release.
 */
export function createReleaseDetailRouter(deps: { db: Database; access: Access; publicUrl: string }): Router {
  const { db, access, publicUrl } = deps;
  const router = Router();

  router.get("/projects/:org/:project/releases/:version/new-issues/", async (req, res) => {
    const found = await access.project(requirePrincipal(res), req.params.org, req.params.project, "read");
    const { limit, offset, links } = offsetPage(req, res, publicUrl);
    const rows = await db.issue.findMany({
      where: { projectId: found.project.id, firstRelease: req.params.version },
      orderBy: [{ lastSeen: "desc" }, { id: "desc" }],
      skip: offset,
      take: limit + 1,
    });
    links(rows.length > limit);
    res.json(
      rows.slice(0, limit).map((row) => ({
        id: String(row.id),
        shortId: formatShortId(found.project.slug, row.shortId),
        title: row.title,
        culprit: row.culprit,
        level: row.level,
        status: row.status,
        count: String(row.timesSeen),
        userCount: row.userCount,
        firstSeen: row.firstSeen.toISOString(),
        lastSeen: row.lastSeen.toISOString(),
        project: { id: String(found.project.id), slug: found.project.slug, name: found.project.name },
      })),
    );
  });

  router.get("/projects/:org/:project/files/artifact-bundles/", async (req, res) => {
    const found = await access.project(requirePrincipal(res), req.params.org, req.params.project, "read");
    const { limit, offset, links } = offsetPage(req, res, publicUrl);
    const release = queryString(req.query.query)?.trim();
    const rows = await db.artifactBundle.findMany({
      where: {
        organizationId: found.organization.id,
        projects: { some: { projectId: found.project.id } },
        ...(release ? { release } : {}),
      },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: offset,
      take: limit + 1,
    });
    links(rows.length > limit);
    res.json(
      rows.slice(0, limit).map((row) => ({
        bundleId: row.bundleId,
        date: row.createdAt.toISOString(),
        dateModified: row.createdAt.toISOString(),
        fileCount: row.fileCount,
        // Faultline: the bundle's size in bytes.
        size: row.size,
        associations: row.release ? [{ release: row.release, dist: row.dist || null }] : [],
      })),
    );
  });

  return router;
}
