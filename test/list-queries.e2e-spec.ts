import { createTenant, INTERNAL_TOKEN, startTestApp, type TestApp, type TestTenant } from './support/test-app.js';

/**
 * Issue 15: a lease's parties and documents are lists like every list (page, per_page, sort
 * validated), `sort_by` + `sort_order` are aliases of `sort` on every list, and an API key takes
 * an explicit `expires_at` besides `expires_in`.
 */
describe('List queries and key expiry', () => {
  let t: TestApp;
  let tenant: TestTenant;
  let leaseId: string;
  const lesseeIds: string[] = [];

  const post = async (path: string, body: object, status = 201) => (await t.http.post(path).set(tenant.auth).send(body).expect(status)).body;
  const list = (path: string) => t.http.get(path).set(tenant.auth);

  beforeAll(async () => {
    t = await startTestApp();
    tenant = await createTenant(t.http, 'List queries suite');
    const owner = (await post('/api/owners', { owner_category: 'individual', last_name: 'Bailleur' })).id;
    const place = (await post('/api/places', { name: 'Résidence', owner_id: owner, place_category: 'collective', street_name: 'rue', postal_code: '69003', city: 'Lyon' })).id;
    const estate = (await post(`/api/places/${place}/estates`, { name: 'Lot', estate_type: 'apartment', area: 40 })).id;
    leaseId = (await post('/api/leases', { estate_id: estate, lease_type: 'unfurnished', start_date: '2026-01-01', rent_amount: 800 })).id;
    for (const name of ['Alpha', 'Bravo', 'Charlie']) {
      const lessee = (await post('/api/lessees', { category: 'individual', last_name: name })).id;
      lesseeIds.push(lessee);
      await post(`/api/leases/${leaseId}/lessees`, { lessee_id: lessee, role: 'tenant' });
    }
    await post(`/api/leases/${leaseId}/pdf`, {});
    await post(`/api/leases/${leaseId}/pdf`, {});
  });
  afterAll(() => t.close());

  it('pages and sorts a lease\'s parties (oldest first by default)', async () => {
    const all = (await list(`/api/leases/${leaseId}/lessees`).expect(200)).body;
    expect(all.data.map((party: { lessee_id: string }) => party.lessee_id)).toEqual(lesseeIds);
    const second = (await list(`/api/leases/${leaseId}/lessees?per_page=1&page=2`).expect(200)).body;
    expect(second.data.map((party: { lessee_id: string }) => party.lessee_id)).toEqual([lesseeIds[1]]);
    expect(second.meta.pagination).toEqual({ current_page: 2, per_page: 1, total: 3, total_pages: 3, has_next: true, has_prev: true });
    const newest = (await list(`/api/leases/${leaseId}/lessees?sort=-created_at`).expect(200)).body;
    expect(newest.data.map((party: { lessee_id: string }) => party.lessee_id)).toEqual([...lesseeIds].reverse());
  });

  it('pages and sorts a lease\'s documents (newest first by default)', async () => {
    const all = (await list(`/api/leases/${leaseId}/documents`).expect(200)).body;
    expect(all.data.map((document: { version: number }) => document.version)).toEqual([2, 1]);
    const first = (await list(`/api/leases/${leaseId}/documents?per_page=1&sort=version`).expect(200)).body;
    expect(first.data.map((document: { version: number }) => document.version)).toEqual([1]);
    expect(first.meta.pagination).toMatchObject({ total: 2, has_next: true });
  });

  it.each(['page=-1', 'page=0', 'per_page=101', 'per_page=abc', 'sort=;drop', 'sort=name', 'filter=x'])('refuses %s on both lease lists', async (query) => {
    for (const path of [`/api/leases/${leaseId}/lessees`, `/api/leases/${leaseId}/documents`]) {
      const answer = await list(`${path}?${query}`).expect(400);
      expect(answer.body.error.type).toBe('VALIDATION_ERROR');
    }
  });

  it('takes sort_by + sort_order as an alias of sort on every list', async () => {
    const aliased = (await list(`/api/leases/${leaseId}/lessees?sort_by=created_at&sort_order=desc`).expect(200)).body;
    expect(aliased.data.map((party: { lessee_id: string }) => party.lessee_id)).toEqual([...lesseeIds].reverse());
    const ascending = (await list('/api/lessees?sort_by=created_at').expect(200)).body;
    const sorted = (await list('/api/lessees?sort=created_at').expect(200)).body;
    expect(ascending.data).toEqual(sorted.data);
    const descending = (await list('/api/lessees?sort_order=DESC').expect(200)).body;
    expect(descending.data).toEqual((await list('/api/lessees?sort=-created_at').expect(200)).body.data);
  });

  it.each([
    ['sort=created_at&sort_by=created_at', 'sort'],
    ['sort=-created_at&sort_order=asc', 'sort'],
    ['sort_by=password_hash', 'sort'],
    ['sort_by=created_at&sort_order=sideways', 'sort_order'],
    ['sort_by=;drop', 'sort_by'],
  ])('refuses %s with a 400 naming %s', async (query, field) => {
    const answer = await list(`/api/lessees?${query}`).expect(400);
    expect(answer.body.error.type).toBe('VALIDATION_ERROR');
    expect(answer.body.error.details.fields.map((f: { field: string }) => f.field)).toContain(field);
  });

  describe('API key expires_at', () => {
    const createKey = (body: object) =>
      t.http.post(`/internal/tenants/${tenant.id}/api-keys`).set('X-Internal-Token', INTERNAL_TOKEN).send({ user_id: tenant.adminUserId, name: 'dated', ...body });

    it('creates a key expiring at the given instant, which works until then', async () => {
      const at = new Date(Date.now() + 3 * 86_400_000);
      at.setUTCMilliseconds(0);
      const created = (await createKey({ expires_at: at.toISOString() }).expect(201)).body;
      expect(created.expires_at).toBe(at.toISOString());
      await t.http.get('/api/owners').set('Authorization', `Bearer ${created.key}`).expect(200);
      const offset = (await createKey({ expires_at: '2099-01-01T12:00:00+02:00' }).expect(201)).body;
      expect(offset.expires_at).toBe('2099-01-01T10:00:00.000Z');
    });

    it.each([
      [{ expires_at: '2020-01-01T00:00:00Z' }, 'in the past'],
      [{ expires_at: '2099-01-01' }, 'a date without a time'],
      [{ expires_at: '2099-01-01T00:00:00' }, 'a time without a zone'],
      [{ expires_at: 'tomorrow' }, 'not a date'],
      [{ expires_at: '2099-02-30T00:00:00Z' }, 'an impossible date'],
      [{ expires_at: '2099-01-01T00:00:00Z', expires_in: '30d' }, 'both expires_at and expires_in'],
    ] as [object, string][])('refuses %j (%s) with 400 on expires_at', async (body) => {
      const answer = await createKey(body).expect(400);
      expect(answer.body.error).toMatchObject({ type: 'VALIDATION_ERROR' });
      expect(answer.body.error.details.fields.map((f: { field: string }) => f.field)).toContain('expires_at');
    });
  });
});
