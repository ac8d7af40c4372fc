import { FOREIGN_ID_CASES, LIST_CASES, OWN_LISTS, RESOURCE_KINDS, randomIds, type ResourceIds, seedFixture, type TenantFixture } from './support/isolation-cases.js';
import { SAMPLE_FILES } from './support/files.js';
import { createTenant, INTERNAL_TOKEN, startTestApp, type TestApp, withoutMeta } from './support/test-app.js';

/**
 * Tenant A's key against tenant B's ids, on every route: a foreign id must be indistinguishable
 * from a missing one (status and body, apart from meta), and nothing of B may change or show.
 */
describe('Tenant isolation over HTTP', () => {
  let t: TestApp;
  let a: TenantFixture;
  let b: TenantFixture;

  beforeAll(async () => {
    t = await startTestApp();
    a = await seedFixture(t.http, await createTenant(t.http, 'Isolation A'), 'alphamarker');
    b = await seedFixture(t.http, await createTenant(t.http, 'Isolation B'), 'bravomarker');
  });
  afterAll(() => t.close());

  const send = (c: (typeof FOREIGN_ID_CASES)[number], target: ResourceIds) => {
    const req = t.http[c.method](c.path(a, target));
    if (c.internal) req.set('X-Internal-Token', INTERNAL_TOKEN);
    else req.set(a.tenant.auth);
    if (c.upload) {
      for (const [name, value] of Object.entries(c.upload(a, target))) req.field(name, value);
      return req.attach('file', SAMPLE_FILES.png, 'x.png');
    }
    return c.body ? req.send(c.body(a, target)) : req;
  };

  it.each(FOREIGN_ID_CASES.map((c) => [c.name, c] as const))('%s: foreign id answers exactly like a missing one', async (_name, c) => {
    const snapshotBefore = await snapshotOf(b);
    const foreign = await send(c, b);
    const missing = await send(c, randomIds());
    expect(foreign.status).toBe(404);
    expect(missing.status).toBe(404);
    expect(withoutMeta(foreign.body)).toEqual(withoutMeta(missing.body));
    expect(foreign.body.error.type).toBe('NOT_FOUND');
    expect(JSON.stringify(foreign.body)).not.toContain(b.tenant.id);
    expect(await snapshotOf(b)).toEqual(snapshotBefore);
  });

  it.each(LIST_CASES.map((c) => [c.name, c] as const))('%s never lists or counts the other tenant\'s rows', async (_name, c) => {
    const req = t.http.get(c.path(a, b));
    const response = await (c.internal ? req.set('X-Internal-Token', INTERNAL_TOKEN) : req.set(a.tenant.auth)).expect(200);
    const ids = response.body.data.map((row: { id: string }) => row.id);
    for (const kind of RESOURCE_KINDS) expect(ids).not.toContain(b[kind]);
    expect(JSON.stringify(response.body)).not.toContain(b.marker);
    expect(JSON.stringify(response.body)).not.toContain(b.tenant.id);
    expect(response.body.meta.pagination.total).toBe(ids.length);
  });

  it.each(OWN_LISTS.map((list) => [list.kind, list] as const))('shows a tenant its own %s and nothing else', async (_kind, list) => {
    for (const own of [a, b]) {
      const response = await t.http.get(list.path(own)).set(own.tenant.auth).expect(200);
      expect(response.body.data.map((row: { id: string }) => row.id)).toEqual([own[list.kind]]);
    }
  });

  it('never answers a tenant_id, in any body or header', async () => {
    for (const path of ['/api/owners', `/api/owners/${a.owner}`]) {
      const response = await t.http.get(path).set(a.tenant.auth).expect(200);
      expect(JSON.stringify(response.body)).not.toContain('tenant_id');
      expect(JSON.stringify(response.body)).not.toContain(a.tenant.id);
      expect(JSON.stringify(response.headers)).not.toContain(a.tenant.id);
    }
  });

  /** Everything of B the routes above could touch, read with B's own credentials. */
  async function snapshotOf(victim: TenantFixture) {
    const read = async (path: string) => (await t.http.get(path).set(victim.tenant.auth).expect(200)).body;
    const internal = async (path: string) => (await t.http.get(path).set('X-Internal-Token', INTERNAL_TOKEN).expect(200)).body;
    const lists = await Promise.all(OWN_LISTS.map((list) => read(list.path(victim))));
    return {
      lists,
      parties: await read(`/api/leases/${victim.lease}/lessees`),
      balance: await read('/api/credits/balance'),
      ledger: await read('/api/credits/transactions'),
      signature: await read(`/api/leases/${victim.signLease}/signature`),
      outbox: await internal(`/internal/tenants/${victim.tenant.id}/outbox`),
      users: await internal(`/internal/tenants/${victim.tenant.id}/users`),
      // last_used_at (and so updated_at) move in the background on use: compare what access depends on.
      keys: (await internal(`/internal/tenants/${victim.tenant.id}/api-keys`)).data.map(({ last_used_at: _used, updated_at: _updated, ...key }: Record<string, unknown>) => key),
    };
  }
});
