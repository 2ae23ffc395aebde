import type { ParsedIssueQuery, SearchFilter } from "@faultline/core";
import { Prisma } from "../generated/prisma/client";

/**
 * Which events an issue list's numbers count, split as Sentry's issue stream serializer does:
 * the environments and the time range (start/end) narrow the top-level `count`, `userCount`,
 * `firstSeen`, `lastSeen` (environments also `stats` and `lifetime`); the search's other
 * event-level terms (release, tags, user) are the conditions behind `filtered`.
 */
export interface EventScope {
  /** Empty: every environment. */
  environments: string[];
  start?: Date;
  end?: Date;
  /** Event-level search terms besides the environment. */
  conditions: SearchFilter[];
}

/** A plain `environment:a` / `environment:[a,b]` term: the list's environment, as in Sentry. */
function isEnvironmentChoice(filter: SearchFilter): filter is Extract<SearchFilter, { kind: "tag" }> {
  return (
    filter.kind === "tag" &&
    filter.key === "environment" &&
    !filter.negated &&
    filter.values.every((value) => !value.includes("*"))
  );
}

function isEventLevel(filter: SearchFilter): boolean {
  return filter.kind === "tag" || filter.kind === "user" || filter.kind === "has";
}

export function eventScopeOf(query: ParsedIssueQuery, range: { start?: Date; end?: Date } = {}): EventScope {
  const choice = query.filters.find(isEnvironmentChoice);
  return {
    environments: choice ? choice.values : [],
    ...(range.start ? { start: range.start } : {}),
    ...(range.end ? { end: range.end } : {}),
    conditions: query.filters.filter((filter) => filter !== choice && isEventLevel(filter)),
  };
}

function likePattern(value: string): string {
  return value.replace(/[\\%_]/g, (ch) => `\\${ch}`).replace(/\*/g, "%");
}

/** The event's value of a tag (tags are stored as ordered [key, value] pairs). */
function tagValue(key: string): Prisma.Sql {
  return Prisma.sql`(SELECT t->>1 FROM jsonb_array_elements(e.tags) t WHERE t->>0 = ${key} LIMIT 1)`;
}

const USER_DATA_FIELDS = { id: "id", email: "email", username: "username", ip: "ip_address" } as const;

function eventCondition(filter: SearchFilter): Prisma.Sql {
  switch (filter.kind) {
    case "tag": {
      const exact = filter.values.filter((value) => !value.includes("*"));
      const parts = [Prisma.sql`${tagValue(filter.key)} = ANY(${exact}::text[])`];
      for (const value of filter.values.filter((value) => value.includes("*")))
        parts.push(Prisma.sql`${tagValue(filter.key)} LIKE ${likePattern(value)}`);
      const sql = Prisma.sql`COALESCE(${Prisma.join(parts, " OR ")}, FALSE)`;
      return filter.negated ? Prisma.sql`NOT ${sql}` : sql;
    }
    case "user": {
      // The event's own user fields: `user.email:` finds an event whose user also has an id.
      const field = USER_DATA_FIELDS[filter.field];
      const sql = Prisma.sql`COALESCE(e.data->'user'->>${field} = ANY(${filter.values}::text[]), FALSE)`;
      return filter.negated ? Prisma.sql`NOT ${sql}` : sql;
    }
    case "has": {
      const sql = Prisma.sql`${tagValue(filter.key)} IS NOT NULL`;
      return filter.negated ? Prisma.sql`NOT (${sql})` : sql;
    }
    default:
      return Prisma.sql`TRUE`;
  }
}

/** SQL over an `event e` row: whether it is in the scope's environments. */
export function environmentMatch(scope: EventScope): Prisma.Sql {
  return scope.environments.length > 0
    ? Prisma.sql`e.environment = ANY(${scope.environments}::text[])`
    : Prisma.sql`TRUE`;
}

/** SQL over an `event e` row: whether it is within the scope's time range. */
export function rangeMatch(scope: EventScope): Prisma.Sql {
  const bounds: Prisma.Sql[] = [];
  if (scope.start) bounds.push(Prisma.sql`e.timestamp >= ${scope.start}`);
  if (scope.end) bounds.push(Prisma.sql`e.timestamp <= ${scope.end}`);
  return bounds.length > 0 ? Prisma.join(bounds, " AND ") : Prisma.sql`TRUE`;
}

/** SQL over an `event e` row: whether it meets every condition. */
export function conditionsMatch(scope: EventScope): Prisma.Sql {
  return scope.conditions.length > 0 ? Prisma.join(scope.conditions.map(eventCondition), " AND ") : Prisma.sql`TRUE`;
}
