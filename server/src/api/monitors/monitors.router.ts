import { createMonitorBody, parseApiMonitorConfig, updateMonitorBody, type MonitorSettings } from "@faultline/core";
import { createMonitorsRepo, slugify, type Database, type MonitorWithEnvironments } from "@faultline/db";
import { Router } from "express";
import { visibleProjects, type Access, type OrgAccess } from "../access";
import { badRequest, conflict, notFound } from "../api-error";
import type { AuditTrail } from "../audit";
import { pageSize } from "../pagination";
import { requirePrincipal } from "../principal";
import { parse, projectIdsParam, queryString } from "../validate";
import { serializeCheckIn, serializeConfig, serializeMonitor } from "./monitors.serialize";

type ProjectFacts = { id: number; slug: string; name: string; platform: string };

function settingsFrom(config: unknown): MonitorSettings {
  const parsed = parseApiMonitorConfig(config);
  if (!parsed.ok) throw badRequest(`config.${parsed.reason}`);
  return parsed.settings;
}

/**
 * Sentry merges the given config keys into the current config. A new schedule without its
 * type takes the type its shape says (a line or `[count, unit]`), not the old one.
 */
function mergedConfig(current: Record<string, unknown>, given: Record<string, unknown>): Record<string, unknown> {
  const merged = { ...current, ...given };
  if ("schedule" in given && !("schedule_type" in given)) delete merged.schedule_type;
  return merged;
}

const isUniqueViolation = (error: unknown) => (error as { code?: unknown }).code === "P2002";

/**
 * Sentry's cron monitor endpoints: `/organizations/{org}/monitors/` (list, create),
 * `.../monitors/{slug}/` (detail, update with mute through `isMuted`, delete) and
 * `.../monitors/{slug}/checkins/`. Reading takes the read scope, changing the write scope; a
 * monitor in a project the caller may not see reads as missing.
 */
export function createMonitorsRouter(deps: { db: Database; access: Access; audit: AuditTrail }): Router {
  const { db, access, audit } = deps;
  const monitors = createMonitorsRepo(db);
  const router = Router();

  const projectsOf = async (org: OrgAccess): Promise<Map<number, ProjectFacts>> => {
    const rows = await db.project.findMany({
      where: visibleProjects(org),
      select: { id: true, slug: true, name: true, platform: true },
    });
    return new Map(rows.map((row) => [row.id, row]));
  };

  const findMonitor = async (org: OrgAccess, slug: string) => {
    const projects = await projectsOf(org);
    const monitor = await monitors.findBySlug([...projects.keys()], slug);
    const project = monitor ? projects.get(monitor.projectId) : undefined;
    if (!monitor || !project) throw notFound("The requested resource does not exist");
    return { monitor, project };
  };

  const serialize = (monitor: MonitorWithEnvironments, project: ProjectFacts) => serializeMonitor(monitor, project);

  router.get("/organizations/:org/monitors/", async (req, res) => {
    const org = await access.org(requirePrincipal(res), req.params.org, "read");
    const projects = await projectsOf(org);
    const wanted = projectIdsParam(req.query.project);
    const ids = [...projects.keys()].filter((id) => wanted.length === 0 || wanted.includes(id));
    const environment = queryString(req.query.environment);
    const rows = await monitors.list(ids);
    res.json(
      rows.map((row) => {
        const body = serialize(row, projects.get(row.projectId)!);
        return environment ? { ...body, environments: body.environments.filter((e) => e.name === environment) } : body;
      }),
    );
  });

  router.post("/organizations/:org/monitors/", async (req, res) => {
    const principal = requirePrincipal(res);
    const org = await access.org(principal, req.params.org, "write");
    const body = parse(createMonitorBody, req.body);
    const projects = [...(await projectsOf(org)).values()];
    const project = projects.find((p) => p.slug === body.project || String(p.id) === body.project);
    if (!project) throw badRequest(`project: no project "${body.project}" in this organization`);
    const settings = settingsFrom(body.config);
    const slug = body.slug ?? slugify(body.name).slice(0, 50);
    if (!slug) throw badRequest("slug: the name has no letters or digits to make a slug of; give a slug");
    let created;
    try {
      created = await monitors.create(project.id, slug, body.name, settings, body.isMuted ?? false);
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict(`slug: a monitor with the slug "${slug}" already exists`);
      throw error;
    }
    if (body.status === "disabled") created = await monitors.update(created.id, { status: "disabled" });
    await audit(req, principal, org.organization.id, "monitor.add", body.name, { slug, project: project.slug });
    res.status(201).json(serialize({ ...created, environments: [] }, project));
  });

  router.get("/organizations/:org/monitors/:slug/", async (req, res) => {
    const org = await access.org(requirePrincipal(res), req.params.org, "read");
    const { monitor, project } = await findMonitor(org, req.params.slug);
    res.json(serialize(monitor, project));
  });

  router.put("/organizations/:org/monitors/:slug/", async (req, res) => {
    const principal = requirePrincipal(res);
    const org = await access.org(principal, req.params.org, "write");
    const { monitor, project } = await findMonitor(org, req.params.slug);
    const body = parse(updateMonitorBody, req.body);
    const settings = body.config ? settingsFrom(mergedConfig(serializeConfig(monitor), body.config)) : undefined;
    let updated;
    try {
      updated = await monitors.update(monitor.id, {
        ...(body.name !== undefined ? { name: body.name } : {}),
        ...(body.slug !== undefined ? { slug: body.slug } : {}),
        ...(body.isMuted !== undefined ? { isMuted: body.isMuted } : {}),
        ...(body.status !== undefined ? { status: body.status } : {}),
        ...(settings ? { settings } : {}),
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict(`slug: a monitor with the slug "${body.slug}" already exists`);
      throw error;
    }
    await audit(req, principal, org.organization.id, "monitor.edit", updated.name, {
      slug: updated.slug,
      changed: Object.keys(body),
    });
    res.json(serialize(updated, project));
  });

  router.delete("/organizations/:org/monitors/:slug/", async (req, res) => {
    const principal = requirePrincipal(res);
    const org = await access.org(principal, req.params.org, "write");
    const { monitor } = await findMonitor(org, req.params.slug);
    await monitors.delete(monitor.id);
    await audit(req, principal, org.organization.id, "monitor.remove", monitor.name, { slug: monitor.slug });
    res.status(202).end();
  });

  router.get("/organizations/:org/monitors/:slug/checkins/", async (req, res) => {
    const org = await access.org(requirePrincipal(res), req.params.org, "read");
    const { monitor } = await findMonitor(org, req.params.slug);
    const environment = queryString(req.query.environment);
    const rows = await monitors.checkIns(monitor.id, {
      ...(environment ? { environment } : {}),
      limit: pageSize(req, 50, 100),
    });
    res.json(rows.map(serializeCheckIn));
  });

  return router;
}
