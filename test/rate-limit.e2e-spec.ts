import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { bearer, createKey, createTenant, INTERNAL_TOKEN, startTestApp, type TestApp, type TestTenant } from './support/test-app.js';

const REDIS_URL = process.env.REDIS_URL;

describe('Rate limits per tenant', () => {
  let t: TestApp;
  let tenant: TestTenant;

  beforeAll(async () => {
    t = await startTestApp({ RATE_LIMIT_PER_HOUR: '5' });
    tenant = await createTenant(t.http, 'Limited');
  });
  afterAll(() => t.close());

  it('tells every authenticated response where the tenant stands, then answers 429 with Retry-After', async () => {
    const first = await t.http.get('/api/owners').set(tenant.auth).expect(200);
    expect(first.headers['x-ratelimit-limit']).toBe('5');
    expect(first.headers['x-ratelimit-remaining']).toBe('4');
    const reset = Number(first.headers['x-ratelimit-reset']);
    expect(reset).toBeGreaterThan(Date.now() / 1000);
    expect(reset).toBeLessThanOrEqual(Date.now() / 1000 + 3601);
    const readOnly = bearer(await createKey(t.http, tenant.id, { user_id: tenant.adminUserId, permissions: ['leases:read'] }));
    const forbidden = await t.http.get('/api/owners').set(readOnly).expect(403);
    expect(forbidden.headers['x-ratelimit-remaining']).toBe('3');
    await t.http.get('/api/owners').set(tenant.auth).expect(200);
    await t.http.get('/api/owners').set(tenant.auth).expect(200);
    const last = await t.http.get('/api/owners').set(tenant.auth).expect(200);
    expect(last.headers['x-ratelimit-remaining']).toBe('0');
    const limited = await t.http.get('/api/owners').set(tenant.auth).expect(429);
    expect(limited.body.error).toMatchObject({ code: 429, type: 'RATE_LIMITED' });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.headers['x-ratelimit-remaining']).toBe('0');
  });

  it('counts each tenant apart, and leaves health and the internal API alone', async () => {
    const other = await createTenant(t.http, 'Not limited yet');
    expect((await t.http.get('/api/owners').set(other.auth).expect(200)).headers['x-ratelimit-remaining']).toBe('4');
    const health = await t.http.get('/api/health').expect(200);
    expect(health.headers['x-ratelimit-limit']).toBeUndefined();
    await t.http.get(`/internal/tenants/${tenant.id}`).set('X-Internal-Token', INTERNAL_TOKEN).expect(200);
  });

  it('applies a tenant\'s own limit as soon as it is set', async () => {
    const custom = await createTenant(t.http, 'Custom limit');
    await t.http.get('/api/owners').set(custom.auth).expect(200);
    await t.http.put(`/internal/tenants/${custom.id}`).set('X-Internal-Token', INTERNAL_TOKEN).send({ rate_limit_per_hour: 50 }).expect(200);
    let limit = '5';
    for (let i = 0; i < 20 && limit !== '50'; i++) {
      limit = (await t.http.get('/api/owners').set(custom.auth)).headers['x-ratelimit-limit'];
      if (limit !== '50') await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(limit).toBe('50');
  });

  (REDIS_URL ? describe : describe.skip)('shared by several instances through Redis', () => {
    let a: TestApp;
    let b: TestApp;
    let shared: TestTenant;

    beforeAll(async () => {
      a = await startTestApp({ RATE_LIMIT_PER_HOUR: '6', REDIS_URL: REDIS_URL! });
      b = await startTestApp({ RATE_LIMIT_PER_HOUR: '6', REDIS_URL: REDIS_URL! });
      shared = await createTenant(a.http, `Shared ${randomUUID()}`);
    });
    afterAll(async () => {
      const redis = new Redis(REDIS_URL!);
      await redis.del(`fp:rl:6:${shared.id}`);
      await redis.quit();
      await a.close();
      await b.close();
    });

    it('refuses the 7th request of an hour whichever instance gets it', async () => {
      for (const instance of [a, b, a, b, a, b]) await instance.http.get('/api/owners').set(shared.auth).expect(200);
      await a.http.get('/api/owners').set(shared.auth).expect(429);
      await b.http.get('/api/owners').set(shared.auth).expect(429);
    });
  });
});
