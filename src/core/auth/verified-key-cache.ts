import type { Principal } from '../tenancy/tenant-context.js';

interface Entry {
  principal: Principal;
  keyExpiresAt: number | null;
  cachedUntil: number;
}

export type AuthChange = { kind: 'key' | 'user' | 'tenant'; id: string };

/**
 * Verified API keys, briefly, in memory, keyed by key hash. It is only trusted while the
 * revocation listener is connected: every invalidation bumps a generation, and a lookup that
 * started before an invalidation is not cached, so a revocation can never be overwritten by a
 * slower request carrying the old answer.
 */
export class VerifiedKeyCache {
  private readonly entries = new Map<string, Entry>();
  private generation = 0;
  private enabled = false;

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  get currentGeneration(): number {
    return this.generation;
  }

  get size(): number {
    return this.entries.size;
  }

  /** Called by the listener: caching is on only while invalidations can reach us. */
  setEnabled(enabled: boolean): void {
    this.enabled = enabled;
    this.clear();
  }

  get(hash: string): Principal | undefined {
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
    if (!this.enabled || this.ttlMs === 0 || generationAtLookup !== this.generation) return;
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(hash, {
      principal,
      keyExpiresAt: keyExpiresAt ? keyExpiresAt.getTime() : null,
      cachedUntil: this.now() + this.ttlMs,
    });
  }

  invalidate(change: AuthChange): void {
    this.generation++;
    for (const [hash, entry] of this.entries) {
      const matches =
        change.kind === 'key' ? entry.principal.keyId === change.id : change.kind === 'user' ? entry.principal.userId === change.id : entry.principal.tenantId === change.id;
      if (matches) this.entries.delete(hash);
    }
  }

  clear(): void {
    this.generation++;
    this.entries.clear();
  }
}
