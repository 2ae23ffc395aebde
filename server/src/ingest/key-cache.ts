import type { IngestKeyRecord } from "@faultline/db";

type Lookup = (publicKey: string) => Promise<IngestKeyRecord | null>;

interface Entry {
  value: IngestKeyRecord | null;
  expiresAt: number;
}

/**
 * Project keys cached in process memory so a known key costs no database round trip on the
 * ingest path. Unknown keys are cached briefly too (a misconfigured SDK retries a lot), and
 * concurrent misses for one key share a single query.
 */
export class KeyCache {
  private readonly entries = new Map<string, Entry>();
  private readonly inFlight = new Map<string, Promise<IngestKeyRecord | null>>();

  constructor(
    private readonly lookup: Lookup,
    private readonly ttlMs: number,
    private readonly negativeTtlMs = Math.min(ttlMs, 5000),
    private readonly maxEntries = 10_000,
  ) {}

  async get(publicKey: string): Promise<IngestKeyRecord | null> {
    const now = Date.now();
    const cached = this.entries.get(publicKey);
    if (cached && cached.expiresAt > now) return cached.value;
    const pending = this.inFlight.get(publicKey);
    if (pending) return pending;
    const query: Promise<IngestKeyRecord | null> = this.lookup(publicKey)
      .then((value) => {
        // Invalidated while the query ran: the row read may be the old one, so do not keep it.
        if (this.inFlight.get(publicKey) !== query) return value;
        if (this.entries.size >= this.maxEntries) this.entries.clear();
        this.entries.set(publicKey, { value, expiresAt: Date.now() + (value ? this.ttlMs : this.negativeTtlMs) });
        return value;
      })
      .finally(() => {
        if (this.inFlight.get(publicKey) === query) this.inFlight.delete(publicKey);
      });
    this.inFlight.set(publicKey, query);
    return query;
  }

  /** Forget a key now (it was revoked or changed); with no key, forget every key. */
  invalidate(publicKey?: string): void {
    if (publicKey === undefined) {
      this.entries.clear();
      this.inFlight.clear();
    } else {
      this.entries.delete(publicKey);
      this.inFlight.delete(publicKey);
    }
  }

  /** Forget every key of a project (the project was deleted or its quota changed). */
  invalidateProject(projectId: number): void {
    for (const [publicKey, entry] of this.entries)
      if (entry.value?.projectId === projectId) this.entries.delete(publicKey);
    // Which project a running lookup belongs to is not known yet; none of them may be kept.
    this.inFlight.clear();
  }
}
