import type { Database } from "@faultline/db";
import { Router, type Request, type Response } from "express";
import type { Access } from "../access";
import { notFound } from "../api-error";
import { requirePrincipal } from "../principal";
import { orgProjects } from "./release-projects";
import { createReleasesService } from "./releases.service";
import { serializeCommit, storedCommits } from "./serialize-commit";

/**
 * A release's commits as Sentry lists them, and the previous release with commits (where
 * `sentry-cli releases set-commits --local` starts its range), organization- and project-scoped.
 */
export function createReleaseCommitsRouter(deps: { db: Database; access: Access }): Router {
  const { db, access } = deps;
  const releases = createReleasesService(db);
  const router = Router();

  /** The release, seen from the organization or (with `:project`) from one of its projects. */
  async function releaseOf(req: Request, res: Response) {
    const params = req.params as Record<string, string>;
    const principal = requirePrincipal(res);
    const version = params.version ?? "";
    if (params.project) {
      const found = await access.project(principal, params.org!, params.project, "read");
      const release = await releases.repo.find(found.organization.id, version);
      if (!release || !release.projects.some((link) => link.projectId === found.project.id))
        throw notFound("Release not found");
      return { org: found.organization, release, projectIds: [found.project.id] };
    }
    const found = await access.org(principal, params.org!, "read");
    const release = await releases.repo.find(found.organization.id, version);
    if (!release) throw notFound("Release not found");
    return { org: found.organization, release, projectIds: undefined };
  }

  async function commits(req: Request, res: Response) {
    const { release } = await releaseOf(req, res);
    res.json(storedCommits(release.commits).map((commit) => serializeCommit(commit, release.createdAt)));
  }

  async function previousWithCommits(req: Request, res: Response) {
    const { org, release, projectIds } = await releaseOf(req, res);
    const previous = await releases.repo.previousWithCommits(release, projectIds);
    if (previous === null) return void res.json({});
    const projects = await orgProjects(db, org.id, projectIds);
    res.json((await releases.detail(org.id, projects, previous, { health: false })) ?? {});
  }

  router.get("/organizations/:org/releases/:version/commits/", commits);
  router.get("/projects/:org/:project/releases/:version/commits/", commits);
  router.get("/organizations/:org/releases/:version/previous-with-commits/", previousWithCommits);
  router.get("/projects/:org/:project/releases/:version/previous-with-commits/", previousWithCommits);
  return router;
}
