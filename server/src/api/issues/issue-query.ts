import { parseIssueQuery, type ParsedIssueQuery, type SearchFilter } from "@faultline/core";
import type { IssueSort, StatsPeriod } from "@faultline/db";
import type { Request } from "express";
import { badRequest } from "../api-error";
import { queryList, queryString } from "../validate";

const SORTS: Record<string, IssueSort> = { date: "date", new: "new", freq: "freq", user: "user" };

/** An ISO date parameter (Sentry's `start` / `end`). */
function dateParam(name: string, raw: string | undefined): Date | undefined {
  if (raw === undefined || raw === "") return undefined;
  const zoned = /^\d{4}-\d{2}-\d{2}$/.test(raw)
    ? `${raw}T00:00:00Z`
    : /Z|[+-]\d{2}:?\d{2}$/.test(raw)
      ? raw
      : `${raw}Z`;
  const date = new Date(zoned);
  if (!/^\d{4}-\d{2}-\d{2}/.test(raw) || Number.isNaN(date.getTime()))
    throw badRequest(`${name}: "${raw}" is not an ISO date (2026-05-01T12:00:00Z)`);
  return date;
}

/**
 * Sentry's `environment` (repeatable) and `start`/`end` parameters, as search terms: an issue
 * qualifies with events in one of the environments, seen within the range.
 */
function scopeFilters(req: Request): { filters: SearchFilter[]; start?: Date; end?: Date } {
  const filters: SearchFilter[] = [];
  const environments = queryList(req.query.environment).filter((name) => name !== "");
  if (environments.length > 0) filters.push({ kind: "tag", key: "environment", negated: false, values: environments });
  const start = dateParam("start", queryString(req.query.start));
  const end = dateParam("end", queryString(req.query.end));
  if (start && end && start > end) throw badRequest("start: must not be after end");
  if (start) filters.push({ kind: "date", field: "lastSeen", op: ">=", date: start });
  if (end) filters.push({ kind: "date", field: "firstSeen", op: "<=", date: end });
  return { filters, ...(start ? { start } : {}), ...(end ? { end } : {}) };
}

/**
 * `query` (absent → Sentry's default `is:unresolved`; empty → everything) with `environment`,
 * `start` and `end`; `sort`; `statsPeriod`.
 */
export function readIssueQuery(req: Request, now: Date) {
  const raw = queryString(req.query.query);
  const searched = parseIssueQuery(raw ?? "is:unresolved", now);
  const scope = scopeFilters(req);
  const parsed: ParsedIssueQuery = { filters: [...scope.filters, ...searched.filters] };
  const sortRaw = queryString(req.query.sort) ?? "date";
  const sort = SORTS[sortRaw];
  if (!sort) throw badRequest(`sort: "${sortRaw}" is not one of date, new, freq, user`);
  const periodRaw = queryString(req.query.statsPeriod) ?? "24h";
  if (periodRaw !== "" && periodRaw !== "24h" && periodRaw !== "14d")
    throw badRequest(`statsPeriod: "${periodRaw}" is not one of 24h, 14d or empty`);
  const statsPeriod: StatsPeriod | null = periodRaw === "" ? null : periodRaw;
  return {
    query: parsed,
    sort,
    statsPeriod,
    range: { ...(scope.start ? { start: scope.start } : {}), ...(scope.end ? { end: scope.end } : {}) },
  };
}
