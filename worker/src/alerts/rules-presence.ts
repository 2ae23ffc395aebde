import type { Database } from "@faultline/db";

/**
 * Whether a project has any enabled alert rule, cached briefly per worker process so events of
 * projects without rules cost no alert job (and no query each). A new rule applies within `ttlMs`.
 */
export function createRulesPresence(db: Database, ttlMs = 5_000) {
  const cache = new Map<number, { has: boolean; until: number }>();
  return async (projectId: number): Promise<boolean> => {
    const hit = cache.get(projectId);
    if (hit && hit.until > Date.now()) return hit.has;
    const has = (await db.alertRule.count({ where: { projectId, enabled: true } })) > 0;
    cache.set(projectId, { has, until: Date.now() + ttlMs });
    return has;
  };
}
