import { DataSource } from 'typeorm';
import { roundTripsOf, roundTripTextsOf } from './support/round-trips.js';
import { bearer, createKey, createTenant, startTestApp, type TestApp, type TestTenant } from './support/test-app.js';

/**
 * The per-request price of isolation, counted in database round trips (timings live in
 * `npm run bench`): a cached key, then BEGIN with set_config (one round trip: two statements in
 * one simple query), the query, COMMIT. Nothing else: no SET ROLE, no RESET, no metadata queries,
 * and nothing at all for a refused key or a 403.
 */
describe('Database round trips per request', () => {
  let t: TestApp;
  let tenant: TestTenant;
  let ownerId: string;

  beforeAll(async () => {
    t = await startTestApp();
    tenant = await createTenant(t.http, 'Cost suite');
    ownerId = (await t.http.post('/api/owners').set(tenant.auth).send({ owner_category: 'individual', last_name: 'Cost' }).expect(201)).body.id;
    await t.http.get(`/api/owners/${ownerId}`).set(tenant.auth).expect(200); // key now cached
  });
  afterAll(() => t.close());

  const statementsOf = (run: () => Promise<unknown>) => roundTripsOf(t, run);

  it('GET by id with a cached key: BEGIN and set_config in one round trip, SELECT, COMMIT: three in all', async () => {
    const statements = await statementsOf(() => t.http.get(`/api/owners/${ownerId}`).set(tenant.auth).expect(200));
    expect(statements).toEqual(['START TRANSACTION; SELECT set_config(\'app.tenant_id\',', 'SELECT "owner"."tenant_id"', 'COMMIT']);
  });

  it('a list page that is not full: one SELECT, its total in it', async () => {
    const statements = await statementsOf(() => t.http.get('/api/owners').set(tenant.auth).expect(200));
    expect(statements).toEqual(['START TRANSACTION; SELECT set_config(\'app.tenant_id\',', 'SELECT "owner"."tenant_id"', 'COMMIT']);
  });

  it('a full list page: its exact total counted in the same SELECT, not in a round trip of its own', async () => {
    await t.http.post('/api/owners').set(tenant.auth).send({ owner_category: 'individual', last_name: 'Second' }).expect(201);
    const texts = await roundTripTextsOf(t, async () => {
      const response = await t.http.get('/api/owners?per_page=1').set(tenant.auth).expect(200);
      expect(response.body.meta.pagination).toMatchObject({ total: 2, total_pages: 2, has_next: true });
    });
    expect(texts).toHaveLength(3);
    expect(texts[1]).toMatch(/^SELECT "owner"\."tenant_id"/);
    expect(texts[1]).toContain('(SELECT COUNT(*)::int FROM "owners"');
  });

  it('a page past the end (no row to carry the total) counts apart', async () => {
    const statements = await statementsOf(() => t.http.get('/api/owners?per_page=1&page=5').set(tenant.auth).expect(200));
    expect(statements).toEqual(['START TRANSACTION; SELECT set_config(\'app.tenant_id\',', 'SELECT "owner"."tenant_id"', 'SELECT COUNT(*)::int', 'COMMIT']);
  });

  it('a refused key or a 403 costs no transaction', async () => {
    const refused = await statementsOf(() => t.http.get('/api/owners').set({ Authorization: 'Bearer fp_live_nope' }).expect(401));
    expect(refused).toEqual([]);
    const readOnly = bearer(await createKey(t.http, tenant.id, { user_id: tenant.adminUserId, permissions: ['properties:read'] }));
    await t.http.get('/api/owners').set(readOnly).expect(200); // cache the key
    const forbidden = await statementsOf(() => t.http.post('/api/owners').set(readOnly).send({ owner_category: 'sci', legal_name: 'X' }).expect(403));
    expect(forbidden).toEqual([]);
  });

  it('the pool is the configured size', () => {
    const driver = t.app.get(DataSource).driver as unknown as { master: { options: { max: number } } };
    expect(driver.master.options.max).toBe(4);
  });
});
