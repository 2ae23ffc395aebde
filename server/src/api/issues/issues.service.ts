import type { ParsedIssueQuery, UpdateIssueBody } from "@faultline/core";
import {
  countMatchingIssues,
  createActivityRepo,
  eventScopeOf,
  isScoped,
  scopedSeenStats,
  scopedSeries,
  createIssuesRepo,
  listIssues,
  matchingIssueIds,
  sortValueOf,
  type Database,
  type IssueRow,
  type EventScope,
  type IssueSort,
  type StatsPeriod,
} from "@faultline/db";
import { badRequest } from "../api-error";
import type { ApiUser } from "../principal";
import { keysetPage, type Cursor } from "../pagination";
import { normalizeIssueUpdate, planStatusChange } from "./issue-changes";
import type { WorkflowNotices } from "./workflow-notices";
import { serializeIssue } from "./serialize-issue";

/** Bulk changes without ids apply to at most this many matching issues (as Sentry does). */
export const BULK_LIMIT = 1000;

/** Sentry counts a list's hits up to this (`X-Hits`, `X-Max-Hits`). */
export const MAX_HITS = 1000;

export interface IssuesServiceDeps {
  db: Database;
  publicUrl: string;
  /**
   * Told which issues an update resolved (they were not resolved before): alert channels that
   * opened incidents for them (PagerDuty, Opsgenie) close them. Every way of resolving through
   * the API goes through `update`: the dashboard, sentry-cli, "resolved in (next) release".
   */
  onResolved?: ((issues: { projectId: number; issueId: string }[]) => Promise<void>) | undefined;
  /** Workflow emails to the issues' subscribers (assignment, resolution). */
  workflow?: WorkflowNotices | undefined;
}

