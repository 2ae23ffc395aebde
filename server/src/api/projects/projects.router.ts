import { createKeyBody, updateKeyBody, updateProjectBody } from "@faultline/core";
import { createProjectAdminRepo, keyDsnProjectId, type Database } from "@faultline/db";
import { Router } from "express";
import type { Access, OrgAccess } from "../access";
import { serializeOrganization } from "../organizations/serialize-organization";
import { createProjectSummaries } from "./project-summaries";
import { notFound } from "../api-error";
import type { KeyChangeNotifier } from "../../ingest/key-changes";
import type { AuditTrail } from "../audit";
import { requirePrincipal } from "../principal";
import { parse } from "../validate";
import { createKeyAdoptionService } from "./key-adoption.service";
import { createProjectsService } from "./projects.service";
import { serializeKey, serializeProjectDetail } from "./serialize-project";

/** `/projects/{org}/{project}/` and its client keys (DSNs). */
export function createProjectsRouter(deps: {
  db: Database;
  access: Access;
  audit: AuditTrail;
  publicUrl: string;
  keyChanges: KeyChangeNotifier;
}): Router {
  const { db, access, audit, publicUrl, keyChanges } = deps;
  const service = createProjectsService(db);
  const keys = createProjectAdminRepo(db);
  const adoptions = createKeyAdoptionService({ db, keyChanges });
  const summaries = createProjectSummaries(db);
  const router = Router();
  const base = "/projects/:org/:project";

  async function detailOf(project: Parameters<typeof serializeProjectDetail>[0], found: OrgAccess) {
    const contextOf = await summaries.contexts(found.organization, found.scopes, [project.id]);
    return serializeProjectDetail(project, {
      ...contextOf(project.id),
      organization: serializeOrganization(found.organization, publicUrl),
    });
  }

  router.get(`${base}/`, async (req, res) => {
    const found = await access.project(requirePrincipal(res), req.params.org, req.params.project, "read");
    res.json(await detailOf(found.project, found));
  });

  router.put(`${base}/`, async (req, res) => {
    const principal = requirePrincipal(res);
    const found = await access.project(principal, req.params.org, req.params.project, "admin");
    const body = parse(updateProjectBody, req.body);
    const updated = await service.update(found.project, body);
    // Ingest servers cache each key with its project's quota: drop them everywhere so the new
    // quota applies at once rather than after KEY_CACHE_TTL_SECONDS.
    if (body.eventQuota !== undefined) await keyChanges({ projectId: found.project.id });
    // Limits are plain numbers and worth seeing in the log as set; the other settings only by name.
    const limits = {
      ...(body.eventQuota !== undefined ? { eventQuota: body.eventQuota } : {}),
      ...(body.eventRetentionDays !== undefined ? { eventRetentionDays: body.eventRetentionDays } : {}),
      ...(body.maxEventsPerIssue !== undefined ? { maxEventsPerIssue: body.maxEventsPerIssue } : {}),
    };
    await audit(req, principal, found.organization.id, "project.edit", found.project.slug, {
      changed: Object.keys(body),
      ...limits,
    });
    res.json(await detailOf(updated, found));
  });

  router.delete(`${base}/`, async (req, res) => {
    const principal = requirePrincipal(res);
    const found = await access.project(principal, req.params.org, req.params.project, "admin");
    await service.delete(found.project.id);
    await keyChanges({ projectId: found.project.id });
    await audit(req, principal, found.organization.id, "project.remove", found.project.slug);
    res.status(204).end();
  });

  router.get(`${base}/keys/`, async (req, res) => {
    const found = await access.project(requirePrincipal(res), req.params.org, req.params.project, "read");
    res.json((await keys.listKeys(found.project.id)).map((key) => serializeKey(key, publicUrl)));
  });

  router.post(`${base}/keys/`, async (req, res) => {
    const principal = requirePrincipal(res);
    const found = await access.project(principal, req.params.org, req.params.project, "admin");
    const body = parse(createKeyBody, req.body);
    if (body.public !== undefined) {
      const key = await adoptions.adopt(principal, found.project, {
        publicKey: body.public,
        secretKey: body.secret ?? null,
        dsnProjectId: body.projectId ?? found.project.id,
        label: body.name,
        rateLimit: body.rateLimit ?? null,
      });
      await audit(req, principal, found.organization.id, "projectkey.create", key.publicKey, {
        project: found.project.slug,
        adoptedProjectId: keyDsnProjectId(key),
      });
      res.status(201).json(serializeKey(key, publicUrl));
      return;
    }
    const key = await keys.createKey(found.project.id, body.name, body.rateLimit ?? null);
    await audit(req, principal, found.organization.id, "projectkey.create", key.publicKey, {
      project: found.project.slug,
    });
    res.status(201).json(serializeKey(key, publicUrl));
  });

  async function keyOf(project: { id: number }, publicKey: string) {
    const key = await keys.findKey(project.id, publicKey);
    if (!key) throw notFound();
    return key;
  }

  router.get(`${base}/keys/:keyId/`, async (req, res) => {
    const found = await access.project(requirePrincipal(res), req.params.org, req.params.project, "read");
    res.json(serializeKey(await keyOf(found.project, req.params.keyId), publicUrl));
  });

  router.put(`${base}/keys/:keyId/`, async (req, res) => {
    const principal = requirePrincipal(res);
    const found = await access.project(principal, req.params.org, req.params.project, "admin");
    const key = await keyOf(found.project, req.params.keyId);
    const body = parse(updateKeyBody, req.body);
    const updated = await keys.updateKey(key.id, {
      label: body.name,
      isActive: body.isActive,
      ...(body.rateLimit !== undefined
        ? { rateLimitCount: body.rateLimit?.count ?? null, rateLimitWindowSeconds: body.rateLimit?.window ?? null }
        : {}),
    });
    await keyChanges({ publicKeys: [key.publicKey] });
    await audit(req, principal, found.organization.id, "projectkey.edit", key.publicKey, {
      changed: Object.keys(body),
    });
    res.json(serializeKey(updated, publicUrl));
  });

  router.delete(`${base}/keys/:keyId/`, async (req, res) => {
    const principal = requirePrincipal(res);
    const found = await access.project(principal, req.params.org, req.params.project, "admin");
    const key = await keyOf(found.project, req.params.keyId);
    const released = await adoptions.remove(key);
    await audit(
      req,
      principal,
      found.organization.id,
      "projectkey.remove",
      key.publicKey,
      released === null ? undefined : { releasedProjectId: released },
    );
    res.status(204).end();
  });

  return router;
}
