import { ApiKeyVerifier } from '../src/core/auth/api-key-verifier.js';
import { startTcpProxy, type TcpProxy } from './support/tcp-proxy.js';
import { bearer, createKey, createTenant, INTERNAL_TOKEN, startTestApp, type TestApp, type TestTenant } from './support/test-app.js';
import { testDatabase } from './support/test-database.js';

const HEARTBEAT_MS = 300;
const until = async (condition: () => boolean | Promise<boolean>, limitMs = 5_000) => {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > limitMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
};

/**
 * The key cache is trusted only while the revocation listener proves it hears. Here its
 * connection goes silent without closing (a half-open TCP connection through a frozen proxy):
 * no error, no 'end'. A key revoked then must still be refused once the heartbeats stop coming
 * back, although it sits in a cache with a 60 s TTL.
 */
describe('Revocation listener that goes deaf', () => {
  let proxy: TcpProxy;
  let t: TestApp;
  let tenant: TestTenant;

  beforeAll(async () => {
    const direct = new URL(testDatabase().appUrl);
    proxy = await startTcpProxy(direct.hostname, Number(direct.port || 5432));
    const throughProxy = new URL(direct);
    throughProxy.hostname = '127.0.0.1';
    throughProxy.port = String(proxy.port);
    t = await startTestApp({ DATABASE_LISTEN_URL: throughProxy.toString(), API_KEY_CACHE_TTL_MS: '60000', AUTH_HEARTBEAT_INTERVAL_MS: String(HEARTBEAT_MS) });
    tenant = await createTenant(t.http, 'Deaf listener');
  });
  afterAll(async () => {
    await t.close();
    await proxy.close();
  });

  it('stops trusting its cache when heartbeats stop, so a revoked key is refused', async () => {
    const cache = t.app.get(ApiKeyVerifier).cache;
    await until(() => cache.trusted);
    const created = await t.http.post(`/internal/tenants/${tenant.id}/api-keys`).set('X-Internal-Token', INTERNAL_TOKEN).send({ user_id: tenant.adminUserId, name: 'doomed' }).expect(201);
    const key = bearer(created.body.key as string);
    await t.http.get('/api/owners').set(key).expect(200);
    await t.http.get('/api/owners').set(key).expect(200); // served from the cache now
    expect(cache.size).toBeGreaterThan(0);

    proxy.freeze(); // the listener's connection stays "open" and hears nothing more
    await t.http.delete(`/internal/tenants/${tenant.id}/api-keys/${created.body.id}`).set('X-Internal-Token', INTERNAL_TOKEN).expect(204);
    await new Promise((resolve) => setTimeout(resolve, HEARTBEAT_MS * 3));
    expect(cache.trusted).toBe(false);
    await t.http.get('/api/owners').set(key).expect(401);
    await t.http.get('/api/owners').set(tenant.auth).expect(200); // still served, from the database
  });

  it('keeps working with a listener that hears, for a key created after', async () => {
    const key = bearer(await createKey(t.http, tenant.id, { user_id: tenant.adminUserId }));
    await t.http.get('/api/owners').set(key).expect(200);
  });
});
