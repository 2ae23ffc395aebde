import type { Database } from "./client";

export interface ProjectTagKeyRow {
  key: string;
  values: bigint;
  events: bigint;
}

export interface ProjectTagValueRow {
  value: string;
  events: bigint;
  first_seen: Date;
  last_seen: Date;
}

/**
 * How many of the projects' issues, most recently seen first, tag keys and values are drawn
 * from: suggestions want what is current, and the bound keeps the cost of a suggestion that of
 * a few thousand index probes however large the project grows.
 */
export const TAG_SUGGESTION_ISSUES = 1000;

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Tag keys and values across projects (Sentry's organization tags), for search suggestions. */
export function createProjectTagsRepo(db: Database) {
  return {
    keys: (projectIds: number[], limit: number) =>
      db.$queryRaw<ProjectTagKeyRow[]>`
        WITH recent AS (
          SELECT id FROM issue WHERE project_id = ANY(${projectIds}::int[])
          ORDER BY last_seen DESC LIMIT ${TAG_SUGGESTION_ISSUES})
        SELECT t.key, count(DISTINCT t.value)::bigint AS values, sum(t.times_seen)::bigint AS events
        FROM issue_tag_value t JOIN recent r ON r.id = t.issue_id
        GROUP BY t.key
        ORDER BY sum(t.times_seen) DESC, t.key
        LIMIT ${limit}`,

    /** One key's values, most events first; `contains` narrows them (any case). */
    values: (projectIds: number[], key: string, contains: string, limit: number) =>
      db.$queryRaw<ProjectTagValueRow[]>`
        WITH recent AS (
          SELECT id FROM issue WHERE project_id = ANY(${projectIds}::int[])
          ORDER BY last_seen DESC LIMIT ${TAG_SUGGESTION_ISSUES})
        SELECT t.value, sum(t.times_seen)::bigint AS events, min(t.first_seen) AS first_seen, max(t.last_seen) AS last_seen
        FROM issue_tag_value t JOIN recent r ON r.id = t.issue_id
        WHERE t.key = ${key} AND t.value ILIKE ${`%${escapeLike(contains)}%`}
        GROUP BY t.value
        ORDER BY sum(t.times_seen) DESC, t.value
        LIMIT ${limit}`,
  };
}
