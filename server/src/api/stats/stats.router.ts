import { createProjectStatsRepo, type Database } from "@faultline/db";
import { Router } from "express";
import type { Access } from "../access";
import { badRequest } from "../api-error";
import { requirePrincipal } from "../principal";
import { queryList, queryString } from "../validate";

const PERIODS: Record<string, number> = {
  "1h": 3_600_000,
  "24h": 86_400_000,
  "7d": 7 * 86_400_000,
  "14d": 14 * 86_400_000,
  "30d": 30 * 86_400_000,
  "90d": 90 * 86_400_000,
};
const INTERVALS: Record<string, number> = { "1h": 3_600_000, "1d": 86_400_000 };

/**
 * Sentry's `GET /organizations/{org}/stats_v2/` for errors: `sum(quantity)` per interval, grouped
 * by `outcome` and/or `project`. Faultline counts what it stored, so the only outcome is
 * "accepted" (rate-limited and filtered events are not counted yet).
 */
export function createStatsRouter(deps: { db: Database; access: Access }): Router {
  const stats = createProjectStatsRepo(deps.db);
  const router = Router();
  router.get("/organizations/:org/stats_v2/", async (req, res) => {
    const org = await deps.access.org(requirePrincipal(res), req.params.org, "read");
    const periodMs = PERIODS[queryString(req.query.statsPeriod) ?? "14d"];
    const intervalMs = INTERVALS[queryString(req.query.interval) ?? "1d"];
    if (!periodMs) throw badRequest(`statsPeriod: one of ${Object.keys(PERIODS).join(", ")}`);
    if (!intervalMs) throw badRequest("interval: 1h or 1d");
    const groupBy = queryList(req.query.groupBy);
    if (groupBy.some((key) => key !== "outcome" && key !== "project")) throw badRequest("groupBy: outcome or project");
    const wanted = queryList(req.query.project).map(Number);
    const projects = await deps.db.project.findMany({
      where: {
        organizationId: org.organization.id,
        ...(wanted.length && !wanted.includes(-1) ? { id: { in: wanted } } : {}),
      },
      select: { id: true },
    });
    const end = Math.ceil(Date.now() / intervalMs) * intervalMs;
    const start = end - Math.ceil(periodMs / intervalMs) * intervalMs;
    const buckets = (end - start) / intervalMs;
    const rows = await stats.counts(
      projects.map((p) => p.id),
      new Date(start),
      new Date(end),
      intervalMs,
    );
    const byProject = groupBy.includes("project");
    const groups = new Map<
      string,
      {
        by: Record<string, string | number>;
        totals: { "sum(quantity)": number };
        series: { "sum(quantity)": number[] };
      }
    >();
    const groupFor = (projectId: number) => {
      const key = byProject ? String(projectId) : "all";
      let group = groups.get(key);
      if (!group) {
        const by: Record<string, string | number> = {};
        if (groupBy.includes("outcome")) by.outcome = "accepted";
        if (byProject) by.project = projectId;
        group = { by, totals: { "sum(quantity)": 0 }, series: { "sum(quantity)": Array<number>(buckets).fill(0) } };
        groups.set(key, group);
      }
      return group;
    };
    if (!byProject) groupFor(0);
    for (const row of rows) {
      const group = groupFor(row.project_id);
      const slot = Math.round((Number(row.bucket) - start) / intervalMs);
      if (slot < 0 || slot >= buckets) continue;
      group.series["sum(quantity)"][slot]! += Number(row.count);
      group.totals["sum(quantity)"] += Number(row.count);
    }
    res.json({
      start: new Date(start).toISOString(),
      end: new Date(end).toISOString(),
      intervals: Array.from({ length: buckets }, (_, n) => new Date(start + n * intervalMs).toISOString()),
      groups: [...groups.values()],
    });
  });
  return router;
}
