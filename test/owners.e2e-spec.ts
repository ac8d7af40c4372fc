import { createTenant, startTestApp, type TestApp, type TestTenant } from './support/test-app.js';

describe('Owners', () => {
  let t: TestApp;
  let tenant: TestTenant;

  beforeAll(async () => {
    t = await startTestApp();
    tenant = await createTenant(t.http, 'Owners suite');
  });
  afterAll(() => t.close());

  it('creates, reads, updates and deletes an owner', async () => {
    const created = await t.http
      .post('/api/owners')
      .set(tenant.auth)
      .send({ owner_category: 'individual', first_name: 'Claire', last_name: 'Dubois', email: 'claire@example.fr', country: 'FR' })
      .expect(201);
    expect(created.headers.location).toBe(`/api/owners/${created.body.id}`);
    expect(created.body).toMatchObject({ owner_category: 'individual', first_name: 'Claire', last_name: 'Dubois', title: null, legal_name: null });
    expect(created.body).not.toHaveProperty('tenant_id');
    expect(Object.keys(created.body).sort()).toEqual(
      ['bic', 'city', 'country', 'created_at', 'email', 'first_name', 'iban', 'id', 'last_name', 'legal_name', 'mobile_phone',
        'owner_category', 'postal_code', 'registration_number', 'street_name', 'title', 'updated_at'],
    );

    const fetched = await t.http.get(`/api/owners/${created.body.id}`).set(tenant.auth).expect(200);
    expect(fetched.body).toEqual(created.body);

    const updated = await t.http
      .put(`/api/owners/${created.body.id}`)
      .set(tenant.auth)
      .send({ email: null, city: 'Lyon' });
    expect(updated.body.error).toBeUndefined();
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ email: null, city: 'Lyon', first_name: 'Claire', last_name: 'Dubois' });
    expect(new Date(updated.body.updated_at).getTime()).toBeGreaterThanOrEqual(new Date(created.body.updated_at).getTime());

    const patched = await t.http.patch(`/api/owners/${created.body.id}`).set(tenant.auth).send({ title: 'Mme' }).expect(200);
    expect(patched.body).toMatchObject({ title: 'Mme', city: 'Lyon' });

    await t.http.delete(`/api/owners/${created.body.id}`).set(tenant.auth).expect(204);
    await t.http.get(`/api/owners/${created.body.id}`).set(tenant.auth).expect(404);
    await t.http.delete(`/api/owners/${created.body.id}`).set(tenant.auth).expect(404);
  });

  it.each([
    [{ owner_category: 'individual', first_name: 'Only' }, 'last_name'],
    [{ owner_category: 'company', last_name: 'Dupont' }, 'legal_name'],
    [{ owner_category: 'sci' }, 'legal_name'],
    [{ owner_category: 'association', legal_name: 'X' }, 'owner_category'],
    [{ legal_name: 'X' }, 'owner_category'],
    [{ owner_category: 'individual', last_name: 'Dubois', email: 'not-an-email' }, 'email'],
    [{ owner_category: 'individual', last_name: 'Dubois', country: 'France' }, 'country'],
    [{ owner_category: 'individual', last_name: '' }, 'last_name'],
  ])('refuses %o naming %s', async (body, field) => {
    const response = await t.http.post('/api/owners').set(tenant.auth).send(body).expect(400);
    expect(response.body.error.type).toBe('VALIDATION_ERROR');
    expect(response.body.error.details.fields.map((f: { field: string }) => f.field)).toContain(field);
  });

  it('holds an update to the rule of the new category, and refuses clearing the category', async () => {
    const owner = await t.http.post('/api/owners').set(tenant.auth).send({ owner_category: 'individual', last_name: 'Martin' }).expect(201);
    const toCompany = await t.http.put(`/api/owners/${owner.body.id}`).set(tenant.auth).send({ owner_category: 'company' }).expect(400);
    expect(toCompany.body.error.details.fields).toEqual([{ field: 'legal_name', message: expect.stringContaining('company') }]);
    await t.http.put(`/api/owners/${owner.body.id}`).set(tenant.auth).send({ owner_category: null }).expect(400);
    await t.http.put(`/api/owners/${owner.body.id}`).set(tenant.auth).send({ last_name: null }).expect(400);
    const ok = await t.http
      .put(`/api/owners/${owner.body.id}`)
      .set(tenant.auth)
      .send({ owner_category: 'company', legal_name: 'Martin SARL' })
      .expect(200);
    expect(ok.body).toMatchObject({ owner_category: 'company', legal_name: 'Martin SARL', last_name: 'Martin' });
  });

  describe('lists', () => {
    let listTenant: TestTenant;
    const names = ['Alpha', 'Bravo', 'Charlie', 'Delta', 'Echo'];

    beforeAll(async () => {
      listTenant = await createTenant(t.http, 'Owners list suite');
      for (const name of names) {
        await t.http.post('/api/owners').set(listTenant.auth).send({ owner_category: 'individual', last_name: name, email: `${name.toLowerCase()}@example.fr` }).expect(201);
      }
      await t.http.post('/api/owners').set(listTenant.auth).send({ owner_category: 'sci', legal_name: 'SCI 100%_Sud' }).expect(201);
    });

    it('pages newest first by default with complete metadata', async () => {
      const first = await t.http.get('/api/owners?per_page=4').set(listTenant.auth).expect(200);
      expect(first.body.meta.pagination).toEqual({ current_page: 1, per_page: 4, total: 6, total_pages: 2, has_next: true, has_prev: false });
      expect(first.body.data.map((o: { legal_name: string | null; last_name: string }) => o.legal_name ?? o.last_name)).toEqual(['SCI 100%_Sud', 'Echo', 'Delta', 'Charlie']);
      const second = await t.http.get('/api/owners?page=2&limit=4').set(listTenant.auth).expect(200);
      expect(second.body.data).toHaveLength(2);
      expect(second.body.meta.pagination).toMatchObject({ current_page: 2, has_next: false, has_prev: true });
      const beyond = await t.http.get('/api/owners?page=9&per_page=4').set(listTenant.auth).expect(200);
      expect(beyond.body).toEqual({ data: [], meta: { pagination: { current_page: 9, per_page: 4, total: 6, total_pages: 2, has_next: false, has_prev: true } } });
    });

    it('sorts by an allowed field in both directions and refuses others', async () => {
      const asc = await t.http.get('/api/owners?sort=last_name&owner_category=individual').set(listTenant.auth).expect(200);
      expect(asc.body.data.map((o: { last_name: string }) => o.last_name)).toEqual(names);
      const desc = await t.http.get('/api/owners?sort=-last_name&owner_category=individual').set(listTenant.auth).expect(200);
      expect(desc.body.data.map((o: { last_name: string }) => o.last_name)).toEqual([...names].reverse());
      const bad = await t.http.get('/api/owners?sort=tenant_id').set(listTenant.auth).expect(400);
      expect(bad.body.error.details.fields[0].field).toBe('sort');
    });

    it('filters by category and searches names and emails literally', async () => {
      const scis = await t.http.get('/api/owners?owner_category=sci').set(listTenant.auth).expect(200);
      expect(scis.body.data).toHaveLength(1);
      const byEmail = await t.http.get('/api/owners?search=BRAVO@').set(listTenant.auth).expect(200);
      expect(byEmail.body.data.map((o: { last_name: string }) => o.last_name)).toEqual(['Bravo']);
      const literal = await t.http.get(`/api/owners?search=${encodeURIComponent('100%_')}`).set(listTenant.auth).expect(200);
      expect(literal.body.data).toHaveLength(1);
      const wildcard = await t.http.get(`/api/owners?search=${encodeURIComponent('%')}`).set(listTenant.auth).expect(200);
      expect(wildcard.body.data).toHaveLength(1);
      const none = await t.http.get('/api/owners?search=zzz').set(listTenant.auth).expect(200);
      expect(none.body.meta.pagination.total).toBe(0);
    });
  });
});
