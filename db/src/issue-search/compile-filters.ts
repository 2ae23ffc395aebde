import type { AssignedMatch, Comparison, ParsedIssueQuery, SearchFilter, UserField } from "@faultline/core";
import { Prisma } from "../generated/prisma/client";

export interface SearchContext {
  /** The caller, for `assigned:me` and `bookmarks:me`. */
  userId: number;
}

const COMPARISONS: Record<Comparison, Prisma.Sql> = {
  ">": Prisma.sql`>`,
  ">=": Prisma.sql`>=`,
  "<": Prisma.sql`<`,
  "<=": Prisma.sql`<=`,
  "=": Prisma.sql`=`,
};

const USER_COLUMNS: Partial<Record<UserField, Prisma.Sql>> = {
  email: Prisma.sql`u.email`,
  username: Prisma.sql`u.username`,
  ip: Prisma.sql`u.ip_address`,
};

/** `*` is Sentry's wildcard; everything else matches literally. */
function likePattern(value: string): string {
  return value.replace(/[\\%_]/g, (ch) => `\\${ch}`).replace(/\*/g, "%");
}

function negate(negated: boolean, sql: Prisma.Sql): Prisma.Sql {
  return negated ? Prisma.sql`NOT (${sql})` : sql;
}

/**
 * Tag filters probe issue_tag_value (primary key issue_id, key, value) per candidate issue, so a
 * list ordered by an issue index stops as soon as it has a page; rare values can start from the
 * (key, value) index instead — PostgreSQL picks.
 */
function tagMatch(key: string, values: string[]): Prisma.Sql {
  const exact = values.filter((value) => !value.includes("*"));
  const wild = values.filter((value) => value.includes("*"));
  const parts: Prisma.Sql[] = [];
  if (exact.length > 0) parts.push(Prisma.sql`t.value = ANY(${exact}::text[])`);
  for (const value of wild) parts.push(Prisma.sql`t.value LIKE ${likePattern(value)}`);
  return Prisma.sql`EXISTS (SELECT 1 FROM issue_tag_value t WHERE t.issue_id = i.id AND t.key = ${key}
    AND (${Prisma.join(parts, " OR ")}))`;
}

/** An issue is assigned to a person (assignee_id) or a team (assignee_team_id), never both. */
function assignedSql(match: AssignedMatch, context: SearchContext): Prisma.Sql {
  switch (match.type) {
    case "any":
      return Prisma.sql`(i.assignee_id IS NOT NULL OR i.assignee_team_id IS NOT NULL)`;
    case "none":
      return Prisma.sql`(i.assignee_id IS NULL AND i.assignee_team_id IS NULL)`;
    case "me":
      return Prisma.sql`i.assignee_id = ${context.userId}`;
    case "email":
      return Prisma.sql`i.assignee_id = (SELECT id FROM app_user WHERE email = ${match.email})`;
    case "my_teams":
      return Prisma.sql`i.assignee_team_id IN (SELECT tm.team_id FROM team_member tm
        JOIN organization_member om ON om.id = tm.member_id WHERE om.user_id = ${context.userId})`;
    case "team":
      // Team slugs are per organization: the issue's own organization's team.
      return Prisma.sql`i.assignee_team_id IN (SELECT t.id FROM team t JOIN project tp
        ON tp.organization_id = t.organization_id WHERE tp.id = i.project_id AND t.slug = ${match.slug})`;
    case "anyOf":
      return Prisma.sql`(${Prisma.join(
        match.matches.map((one) => Prisma.sql`COALESCE((${assignedSql(one, context)}), false)`),
        " OR ",
      )})`;
  }
}

function compileOne(filter: SearchFilter, context: SearchContext): Prisma.Sql {
  switch (filter.kind) {
    case "status":
      return negate(filter.negated, Prisma.sql`i.status::text = ANY(${filter.values}::text[])`);
    case "assigned": {
      const sql = assignedSql(filter.match, context);
      return filter.negated ? Prisma.sql`NOT COALESCE((${sql}), false)` : sql;
    }
    case "bookmarked": {
      const match = filter.match;
      const who =
        match.type === "any"
          ? Prisma.empty
          : match.type === "email"
            ? Prisma.sql`AND b.user_id = (SELECT id FROM app_user WHERE email = ${match.email})`
            : Prisma.sql`AND b.user_id = ${context.userId}`;
      const sql = Prisma.sql`EXISTS (SELECT 1 FROM issue_bookmark b WHERE b.issue_id = i.id ${who})`;
      // `bookmarks:none` is "bookmarked by nobody".
      return negate(match.type === "none" ? !filter.negated : filter.negated, sql);
    }
    case "level":
      return negate(filter.negated, Prisma.sql`i.level = ANY(${filter.values}::text[])`);
    case "tag":
      return negate(filter.negated, tagMatch(filter.key, filter.values));
    case "user": {
      // Users are keyed by their first identifier (id, else email, else ip), as Sentry's
      // `user` tag is; issue_user holds one row per (issue, user key), with the user's other
      // fields beside it (indexed), so user.email finds a user who also has an id. Rows stored
      // before those columns existed match by key only.
      const keys = filter.values.map((value) => `${filter.field}:${value}`);
      const column = USER_COLUMNS[filter.field];
      const byField = column ? Prisma.sql` OR ${column} = ANY(${filter.values}::text[])` : Prisma.empty;
      const sql = Prisma.sql`EXISTS (SELECT 1 FROM issue_user u WHERE u.issue_id = i.id
        AND (u.user_key = ANY(${keys}::text[])${byField}))`;
      return negate(filter.negated, sql);
    }
    case "has": {
      const sql =
        filter.key === "user"
          ? Prisma.sql`i.user_count > 0`
          : Prisma.sql`EXISTS (SELECT 1 FROM issue_tag_value t WHERE t.issue_id = i.id AND t.key = ${filter.key})`;
      return negate(filter.negated, sql);
    }
    case "date": {
      const column = filter.field === "firstSeen" ? Prisma.sql`i.first_seen` : Prisma.sql`i.last_seen`;
      const bound = Prisma.sql`${column} ${COMPARISONS[filter.op]} ${filter.date}`;
      return filter.until ? Prisma.sql`(${bound} AND ${column} < ${filter.until})` : bound;
    }
    case "timesSeen":
      return Prisma.sql`i.times_seen ${COMPARISONS[filter.op]} ${filter.value}`;
    case "text": {
      // Title holds the message for message events and "Type: value" for errors (trigram-indexed).
      const pattern = `%${likePattern(filter.value)}%`;
      return negate(filter.negated, Prisma.sql`(i.title ILIKE ${pattern} OR i.culprit ILIKE ${pattern})`);
    }
  }
}

/** The WHERE conditions for a parsed query (ANDed), or TRUE for no filters. */
export function compileFilters(query: ParsedIssueQuery, context: SearchContext): Prisma.Sql {
  if (query.filters.length === 0) return Prisma.sql`TRUE`;
  return Prisma.join(
    query.filters.map((filter) => compileOne(filter, context)),
    " AND ",
  );
}
