import type { Principal } from '../tenancy/tenant-context.js';
import { VerifiedKeyCache } from './verified-key-cache.js';

const principal = (keyId: string, userId: string): Principal => ({
  kind: 'api-key',
  environment: 'live',
  tenantId: 't',
  keyId,
  userId,
  permissions: new Set(),
});

describe('VerifiedKeyCache', () => {
  let now = 1_000;
  const clock = () => now;

  it('caches nothing before a heartbeat has proved that revocations arrive', () => {
    const cache = new VerifiedKeyCache(60_000, 10, clock);
    cache.set('h', principal('k', 'u'), null, cache.currentGeneration);
    expect(cache.get('h')).toBeUndefined();
  });

  it('forgets everything once heartbeats stop arriving, and when the listener is lost', () => {
    const cache = new VerifiedKeyCache(60_000, 10, clock);
    cache.trustFor(5_000);
    cache.set('h', principal('k', 'u'), null, cache.currentGeneration);
    expect(cache.get('h')?.keyId).toBe('k');
    now += 5_000;
    expect(cache.trusted).toBe(false);
    expect(cache.get('h')).toBeUndefined();
    cache.trustFor(5_000);
    expect(cache.get('h')).toBeUndefined(); // not back: it was dropped, not hidden
    cache.set('h', principal('k', 'u'), null, cache.currentGeneration);
    cache.distrust();
    expect(cache.get('h')).toBeUndefined();
  });

  it('remembers unknown keys briefly, and forgets them on any access change', () => {
    const cache = new VerifiedKeyCache(60_000, 10, clock, 5_000);
    cache.noteMiss('x', cache.currentGeneration);
    expect(cache.isKnownMiss('x')).toBe(true);
    now += 5_000;
    expect(cache.isKnownMiss('x')).toBe(false);
    cache.noteMiss('y', cache.currentGeneration);
    cache.invalidate({ kind: 'user', id: 'u' });
    expect(cache.isKnownMiss('y')).toBe(false);
    const generation = cache.currentGeneration;
    cache.invalidate({ kind: 'key', id: 'k' });
    cache.noteMiss('z', generation); // looked up before the change: not remembered
    expect(cache.isKnownMiss('z')).toBe(false);
  });

  it('serves an entry until its TTL or the key expiry, whichever comes first', () => {
    const cache = new VerifiedKeyCache(60_000, 10, clock);
    cache.trustFor(1_000_000);
    cache.set('h', principal('k', 'u'), new Date(now + 5_000), cache.currentGeneration);
    expect(cache.get('h')?.keyId).toBe('k');
    now += 5_000;
    expect(cache.get('h')).toBeUndefined();
    cache.set('h2', principal('k2', 'u'), null, cache.currentGeneration);
    now += 60_000;
    expect(cache.get('h2')).toBeUndefined();
  });

  it('drops entries by key id and by user id', () => {
    const cache = new VerifiedKeyCache(60_000, 10, clock);
    cache.trustFor(1_000_000);
    cache.set('a', principal('k1', 'u1'), null, cache.currentGeneration);
    cache.set('b', principal('k2', 'u1'), null, cache.currentGeneration);
    cache.set('c', principal('k3', 'u2'), null, cache.currentGeneration);
    cache.invalidate({ kind: 'key', id: 'k3' });
    expect(cache.get('c')).toBeUndefined();
    expect(cache.get('a')).toBeDefined();
    cache.invalidate({ kind: 'user', id: 'u1' });
    expect(cache.get('a')).toBeUndefined();
    expect(cache.get('b')).toBeUndefined();
  });

  it('drops a tenant\'s entries by tenant id, sandbox keys (stored with their live tenant) included', () => {
    const cache = new VerifiedKeyCache(60_000, 10, clock);
    cache.trustFor(1_000_000);
    cache.set('live', { ...principal('k1', 'u1'), tenantId: 'live', keyTenantId: 'live' }, null, cache.currentGeneration);
    cache.set('sandbox', { ...principal('k2', 'u1'), tenantId: 'twin', keyTenantId: 'live', environment: 'sandbox' }, null, cache.currentGeneration);
    cache.set('other', { ...principal('k3', 'u2'), tenantId: 'other', keyTenantId: 'other' }, null, cache.currentGeneration);
    cache.invalidate({ kind: 'tenant', id: 'live' });
    expect(cache.get('live')).toBeUndefined();
    expect(cache.get('sandbox')).toBeUndefined();
    expect(cache.get('other')).toBeDefined();
  });

  it('refuses to store an answer looked up before an invalidation', () => {
    const cache = new VerifiedKeyCache(60_000, 10, clock);
    cache.trustFor(1_000_000);
    const generation = cache.currentGeneration;
    cache.invalidate({ kind: 'key', id: 'k' });
    cache.set('h', principal('k', 'u'), null, generation);
    expect(cache.get('h')).toBeUndefined();
  });

  it('stays bounded', () => {
    const cache = new VerifiedKeyCache(60_000, 3, clock);
    cache.trustFor(1_000_000);
    for (let i = 0; i < 10; i++) cache.set(`h${i}`, principal(`k${i}`, 'u'), null, cache.currentGeneration);
    expect(cache.size).toBe(3);
    expect(cache.get('h9')).toBeDefined();
  });
});
