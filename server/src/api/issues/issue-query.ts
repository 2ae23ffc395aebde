import { parseIssueQuery, type ParsedIssueQuery } from "@faultline/core";
import type { IssueSort, StatsPeriod } from "@faultline/db";
import type { Request } from "express";
import { badRequest } from "../api-error";
import { queryString } from "../validate";

const SORTS: Record<string, IssueSort> = { date: "date", new: "new", freq: "freq", user: "user" };

/** `query` (absent → Sentry's default `is:unresolved`; empty → everything), `sort`, `statsPeriod`. */
export function readIssueQuery(req: Request, now: Date) {
  const raw = queryString(req.query.query);
  const parsed: ParsedIssueQuery = parseIssueQuery(raw ?? "is:unresolved", now);
  const sortRaw = queryString(req.query.sort) ?? "date";
  const sort = SORTS[sortRaw];
  if (!sort) throw badRequest(`sort: "${sortRaw}" is not one of date, new, freq, user`);
  const periodRaw = queryString(req.query.statsPeriod) ?? "24h";
  if (periodRaw !== "" && periodRaw !== "24h" && periodRaw !== "14d")
    throw badRequest(`statsPeriod: "${periodRaw}" is not one of 24h, 14d or empty`);
  const statsPeriod: StatsPeriod | null = periodRaw === "" ? null : periodRaw;
  return { query: parsed, sort, statsPeriod };
}
