import type { ArtifactLocation, ArtifactsRepo } from "@faultline/db";
import { LRUCache } from "lru-cache";

const FOUND_TTL_MS = 30_000;
/** "Nothing uploaded for this release" is re-checked sooner: an upload may be on its way. */
const NOTHING_TTL_MS = 5_000;

/**
 * The database side of symbolication, cached: which artifacts a project has for a release and
 * dist, and which bundle files or release files (by their `debug-id` header) carry a debug id. Most events of a release hit the cache, so a
 * batch of events costs no queries once the first one has looked.
 */
export function createArtifactLookup(artifacts: ArtifactsRepo) {
  const releases = new LRUCache<string, ArtifactLocation[]>({ max: 2000 });
  const debugIds = new LRUCache<string, ArtifactLocation[]>({ max: 20_000 });
  const loadingReleases = new Map<string, Promise<ArtifactLocation[]>>();

  return {
    async forRelease(projectId: number, release: string, dist: string): Promise<ArtifactLocation[]> {
      const key = JSON.stringify([projectId, release, dist]);
      const hit = releases.get(key);
      if (hit) return hit;
      // Concurrent jobs of the same release share the query: when the entry expires, hundreds
      // of events in flight would otherwise each send one.
      let pending = loadingReleases.get(key);
      if (!pending) {
        pending = artifacts
          .releaseArtifacts(projectId, release, dist)
          .then((rows) => {
            releases.set(key, rows, { ttl: rows.length > 0 ? FOUND_TTL_MS : NOTHING_TTL_MS });
            return rows;
          })
          .finally(() => loadingReleases.delete(key));
        loadingReleases.set(key, pending);
      }
      return pending;
    },

    async forDebugIds(projectId: number, ids: string[]): Promise<ArtifactLocation[]> {
      const out: ArtifactLocation[] = [];
      const missing: string[] = [];
      for (const id of ids) {
        const hit = debugIds.get(`${projectId}:${id}`);
        if (hit) out.push(...hit);
        else missing.push(id);
      }
      if (missing.length === 0) return out;
      const rows = await artifacts.filesByDebugIds(projectId, missing);
      for (const id of missing) {
        const found = rows.filter((row) => row.debug_id === id);
        debugIds.set(`${projectId}:${id}`, found, { ttl: found.length > 0 ? FOUND_TTL_MS : NOTHING_TTL_MS });
        out.push(...found);
      }
      return out;
    },
  };
}

export type ArtifactLookup = ReturnType<typeof createArtifactLookup>;
