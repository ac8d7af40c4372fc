import type { Principal } from '../tenancy/tenant-context.js';

interface Entry {
  principal: Principal;
  keyExpiresAt: number | null;
  cachedUntil: number;
}

export type AuthChange = { kind: 'key' | 'user' | 'tenant'; id: string };

/**
 * Verified API keys, briefly, in memory, keyed by key hash. It is only trusted while revocations
 * are known to reach this instance: the listener's own heartbeat (a NOTIFY sent through the pool
 * and received on the LISTEN connection) extends the trust window; when beats stop arriving
 * (half-open connection, PgBouncer swallowing notifications, database down) the cache empties
 * itself and every request is checked against the database. Every invalidation bumps a
 * generation, and a lookup that started before one is not cached, so a slower request carrying
 * the old answer cannot overwrite a revocation.
 *
 * Unknown keys are remembered too, for a few seconds (a "miss"), so a flood of made-up keys
 * costs one lookup each, not one per request; any access change forgets every miss.
 */
export class VerifiedKeyCache {
  private readonly entries = new Map<string, Entry>();
  private readonly misses = new Map<string, number>();
  private generation = 0;
  private trustedUntil = 0;

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
    private readonly now: () => number = Date.now,
    private readonly missTtlMs = 5_000,
  ) {}

  get currentGeneration(): number {
    return this.generation;
  }

  get size(): number {
    return this.entries.size;
  }

  /** True while the last heartbeat is recent: invalidations are known to arrive. */
  get trusted(): boolean {
    return this.now() < this.trustedUntil;
  }

  /** A heartbeat came back: invalidations reach us, for at least `windowMs` more. */
  trustFor(windowMs: number): void {
    this.trustedUntil = Math.max(this.trustedUntil, this.now() + windowMs);
  }

  /** The listener is gone: nothing cached can be trusted any more. */
  distrust(): void {
    this.trustedUntil = 0;
    this.clear();
  }

  get(hash: string): Principal | undefined {
    if (!this.trusted) {
      if (this.entries.size > 0) this.clear();
      return undefined;
    }
    const entry = this.entries.get(hash);
    if (!entry) return undefined;
    const now = this.now();
    if (entry.cachedUntil <= now || (entry.keyExpiresAt !== null && entry.keyExpiresAt <= now)) {
      this.entries.delete(hash);
      return undefined;
    }
    return entry.principal;
  }

  set(hash: string, principal: Principal, keyExpiresAt: Date | null, generationAtLookup: number): void {
    if (!this.trusted || this.ttlMs === 0 || generationAtLookup !== this.generation) return;
    evictOldest(this.entries, this.maxEntries);
    this.entries.set(hash, {
      principal,
      keyExpiresAt: keyExpiresAt ? keyExpiresAt.getTime() : null,
      cachedUntil: this.now() + this.ttlMs,
    });
  }

  /** A key the database did not know a moment ago. */
  isKnownMiss(hash: string): boolean {
    const until = this.misses.get(hash);
    if (until === undefined) return false;
    if (until > this.now()) return true;
    this.misses.delete(hash);
    return false;
  }

  noteMiss(hash: string, generationAtLookup: number): void {
    if (this.missTtlMs === 0 || generationAtLookup !== this.generation) return;
    evictOldest(this.misses, this.maxEntries);
    this.misses.set(hash, this.now() + this.missTtlMs);
  }

  invalidate(change: AuthChange): void {
    this.generation++;
    this.misses.clear(); // a re-enabled user's keys must work at once
    for (const [hash, entry] of this.entries) {
      const matches =
        change.kind === 'key' ? entry.principal.keyId === change.id : change.kind === 'user' ? entry.principal.userId === change.id : entry.principal.tenantId === change.id || entry.principal.keyTenantId === change.id;
      if (matches) this.entries.delete(hash);
    }
  }

  clear(): void {
    this.generation++;
    this.entries.clear();
    this.misses.clear();
  }
}

function evictOldest(map: Map<string, unknown>, max: number): void {
  if (map.size < max) return;
  const oldest = map.keys().next().value;
  if (oldest !== undefined) map.delete(oldest);
}