export function createIssuesService(deps: IssuesServiceDeps) {
  const { db, publicUrl } = deps;
  const issues = createIssuesRepo(db);
  const activity = createActivityRepo(db);

  /**
   * Sentry's issue shape; `viewerId` is the user whose bookmarks and subscriptions it shows.
   * With a `scope` (a list's environments, range and event conditions) the numbers are those
   * of the matching events, as Sentry's issue stream.
   */
  async function serializeMany(
    rows: IssueRow[],
    statsPeriod: StatsPeriod | null,
    now: Date,
    viewerId?: number,
    scope?: EventScope,
  ) {
    const ids = rows.map((row) => row.id);
    const scoped = scope && isScoped(scope) ? scope : undefined;
    // Per environment there is no rollup: the sparklines then come from the events too.
    const eventSeries = scoped && statsPeriod && (scoped.environments.length > 0 || scoped.conditions.length > 0);
    const [stats, comments, marks, unhandled, seen, series] = await Promise.all([
      statsPeriod && !(eventSeries && scoped.environments.length > 0)
        ? issues.stats(ids, statsPeriod, now)
        : Promise.resolve(undefined),
      issues.commentCounts(ids),
      viewerId === undefined ? Promise.resolve(undefined) : issues.viewerMarks(ids, viewerId),
      // The worker tags each event `handled:yes/no` from its exception's mechanism.
      db.issueTagValue.findMany({
        where: { issueId: { in: ids }, key: "handled", value: "no" },
        select: { issueId: true },
      }),
      scoped ? scopedSeenStats(db, ids, scoped) : Promise.resolve(undefined),
      eventSeries && statsPeriod ? scopedSeries(db, ids, scoped, statsPeriod, now) : Promise.resolve(undefined),
    ]);
    const unhandledIds = new Set(unhandled.map((row) => String(row.issueId)));
    return rows.map((row) => {
      const id = String(row.id);
      const found = seen?.get(id);
      const sparkline = statsPeriod ? (stats?.get(id) ?? series?.get(id)?.all ?? []) : undefined;
      const hasConditions = (scoped?.conditions.length ?? 0) > 0;
      const own = {
        count: row.times_seen,
        userCount: row.user_count,
        firstSeen: row.first_seen,
        lastSeen: row.last_seen,
      };
      const allEnvironments = (scoped?.environments.length ?? 0) === 0;
      const allTime = scoped?.start === undefined && scoped?.end === undefined;
      return serializeIssue(row, publicUrl, {
        numComments: comments.get(id) ?? 0,
        isBookmarked: marks?.bookmarked.has(id) ?? false,
        isSubscribed: marks?.subscribed.has(id) ?? false,
        isUnhandled: unhandledIds.has(id),
        ...(statsPeriod && sparkline ? { stats: { [statsPeriod]: sparkline } } : {}),
        ...(found && scoped
          ? {
              scoped: {
                // In every environment, the issue's own counters: they also count the events spike
                // protection counted without storing them.
                ranged: allEnvironments && allTime ? own : found.ranged,
                lifetime: allEnvironments ? own : found.lifetime,
                filtered: hasConditions
                  ? {
                      ...found.filtered,
                      ...(statsPeriod ? { stats: { [statsPeriod]: series?.get(id)?.filtered ?? [] } } : {}),
                    }
                  : null,
              },
            }
          : {}),
      });
    });
  }

  /**
   * Resolves `assignedTo` ("user:12", "12", an email, "team:3", null/"" to clear) to a member or
   * a team of the org.
   */
  async function resolveAssignee(
    organizationId: number,
    value: string | null,
  ): Promise<{ userId: number } | { team: { id: number; slug: string } } | null> {
    if (value === null || value === "") return null;
    const teamId = /^team:(\d{1,9})$/.exec(value)?.[1];
    if (teamId) {
      const team = await db.team.findFirst({ where: { organizationId, id: Number(teamId) } });
      if (!team) throw badRequest("assignedTo: not a team of this organization");
      return { team: { id: team.id, slug: team.slug } };
    }
    const id = /^(?:user:)?(\d+)$/.exec(value)?.[1];
    const member = await db.organizationMember.findFirst({
      where: { organizationId, ...(id ? { userId: Number(id) } : { user: { email: value.toLowerCase() } }) },
      select: { userId: true },
    });
    if (!member) throw badRequest("assignedTo: not a member of this organization");
    return { userId: member.userId };
  }

  return {
    serializeMany,

    async list(input: {
      projectIds: number[];
      query: ParsedIssueQuery;
      sort: IssueSort;
      statsPeriod: StatsPeriod | null;
      limit: number;
      cursor: Cursor | undefined;
      user: ApiUser;
      /** Sentry's start/end: the time range the numbers count. */
      range?: { start?: Date; end?: Date };
    }) {
      const now = new Date();
      const context = { userId: input.user.id };
      const rows = await listIssues(db, {
        projectIds: input.projectIds,
        query: input.query,
        context,
        sort: input.sort,
        limit: input.limit + 1,
        ...(input.cursor
          ? {
              after: { value: BigInt(input.cursor.value), id: BigInt(input.cursor.id), backwards: input.cursor.isPrev },
            }
          : {}),
      });
      const { page, links } = keysetPage(rows, input.limit, input.cursor, (row) => [
        sortValueOf(row, input.sort),
        row.id,
      ]);
      const scope = eventScopeOf(input.query, input.range);
      // A first page that holds every match is its own count.
      const hits =
        !input.cursor && rows.length <= input.limit
          ? rows.length
          : await countMatchingIssues(db, { projectIds: input.projectIds, query: input.query, context }, MAX_HITS);
      return { issues: await serializeMany(page, input.statsPeriod, now, input.user.id, scope), links, hits };
    },

    /** The issues a bulk request addresses: the given ids, else the query's first BULK_LIMIT. */
    async target(input: { projectIds: number[]; ids: bigint[]; query: ParsedIssueQuery; user: ApiUser }) {
      const base = { projectIds: input.projectIds, query: input.query, context: { userId: input.user.id } };
      if (input.ids.length > 0) {
        // Ids from other projects or organizations simply match nothing.
        return listIssues(db, { ...base, query: { filters: [] }, ids: input.ids, sort: "date", limit: BULK_LIMIT });
      }
      const rows: IssueRow[] = [];
      for await (const batch of matchingIssueIds(db, base)) {
        rows.push(...batch);
        if (rows.length >= BULK_LIMIT) break;
      }
      return rows.slice(0, BULK_LIMIT);
    },

    /**
     * Applies a PUT body to issues of one organization and records activity. Bookmarks and
     * subscriptions are the actor's own. Fields Faultline does not keep (substatus, priority,
     * isPublic, hasSeen, inbox) change nothing; the router applies merge.
     */
    async update(organizationId: number, rows: IssueRow[], sent: UpdateIssueBody, actor: ApiUser) {
      if (rows.length === 0) return {};
      const body = normalizeIssueUpdate(sent);
      const ids = rows.map((row) => row.id);
      const projectIds = [...new Set(rows.map((row) => row.project_id))];
      const needsRelease =
        body.status === "resolvedInNextRelease" ||
        body.statusDetails?.inNextRelease === true ||
        body.statusDetails?.inRelease === "latest";
      if (needsRelease && projectIds.length > 1)
        throw badRequest("statusDetails: a release applies to issues of one project at a time");
      const latest = needsRelease && projectIds[0] !== undefined ? await issues.latestRelease(projectIds[0]) : null;
      const planned = planStatusChange(body, new Date(), latest, actor);
      let echo = planned.echo;
      if (body.assignedTo !== undefined) {
        const target = await resolveAssignee(organizationId, body.assignedTo);
        const assigneeId = target && "userId" in target ? target.userId : null;
        const team = target && "team" in target ? target.team : null;
        // A person or a team, never both (a check constraint holds it too).
        planned.changes.assigneeId = assigneeId;
        planned.changes.assigneeTeamId = team?.id ?? null;
        planned.activity.push(
          assigneeId !== null
            ? { type: "assigned", data: { assignee: String(assigneeId), assigneeType: "user" } }
            : team
              ? { type: "assigned", data: { assignee: String(team.id), assigneeType: "team", assigneeName: team.slug } }
              : { type: "unassigned", data: {} },
        );
        const assignee = assigneeId === null ? null : await db.user.findUnique({ where: { id: assigneeId } });
        echo = {
          ...echo,
          assignedTo: assignee
            ? { type: "user", id: String(assignee.id), name: assignee.name || assignee.email, email: assignee.email }
            : team
              ? { type: "team", id: String(team.id), name: team.slug }
              : null,
        };
      }
      if (body.isBookmarked !== undefined) {
        await issues.setBookmarked(ids, actor.id, body.isBookmarked);
        echo = { ...echo, isBookmarked: body.isBookmarked };
      }
      if (body.isSubscribed !== undefined) {
        await issues.setSubscribed(ids, actor.id, body.isSubscribed);
        echo = { ...echo, isSubscribed: body.isSubscribed };
      }
      await issues.update(ids, planned.changes);
      if (planned.changes.status === "resolved" && deps.onResolved) {
        const newlyResolved = rows.filter((row) => row.status !== "resolved");
        await deps.onResolved(newlyResolved.map((row) => ({ projectId: row.project_id, issueId: String(row.id) })));
      }
      if (deps.workflow) {
        if (body.assignedTo !== undefined && (planned.changes.assigneeId ?? planned.changes.assigneeTeamId) != null) {
          const label = (echo as { assignedTo?: { type: string; name: string | null } }).assignedTo;
          await deps.workflow.assigned(ids, actor.id, {
            userId: planned.changes.assigneeId ?? null,
            label: label?.type === "team" ? `#${label.name}` : (label?.name ?? "someone"),
          });
        }
        if (planned.changes.status === "resolved") {
          const newlyResolved = rows.filter((row) => row.status !== "resolved").map((row) => row.id);
          if (newlyResolved.length > 0) await deps.workflow.resolved(newlyResolved, actor.id);
        }
      }
      if (planned.ignoreCount) await issues.setIgnoreCount(ids, planned.ignoreCount);
      if (planned.ignoreUserCount) await issues.setIgnoreUserCount(ids, planned.ignoreUserCount);
      await activity.record(
        ids.flatMap((issueId) =>
          planned.activity.map((entry) => ({
            issueId,
            userId: actor.id,
            type: entry.type,
            // Drop undefined members: the JSON column takes plain JSON.
            data: JSON.parse(JSON.stringify(entry.data)) as object,
          })),
        ),
      );
      return echo;
    },

    delete: (rows: IssueRow[]) => issues.delete(rows.map((row) => row.id)),

    findRow: (id: bigint) => issues.findRow(id),

    findByShortId: (organizationId: number, projectSlug: string, shortId: number) =>
      issues.findByShortId(organizationId, projectSlug, shortId),
  };
}

export type IssuesService = ReturnType<typeof createIssuesService>;
