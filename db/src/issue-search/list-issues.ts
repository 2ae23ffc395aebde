import type { ParsedIssueQuery } from "@faultline/core";
import type { Database } from "../client";
import { Prisma } from "../generated/prisma/client";
import { compileFilters, type SearchContext } from "./compile-filters";

export type IssueSort = "date" | "new" | "freq" | "user";

const SORT_COLUMNS: Record<IssueSort, { column: Prisma.Sql; isDate: boolean }> = {
  date: { column: Prisma.sql`i.last_seen`, isDate: true },
  new: { column: Prisma.sql`i.first_seen`, isDate: true },
  freq: { column: Prisma.sql`i.times_seen`, isDate: false },
  user: { column: Prisma.sql`i.user_count`, isDate: false },
};

export interface IssueRow {
  id: bigint;
  project_id: number;
  /** The issue's number in its project (Sentry's short id, formatted with the project slug). */
  short_id: number;
  title: string;
  culprit: string;
  level: string;
  type: string;
  metadata: Prisma.JsonValue;
  status: "unresolved" | "resolved" | "ignored";
  status_details: Prisma.JsonValue;
  first_seen: Date;
  last_seen: Date;
  times_seen: number;
  user_count: number;
  first_release: string | null;
  last_release: string | null;
  assignee_id: number | null;
  assignee_email: string | null;
  assignee_name: string | null;
  assignee_team_id: number | null;
  assignee_team_slug: string | null;
  project_slug: string;
  project_name: string;
  project_platform: string;
  organization_slug: string;
}

export interface IssueListInput {
  projectIds: number[];
  query: ParsedIssueQuery;
  context: SearchContext;
  sort: IssueSort;
  limit: number;
  /** Keyset position: the sort value (ms for dates) and id of the row to continue after. */
  after?: { value: bigint; id: bigint; backwards: boolean };
  /** Only these ids (bulk changes by id). */
  ids?: bigint[];
}

export const ISSUE_COLUMNS = Prisma.sql`
  i.id, i.project_id, i.short_id, i.title, i.culprit, i.level, i.type, i.metadata, i.status, i.status_details,
  i.first_seen, i.last_seen, i.times_seen, i.user_count, i.first_release, i.last_release, i.assignee_id,
  u.email AS assignee_email, u.name AS assignee_name, i.assignee_team_id, ateam.slug AS assignee_team_slug,
  p.slug AS project_slug, p.name AS project_name, p.platform AS project_platform, o.slug AS organization_slug`;

export const ISSUE_JOINS = Prisma.sql`
  JOIN project p ON p.id = i.project_id
  JOIN organization o ON o.id = p.organization_id
  LEFT JOIN app_user u ON u.id = i.assignee_id
  LEFT JOIN team ateam ON ateam.id = i.assignee_team_id`;

/** The cursor value of a row for a sort: epoch ms for dates, the count otherwise. */
export function sortValueOf(row: IssueRow, sort: IssueSort): bigint {
  switch (sort) {
    case "date":
      return BigInt(row.last_seen.getTime());
    case "new":
      return BigInt(row.first_seen.getTime());
    case "freq":
      return BigInt(row.times_seen);
    case "user":
      return BigInt(row.user_count);
  }
}

/** One page of issues (limit rows; ask for one more to learn whether another page exists). */
export async function listIssues(db: Database, input: IssueListInput): Promise<IssueRow[]> {
  const { column, isDate } = SORT_COLUMNS[input.sort];
  const conditions: Prisma.Sql[] = [
    Prisma.sql`i.project_id = ANY(${input.projectIds}::int[])`,
    compileFilters(input.query, input.context),
  ];
  if (input.ids) conditions.push(Prisma.sql`i.id = ANY(${input.ids}::bigint[])`);
  const backwards = input.after?.backwards ?? false;
  if (input.after) {
    const value = isDate
      ? Prisma.sql`${new Date(Number(input.after.value))}::timestamptz`
      : // bigint, not the column's integer type: a cursor past 2^31 matches nothing instead of failing.
        Prisma.sql`${input.after.value}::bigint`;
    conditions.push(
      backwards
        ? Prisma.sql`(${column}, i.id) > (${value}, ${input.after.id}::bigint)`
        : Prisma.sql`(${column}, i.id) < (${value}, ${input.after.id}::bigint)`,
    );
  }
  const direction = backwards ? Prisma.sql`ASC` : Prisma.sql`DESC`;
  return db.$queryRaw<IssueRow[]>`
    SELECT ${ISSUE_COLUMNS}
    FROM issue i ${ISSUE_JOINS}
    WHERE ${Prisma.join(conditions, " AND ")}
    ORDER BY ${column} ${direction}, i.id ${direction}
    LIMIT ${input.limit}`;
}

/** Every id a query matches, in batches (bulk changes without ids, exports). */
export async function* matchingIssueIds(
  db: Database,
  input: Omit<IssueListInput, "limit" | "after" | "sort">,
  batchSize = 500,
): AsyncGenerator<IssueRow[]> {
  let after: IssueListInput["after"];
  for (;;) {
    const rows = await listIssues(db, { ...input, sort: "date", limit: batchSize, ...(after ? { after } : {}) });
    if (rows.length === 0) return;
    yield rows;
    const last = rows[rows.length - 1]!;
    after = { value: sortValueOf(last, "date"), id: last.id, backwards: false };
    if (rows.length < batchSize) return;
  }
}

/**
 * How many issues a query matches, counted up to `max` (Sentry's X-Hits / X-Max-Hits): counting
 * stops there, so a broad search over a large project costs at most `max` index rows.
 */
export async function countMatchingIssues(
  db: Database,
  input: Pick<IssueListInput, "projectIds" | "query" | "context">,
  max: number,
): Promise<number> {
  const [row] = await db.$queryRaw<{ hits: bigint }[]>`
    SELECT count(*) AS hits FROM (
      SELECT 1 FROM issue i
      WHERE i.project_id = ANY(${input.projectIds}::int[]) AND ${compileFilters(input.query, input.context)}
      LIMIT ${max}
    ) matching`;
  return Number(row?.hits ?? 0);
}
