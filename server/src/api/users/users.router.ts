import {
  createEventUsersRepo,
  createIssueEventsRepo,
  listIssues,
  type Database,
  type EventUserMatch,
  type EventUserRow,
} from "@faultline/db";
import { Router } from "express";
import type { Access } from "../access";
import { notFound } from "../api-error";
import type { IssuesService } from "../issues/issues.service";
import { cursorOffset, formatCursor, pageSize, parseCursor, setLinkHeader } from "../pagination";
import { requirePrincipal } from "../principal";
import { queryString } from "../validate";

const FIELDS = ["id", "email", "username", "ip"] as const;

function serializeUser(row: EventUserRow) {
  const colon = row.user_key.indexOf(":");
  const field = row.user_key.slice(0, colon);
  const value = row.user_key.slice(colon + 1);
  const email = row.email ?? (field === "email" ? value : null);
  const username = row.username ?? (field === "username" ? value : null);
  return {
    id: row.user_key,
    tagValue: row.user_key,
    identifier: value,
    userId: field === "id" ? value : null,
    email,
    username,
    ipAddress: row.ip_address ?? (field === "ip" ? value : null),
    name: row.name ?? username ?? email ?? value,
    dateCreated: row.first_seen.toISOString(),
    lastSeen: row.last_seen.toISOString(),
    issueCount: Number(row.issues),
    avatarUrl: null,
  };
}

/** `email:x`, `id:x`, `ip:x` (or `ip_address:x`), `username:x`: that field exactly; anything else: a part of any. */
function userMatch(query: string): EventUserMatch {
  const field = /^(\w+):(.+)$/.exec(query);
  const name = field?.[1] === "ip_address" ? "ip" : field?.[1];
  if (field && (FIELDS as readonly (string | undefined)[]).includes(name))
    return { field: { name: name as (typeof FIELDS)[number], value: field[2]! } };
  return query === "" ? {} : { contains: query };
}

/**
 * Users affected: Sentry's `GET /projects/{org}/{project}/users/?query=` (query `email:x`,
 * `id:x`, `ip:x`, `username:x` for an exact match, anything else for a substring), and
 * Faultline's `GET /projects/{org}/{project}/users/{tagValue}/`: what went wrong for one person —
 * their issues and their events per day over 14 days.
 */
export function createUsersRouter(deps: {
  db: Database;
  access: Access;
  publicUrl: string;
  issues: IssuesService;
}): Router {
  const { db, access, publicUrl, issues } = deps;
  const users = createEventUsersRepo(db);
  const events = createIssueEventsRepo(db);
  const router = Router();

  router.get("/projects/:org/:project/users/", async (req, res) => {
    const found = await access.project(requirePrincipal(res), req.params.org, req.params.project, "read");
    const query = (queryString(req.query.query) ?? "").trim();
    const match = userMatch(query);
    const limit = pageSize(req, 100);
    const offset = cursorOffset(parseCursor(req));
    const rows = await users.search(found.project.id, match, limit + 1, offset);
    setLinkHeader(req, res, publicUrl, {
      prev: formatCursor(0, Math.max(0, offset - limit), false),
      hasPrev: offset > 0,
      next: formatCursor(0, offset + limit, false),
      hasNext: rows.length > limit,
    });
    res.json(rows.slice(0, limit).map(serializeUser));
  });

  router.get("/projects/:org/:project/users/:tagValue/", async (req, res) => {
    const principal = requirePrincipal(res);
    const found = await access.project(principal, req.params.org, req.params.project, "read");
    const key = req.params.tagValue;
    const [user] = await users.search(found.project.id, { key }, 1, 0);
    if (!user) throw notFound("User not found");
    const ids = await users.issueIdsFor(found.project.id, key);
    const rows = await listIssues(db, {
      projectIds: [found.project.id],
      query: { filters: [] },
      context: { userId: principal.user.id },
      ids,
      sort: "date",
      limit: 1000,
    });
    const now = new Date();
    const since = new Date(Math.floor(now.getTime() / 86_400_000) * 86_400_000 - 13 * 86_400_000);
    const perDay = await events.userEventsByDay(ids, key, since);
    const days = Array.from({ length: 14 }, (_, n) => since.getTime() + n * 86_400_000);
    const series = (issueId?: bigint) =>
      days.map((day) => [
        day / 1000,
        perDay
          .filter((row) => row.day.getTime() === day && (issueId === undefined || row.issue_id === issueId))
          .reduce((sum, row) => sum + Number(row.count), 0),
      ]);
    const serialized = await issues.serializeMany(rows, null, now);
    res.json({
      user: serializeUser(user),
      events: { "14d": series() },
      issues: serialized.map((issue, n) => ({ ...issue, userEvents: { "14d": series(rows[n]?.id) } })),
    });
  });

  return router;
}
