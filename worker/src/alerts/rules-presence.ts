import type { Database } from "@faultline/db";

/**
 * Whether a project has any enabled alert rule, cached briefly per worker process so events of
 * projects without rules cost no alert job (and no query each). A new rule applies within `ttlMs`.
 * The pending lookup is what is cached: hundreds of concurrent jobs finding the entry expired
 * share one query instead of each sending its own.
 */
export function createRulesPresence(db: Database, ttlMs = 5_000) {
  const cache = new Map<number, { has: Promise<boolean>; until: number }>();
  return (projectId: number): Promise<boolean> => {
    const now = Date.now();
    const hit = cache.get(projectId);
    if (hit && hit.until > now) return hit.has;
    const has = db.alertRule.count({ where: { projectId, enabled: true } }).then((count) => count > 0);
    cache.set(projectId, { has, until: now + ttlMs });
    has.catch(() => {
      if (cache.get(projectId)?.has === has) cache.delete(projectId);
    });
    return has;
  };
}
