import { assembleReleaseBody, normalizeDebugId } from "@faultline/core";
import { createArtifactsRepo, createReleasesRepo, type Database } from "@faultline/db";
import { sha1Of, type ArtifactStore } from "@faultline/runtime";
import { Router, type Request, type Response } from "express";
import type { Access } from "../access";
import { ApiError, badRequest, conflict, notFound } from "../api-error";
import type { AuditTrail } from "../audit";
import { requirePrincipal } from "../principal";
import { parse, queryString } from "../validate";
import type { ReleaseAssembler } from "./assemble-release";
import { readMultipartUpload } from "./read-upload";

type ReleaseFileRow = NonNullable<Awaited<ReturnType<ReturnType<typeof createArtifactsRepo>["findReleaseFile"]>>>;

function serializeReleaseFile(file: ReleaseFileRow) {
  return {
    id: String(file.id),
    name: file.name,
    dist: file.dist || null,
    headers: file.headers,
    size: file.size,
    sha1: file.sha1,
    dateCreated: file.createdAt.toISOString(),
  };
}

/**
 * Legacy release files (before artifact bundles): `…/releases/{version}/files/` at organization
 * and project level. A file is one URL (`name`, e.g. `~/static/app.min.js`) per dist; the worker
 * finds them by the event's release, dist and frame URLs.
 */
export function createReleaseFilesRouter(deps: {
  db: Database;
  access: Access;
  audit: AuditTrail;
  store: ArtifactStore;
  maxBytes: number;
  assembleRelease: ReleaseAssembler;
}): Router {
  const { db, access, audit, store } = deps;
  const artifacts = createArtifactsRepo(db);
  const releases = createReleasesRepo(db);
  const router = Router();

  async function releaseOf(req: Request, res: Response, need: "read" | "write") {
    const principal = requirePrincipal(res);
    const params = req.params as Record<string, string>;
    let organizationId: number;
    let projectId: number | undefined;
    if (params.project) {
      const found = await access.project(principal, params.org!, params.project, need);
      organizationId = found.organization.id;
      projectId = found.project.id;
    } else {
      organizationId = (await access.org(principal, params.org!, need)).organization.id;
    }
    const release = await releases.find(organizationId, params.version ?? "");
    if (!release || (projectId !== undefined && !release.projects.some((link) => link.projectId === projectId)))
      throw notFound("Release not found");
    return { principal, organizationId, release };
  }

  async function fileOf(req: Request, res: Response, need: "read" | "write") {
    const scope = await releaseOf(req, res, need);
    const rawId = (req.params as Record<string, string>).fileId ?? "";
    if (!/^\d{1,18}$/.test(rawId)) throw notFound("File not found");
    const file = await artifacts.findReleaseFile(scope.release.id, BigInt(rawId));
    if (!file) throw notFound("File not found");
    return { ...scope, file };
  }

  // A release bundle (sentry-cli 2.x `sourcemaps upload` with no project): its files become
  // the release's files.
  router.post("/organizations/:org/releases/:version/assemble/", async (req, res) => {
    const { principal, organizationId, release } = await releaseOf(req, res, "write");
    const body = parse(assembleReleaseBody, req.body);
    const answer = await deps.assembleRelease(organizationId, release, body);
    if (answer.state === "ok")
      await audit(req, principal, organizationId, "release_file.create", `${release.version} bundle ${body.checksum}`);
    res.json(answer);
  });

  for (const base of [
    "/organizations/:org/releases/:version/files/",
    "/projects/:org/:project/releases/:version/files/",
  ]) {
    router.get(base, async (req, res) => {
      const { release } = await releaseOf(req, res, "read");
      res.json((await artifacts.listReleaseFiles(release.id)).map(serializeReleaseFile));
    });

    router.post(base, async (req, res) => {
      const { principal, organizationId, release } = await releaseOf(req, res, "write");
      const parts = await readMultipartUpload(req, deps.maxBytes + 64 * 1024);
      const field = (name: string) => parts.find((part) => part.name === name && part.filename === undefined);
      const upload = parts.find((part) => part.name === "file");
      if (!upload) throw badRequest("file: missing");
      if (upload.data.length > deps.maxBytes) throw new ApiError(413, `file: larger than ${deps.maxBytes} bytes`);
      const name = (field("name")?.data.toString("utf8") ?? upload.filename ?? "").trim();
      if (!name || name.length > 2048) throw badRequest("name: the file's URL is required");
      const dist = (field("dist")?.data.toString("utf8") ?? "").trim();
      const headers: Record<string, string> = {};
      for (const part of parts.filter((p) => p.name === "header")) {
        const [key, ...rest] = part.data.toString("utf8").split(":");
        if (!key || rest.length === 0) throw badRequest('header: expected "Key: Value"');
        // Stored lowercased: the worker looks up `sourcemap` whatever case the client used.
        headers[key.trim().toLowerCase()] = rest.join(":").trim();
      }
      if (await artifacts.findReleaseFileByName(release.id, dist, name))
        throw conflict("A file matching this name already exists for the given release");
      const sha1 = sha1Of(upload.data);
      await store.putFile(organizationId, sha1, upload.data);
      const file = await artifacts.createReleaseFile({
        organizationId,
        releaseId: release.id,
        name,
        dist,
        sha1,
        size: upload.data.length,
        headers,
        debugId: headers["debug-id"] ? (normalizeDebugId(headers["debug-id"]) ?? null) : null,
      });
      await audit(req, principal, organizationId, "release_file.create", `${release.version} ${name}`);
      res.status(201).json(serializeReleaseFile(file));
    });

    router.get(`${base}:fileId/`, async (req, res) => {
      const { organizationId, file } = await fileOf(req, res, "read");
      if (queryString(req.query.download) !== "1") return void res.json(serializeReleaseFile(file));
      const data = await store.readFile(organizationId, file.sha1);
      res
        .status(200)
        .setHeader("Content-Type", "application/octet-stream")
        .setHeader(
          "Content-Disposition",
          `attachment; filename="${encodeURIComponent(file.name.split("/").pop() ?? "file")}"`,
        )
        .end(data);
    });

    router.delete(`${base}:fileId/`, async (req, res) => {
      const { principal, organizationId, release, file } = await fileOf(req, res, "write");
      await artifacts.deleteReleaseFile(file.id);
      await audit(req, principal, organizationId, "release_file.delete", `${release.version} ${file.name}`);
      res.status(204).end();
    });
  }
  return router;
}
