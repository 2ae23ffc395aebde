import type { IngestKeyRecord } from "@faultline/db";
import { withDeadline } from "@faultline/runtime";

type Lookup = (publicKey: string) => Promise<IngestKeyRecord | null>;

export interface KeyCacheOptions {
  /** How long "no such key" is kept (a misconfigured SDK retries a lot). */
  negativeTtlMs?: number;
  /** Known keys kept, and unknown keys kept (each); the least recently looked up go first. */
  maxEntries?: number;
  /** How long after its last successful lookup a known key is still honoured while lookups fail. */
  staleMs?: number;
  /** A lookup slower than this counts as failed (an unreachable host can hang a connect for minutes). */
  lookupTimeoutMs?: number;
  /** After a failed lookup, the database is not asked again for this long: known keys come from memory, unknown ones fail at once. */
  retryMs?: number;
}

interface KnownKey {
  value: IngestKeyRecord;
  freshUntil: number;
  /** The stale bound: honoured while lookups fail until then. */
  keepUntil: number;
}

/** A key could not be checked: the lookup failed and the key is not in memory. */
export class KeyLookupUnavailableError extends Error {
  override readonly name = "KeyLookupUnavailableError";
}

/**
 * Project keys cached in process memory so a known key costs no database round trip on the
 * ingest path. Unknown keys are cached briefly too, and concurrent misses for one key share a
 * single query. While PostgreSQL is unreachable, keys seen before keep working from memory (up to
 * `staleMs` after their last good lookup); only keys never seen fail, with
 * `KeyLookupUnavailableError`. Revocations still apply: `invalidate` drops stale keys too.
 */
export class KeyCache {
  private readonly known = new Map<string, KnownKey>();
  /** Unknown keys, with when that answer expires. */
  private readonly unknown = new Map<string, number>();
  private readonly inFlight = new Map<string, Promise<IngestKeyRecord | null>>();
  /** Until then the database is taken as down: no lookups. */
  private unavailableUntil = 0;
  private readonly negativeTtlMs: number;
  private readonly maxEntries: number;
  private readonly staleMs: number;
  private readonly lookupTimeoutMs: number;
  private readonly retryMs: number;

  constructor(
    private readonly lookup: Lookup,
    private readonly ttlMs: number,
    options: KeyCacheOptions = {},
  ) {
    this.negativeTtlMs = options.negativeTtlMs ?? Math.min(ttlMs, 5000);
    this.maxEntries = options.maxEntries ?? 10_000;
    this.staleMs = options.staleMs ?? 24 * 3_600_000;
    this.lookupTimeoutMs = options.lookupTimeoutMs ?? 3000;
    this.retryMs = options.retryMs ?? 5000;
  }

  get(publicKey: string): Promise<IngestKeyRecord | null> {
    const now = Date.now();
    const known = this.known.get(publicKey);
    if (known && known.freshUntil > now) return Promise.resolve(known.value);
    const unknownUntil = this.unknown.get(publicKey);
    if (!known && unknownUntil !== undefined && unknownUntil > now) return Promise.resolve(null);
    if (now < this.unavailableUntil) return this.fromMemory(publicKey, new Error("database unavailable"));
    return this.refresh(publicKey).catch((error: unknown) => {
      this.unavailableUntil = Math.max(this.unavailableUntil, Date.now() + this.retryMs);
      return this.fromMemory(publicKey, error);
    });
  }

  /** Forget a key now (it was revoked or changed); with no key, forget every key. */
  invalidate(publicKey?: string): void {
    if (publicKey === undefined) {
      this.known.clear();
      this.unknown.clear();
      this.inFlight.clear();
    } else {
      this.known.delete(publicKey);
      this.unknown.delete(publicKey);
      this.inFlight.delete(publicKey);
    }
  }

  /** Forget every key of a project (the project was deleted or its quota changed). */
  invalidateProject(projectId: number): void {
    for (const [publicKey, entry] of this.known) if (entry.value.projectId === projectId) this.known.delete(publicKey);
    // Which project a running lookup belongs to is not known yet; none of them may be kept.
    this.inFlight.clear();
  }

  /** The stale answer for a key whose lookup failed; the key is not asked for again for `retryMs`. */
  private fromMemory(publicKey: string, cause: unknown): Promise<IngestKeyRecord> {
    const now = Date.now();
    const stale = this.known.get(publicKey);
    if (stale && stale.keepUntil > now) {
      stale.freshUntil = Math.min(now + this.retryMs, stale.keepUntil);
      return Promise.resolve(stale.value);
    }
    return Promise.reject(new KeyLookupUnavailableError("project key lookup failed", { cause }));
  }

  private refresh(publicKey: string): Promise<IngestKeyRecord | null> {
    const pending = this.inFlight.get(publicKey);
    if (pending) return pending;
    const query: Promise<IngestKeyRecord | null> = withDeadline(this.lookup(publicKey), this.lookupTimeoutMs, () => {
      throw new Error(`timed out after ${this.lookupTimeoutMs} ms`);
    })
      .then((value) => {
        this.unavailableUntil = 0;
        // Invalidated while the query ran: the row read may be the old one, so do not keep it.
        if (this.inFlight.get(publicKey) === query) this.remember(publicKey, value);
        return value;
      })
      .finally(() => {
        if (this.inFlight.get(publicKey) === query) this.inFlight.delete(publicKey);
      });
    this.inFlight.set(publicKey, query);
    return query;
  }

  private remember(publicKey: string, value: IngestKeyRecord | null): void {
    const now = Date.now();
    // Delete first so a refreshed key moves to the end (the most recently looked up).
    this.known.delete(publicKey);
    this.unknown.delete(publicKey);
    if (value) {
      this.known.set(publicKey, { value, freshUntil: now + this.ttlMs, keepUntil: now + this.ttlMs + this.staleMs });
      evictOldest(this.known, this.maxEntries);
    } else {
      this.unknown.set(publicKey, now + this.negativeTtlMs);
      evictOldest(this.unknown, this.maxEntries);
    }
  }
}

function evictOldest(map: Map<string, unknown>, max: number): void {
  while (map.size > max) {
    const oldest = map.keys().next();
    if (oldest.done) return;
    map.delete(oldest.value);
  }
}
