import type { Sql } from "../sql";
import type { Placed } from "./types";

/**
 * What a project's summary says about its events (Sentry's firstEvent, platforms and
 * hasMinifiedStackTrace), kept as events are stored so that listing projects reads no events.
 * One statement per batch. The platform rows are inserted once and never updated, and the
 * project row is only written the first time (first event, first minified stack trace), so
 * batches do not queue behind each other on it.
 */
export async function recordProjectFacts(tx: Sql, placed: Placed[]): Promise<void> {
  const projects = new Map<number, { first: Date; minified: boolean; platforms: Set<string> }>();
  for (const { input } of placed) {
    const entry = projects.get(input.projectId) ?? {
      first: input.timestamp,
      minified: false,
      platforms: new Set<string>(),
    };
    if (input.timestamp < entry.first) entry.first = input.timestamp;
    if (input.hasMinifiedStackTrace) entry.minified = true;
    entry.platforms.add(input.platform);
    projects.set(input.projectId, entry);
  }
  // Sorted, so concurrent batches take row locks in the same order.
  const ids = [...projects.keys()].sort((a, b) => a - b);
  const platformRows = ids.flatMap((id) =>
    [...(projects.get(id)?.platforms ?? [])].sort().map((platform) => ({ id, platform })),
  );
  const now = new Date().toISOString();
  await tx.execute`
    WITH platforms AS (
      INSERT INTO project_platform (project_id, platform, first_seen)
      SELECT id, platform, ${now}::timestamptz
      FROM unnest(${platformRows.map((r) => r.id)}::int[], ${platformRows.map((r) => r.platform)}::text[]) AS v(id, platform)
      ON CONFLICT (project_id, platform) DO NOTHING
    )
    UPDATE project AS p SET
      first_event = COALESCE(p.first_event, v.first),
      has_minified_stack_trace = p.has_minified_stack_trace OR v.minified
    FROM unnest(${ids}::int[], ${ids.map((id) => projects.get(id)?.first.toISOString())}::timestamptz[],
                ${ids.map((id) => projects.get(id)?.minified ?? false)}::boolean[]) AS v(id, first, minified)
    WHERE p.id = v.id AND (p.first_event IS NULL OR (v.minified AND NOT p.has_minified_stack_trace))`;
}
