import { createOutcomeStatsRepo, type Database } from "@faultline/db";
import { Router } from "express";
import { visibleProjects, type Access } from "../access";
import { badRequest } from "../api-error";
import { requirePrincipal } from "../principal";
import { projectIdsParam, queryList, queryString } from "../validate";
import { API_OUTCOMES, GROUP_BY_KEYS, groupOutcomes, storedOutcome, type GroupByKey } from "./outcome-groups";

const HOUR_MS = 3_600_000;
const MAX_PERIOD_MS = 90 * 24 * HOUR_MS;
const UNIT_MS: Record<string, number> = { h: HOUR_MS, d: 24 * HOUR_MS, w: 7 * 24 * HOUR_MS };

/** `24h`, `14d`, `2w`... in milliseconds; undefined if not a whole number of hours, days or weeks. */
function duration(value: string): number | undefined {
  const match = /^(\d{1,4})([hdw])$/.exec(value);
  if (!match) return undefined;
  const ms = Number(match[1]) * (UNIT_MS[match[2] ?? ""] ?? 0);
  return ms > 0 ? ms : undefined;
}

function parseStatsQuery(query: Record<string, unknown>) {
  const periodMs = duration(queryString(query.statsPeriod) ?? "14d");
  if (!periodMs || periodMs > MAX_PERIOD_MS) throw badRequest("statsPeriod: a duration from 1h to 90d (24h, 14d...)");
  // Outcomes are counted per hour: a finer interval cannot be answered.
  const intervalMs = duration(queryString(query.interval) ?? "1d");
  if (!intervalMs || intervalMs > periodMs)
    throw badRequest("interval: whole hours or days (1h, 1d), at most statsPeriod");
  const fields = queryList(query.field);
  if (fields.some((field) => field !== "sum(quantity)")) throw badRequest("field: only sum(quantity) is supported");
  const groupBy = [...new Set(queryList(query.groupBy))];
  const unknownGroup = groupBy.find((key) => !(GROUP_BY_KEYS as readonly string[]).includes(key));
  if (unknownGroup !== undefined)
    throw badRequest(`groupBy: "${unknownGroup}" is not one of ${GROUP_BY_KEYS.join(", ")}`);
  const outcomes = queryList(query.outcome);
  const unknownOutcome = outcomes.find((name) => !(API_OUTCOMES as readonly string[]).includes(name));
  if (unknownOutcome !== undefined)
    throw badRequest(`outcome: "${unknownOutcome}" is not one of ${API_OUTCOMES.join(", ")}`);
  const projectIds = projectIdsParam(query.project);
  return {
    periodMs,
    intervalMs,
    groupBy: groupBy as GroupByKey[],
    outcomes: outcomes.map(storedOutcome),
    categories: queryList(query.category),
    projectIds,
  };
}

/**
 * Sentry's `GET /organizations/{org}/stats_v2/`: `sum(quantity)` per interval from the hourly
 * outcome counters ingest keeps (accepted, filtered, rate_limited, invalid, client_discard),
 * grouped by any of outcome, reason, category and project, filtered by project, outcome and
 * category.
 */
export function createStatsRouter(deps: { db: Database; access: Access }): Router {
  const stats = createOutcomeStatsRepo(deps.db);
  const router = Router();
  router.get("/organizations/:org/stats_v2/", async (req, res) => {
    const org = await deps.access.org(requirePrincipal(res), req.params.org, "read");
    const query = parseStatsQuery(req.query);
    const wanted = query.projectIds;
    // Ids of other organizations' projects simply match nothing here.
    const projects = await deps.db.project.findMany({
      where: visibleProjects(org, wanted),
      select: { id: true },
    });
    const { intervalMs } = query;
    const end = Math.ceil(Date.now() / intervalMs) * intervalMs;
    const buckets = Math.ceil(query.periodMs / intervalMs);
    const start = end - buckets * intervalMs;
    const rows = await stats.buckets({
      projectIds: projects.map((project) => project.id),
      start: new Date(start),
      end: new Date(end),
      bucketMs: intervalMs,
      categories: query.categories,
      outcomes: query.outcomes,
    });
    res.json({
      start: new Date(start).toISOString(),
      end: new Date(end).toISOString(),
      intervals: Array.from({ length: buckets }, (_, n) => new Date(start + n * intervalMs).toISOString()),
      groups: groupOutcomes(rows, query.groupBy, start, intervalMs, buckets),
    });
  });
  return router;
}
