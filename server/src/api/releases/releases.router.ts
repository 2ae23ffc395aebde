import { newDeployBody, newReleaseBody, updateReleaseBody, type UpdateReleaseBody } from "@faultline/core";
import type { Database } from "@faultline/db";
import { Router, type Request, type Response } from "express";
import { canSeeProject, type Access } from "../access";
import { notFound } from "../api-error";
import type { AuditTrail } from "../audit";
import { cursorOffset, formatCursor, pageSize, parseCursor, setLinkHeader } from "../pagination";
import { requirePrincipal, type Principal } from "../principal";
import { parse, projectIdsParam, queryString } from "../validate";
import { orgProjects, projectsByRef } from "./release-projects";
import { createReleasesService } from "./releases.service";
import { serializeDeploy, type ProjectSummary } from "./serialize-release";

interface Deps {
  db: Database;
  access: Access;
  audit: AuditTrail;
  publicUrl: string;
}

/**
 * Releases and deploys at Sentry's paths, as `sentry-cli releases new / set-commits / finalize /
 * list / info / delete` and `sentry-cli deploys new / list` call them, plus release health.
 */
export function createReleasesRouter({ db, access, audit, publicUrl }: Deps): Router {
  const releases = createReleasesService(db);
  const router = Router();

  /** The organization and the projects a request is about (`:project`, else `?project=`, else all). */
  async function scope(req: Request, res: Response, need: "read" | "write") {
    const principal = requirePrincipal(res);
    const params = req.params as Record<string, string>;
    if (params.project) {
      const found = await access.project(principal, params.org!, params.project, need);
      const project: ProjectSummary = {
        id: found.project.id,
        slug: found.project.slug,
        name: found.project.name,
        platform: found.project.platform,
      };
      return { principal, org: found.organization, projects: [project], single: true, unlinked: false };
    }
    const found = await access.org(principal, params.org!, need);
    const ids = projectIdsParam(req.query.project);
    return {
      principal,
      org: found.organization,
      // Without open membership, a member's releases are those of their teams' projects.
      projects: (await orgProjects(db, found.organization.id, ids)).filter((project) =>
        canSeeProject(found, project.id),
      ),
      single: false,
      // The whole organization: releases created with no project (the API with `projects: []`,
      // as sentry-cli's `files upload` without SENTRY_PROJECT creates them) belong to it too.
      unlinked: ids.length === 0 && found.projectIds === null,
    };
  }

  const listOptions = (req: Request) => ({
    health: ["1", "true"].includes(queryString(req.query.health) ?? ""),
    environment: queryString(req.query.environment),
  });

  async function list(req: Request, res: Response) {
    const { org, projects, unlinked } = await scope(req, res, "read");
    const limit = pageSize(req, 25, 100);
    // Sentry's offset cursors: "<value>:<offset>:<is_prev>".
    const offset = cursorOffset(parseCursor(req));
    const { releases: page, more } = await releases.list(org.id, projects, {
      query: queryString(req.query.query) ?? "",
      limit,
      offset,
      unlinked,
      ...listOptions(req),
    });
    setLinkHeader(req, res, publicUrl, {
      prev: formatCursor(0, Math.max(0, offset - limit), true),
      hasPrev: offset > 0,
      next: formatCursor(0, offset + limit, false),
      hasNext: more,
    });
    res.json(page);
  }

  async function create(req: Request, res: Response) {
    const { principal, org, projects: scoped, single } = await scope(req, res, "write");
    const body = parse(newReleaseBody, req.body);
    const named = await projectsByRef(db, org.id, body.projects);
    const projects = single ? [...scoped, ...named] : named;
    const { release, created } = await releases.repo.upsert(
      org.id,
      body,
      projects.map((p) => p.id),
    );
    const commits = commitsOf(body);
    if (commits) await releases.repo.update(release.id, { commits, commitCount: commits.length });
    if (created) await audit(req, principal, org.id, "release.create", body.version);
    const detail = await releases.detail(org.id, await orgProjects(db, org.id), body.version, {
      health: false,
      unlinked: true,
    });
    // Sentry answers 208 when the release already existed.
    res.status(created ? 201 : 208).json(detail);
  }

  async function detail(req: Request, res: Response) {
    const { org, projects, unlinked } = await scope(req, res, "read");
    const found = await releases.detail(org.id, projects, versionOf(req), { ...listOptions(req), unlinked });
    if (!found) throw notFound("Release not found");
    res.json(found);
  }

  async function update(req: Request, res: Response) {
    const { principal, org } = await scope(req, res, "write");
    const body = parse(updateReleaseBody, req.body);
    const release = await findRelease(org.id, versionOf(req));
    const named = await projectsByRef(db, org.id, body.projects ?? []);
    if (named.length > 0)
      await releases.repo.addProjects(
        release.id,
        named.map((p) => p.id),
      );
    const commits = commitsOf(body);
    await releases.repo.update(release.id, {
      ...(body.ref !== undefined ? { ref: body.ref } : {}),
      ...(body.url !== undefined ? { url: body.url } : {}),
      ...(body.dateReleased !== undefined ? { dateReleased: body.dateReleased } : {}),
      ...(body.status ? { status: body.status } : {}),
      ...(commits ? { commits, commitCount: commits.length } : {}),
    });
    await audit(req, principal, org.id, "release.update", release.version, {
      finalized: body.dateReleased !== undefined && body.dateReleased !== null,
    });
    res.json(
      await releases.detail(org.id, await orgProjects(db, org.id), release.version, { health: false, unlinked: true }),
    );
  }

  async function remove(req: Request, res: Response) {
    const { principal, org } = await scope(req, res, "write");
    const release = await findRelease(org.id, versionOf(req));
    await releases.repo.delete(release.id);
    await audit(req, principal, org.id, "release.delete", release.version);
    res.status(204).end();
  }

  async function findRelease(organizationId: number, version: string) {
    const release = await releases.repo.find(organizationId, version);
    if (!release) throw notFound("Release not found");
    return release;
  }

  router.get("/organizations/:org/releases/", list);
  router.post("/organizations/:org/releases/", create);
  router.get("/organizations/:org/releases/:version/", detail);
  router.put("/organizations/:org/releases/:version/", update);
  router.delete("/organizations/:org/releases/:version/", remove);
  router.get("/projects/:org/:project/releases/", list);
  router.post("/projects/:org/:project/releases/", create);
  router.get("/projects/:org/:project/releases/:version/", detail);
  router.put("/projects/:org/:project/releases/:version/", update);
  router.delete("/projects/:org/:project/releases/:version/", remove);

  router.get("/organizations/:org/releases/:version/deploys/", async (req, res) => {
    const { org } = await scope(req, res, "read");
    const release = await findRelease(org.id, versionOf(req));
    res.json((await releases.repo.deploysOf([release.id])).map(serializeDeploy));
  });

  router.post("/organizations/:org/releases/:version/deploys/", async (req, res) => {
    const { principal, org } = await scope(req, res, "write");
    const body = parse(newDeployBody, req.body);
    const release = await findRelease(org.id, versionOf(req));
    const named = await projectsByRef(db, org.id, body.projects ?? []);
    if (named.length > 0)
      await releases.repo.addProjects(
        release.id,
        named.map((p) => p.id),
      );
    const deploy = await releases.repo.createDeploy({
      releaseId: release.id,
      environment: body.environment,
      name: body.name ?? null,
      url: body.url ?? null,
      dateStarted: body.dateStarted ?? null,
      ...(body.dateFinished ? { dateFinished: body.dateFinished } : {}),
    });
    await audit(req, principal, org.id, "deploy.create", release.version, { environment: body.environment });
    res.status(201).json(serializeDeploy(deploy));
  });

  // Commits and previous-with-commits: release-commits.router.ts. Faultline keeps no repository
  // integrations; `set-commits` asks for them.
  router.get("/organizations/:org/repos/", async (req, res) => {
    await scope(req, res, "read");
    res.json([]);
  });

  return router;
}

function versionOf(req: Request): string {
  return (req.params as Record<string, string>).version ?? "";
}

/** Commits as sent, or a ref's head commit, in the shape Sentry lists them. */
function commitsOf(body: Pick<UpdateReleaseBody, "commits" | "refs">): object[] | undefined {
  if (body.commits) return body.commits.map((commit) => ({ ...commit, id: commit.id }));
  if (body.refs) return body.refs.map((ref) => ({ id: ref.commit, repository: ref.repository }));
  return undefined;
}

export type { Principal };
