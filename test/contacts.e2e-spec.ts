import { bearer, createKey, createTenant, startTestApp, type TestApp, type TestTenant } from './support/test-app.js';

type Row = { id: string; type_contact: string; category: string; last_name: string | null; legal_name: string | null };
const fieldsOf = (body: { error: { details: { fields: { field: string }[] } } }) => body.error.details.fields.map((f) => f.field);
const nameOf = (row: Row) => row.legal_name ?? row.last_name;

describe('Contacts', () => {
  let t: TestApp;
  let tenant: TestTenant;

  beforeAll(async () => {
    t = await startTestApp();
    tenant = await createTenant(t.http, 'Contacts suite');
  });
  afterAll(() => t.close());

  it('creates, reads, updates and deletes a contact', async () => {
    const created = await t.http
      .post('/api/contacts')
      .set(tenant.auth)
      .send({
        type_contact: 'company', category: 'maintenance', legal_name: 'Plomberie Lefèvre SARL', email: 'contact@lefevre.fr', phone: '+33 4 72 00 00 00',
        address_line1: '8 quai Saint-Vincent', postal_code: '69001', city: 'Lyon', country: 'FR', notes: 'Intervient sous 24 h',
      })
      .expect(201);
    expect(created.headers.location).toBe(`/api/contacts/${created.body.id}`);
    expect(created.body).toMatchObject({ type_contact: 'company', category: 'maintenance', legal_name: 'Plomberie Lefèvre SARL', first_name: null, last_name: null });
    expect(created.body).not.toHaveProperty('tenant_id');
    expect(Object.keys(created.body).sort()).toEqual(
      ['address_line1', 'category', 'city', 'country', 'created_at', 'email', 'first_name', 'id', 'last_name', 'legal_name', 'notes',
        'phone', 'postal_code', 'type_contact', 'updated_at'],
    );

    const fetched = await t.http.get(`/api/contacts/${created.body.id}`).set(tenant.auth).expect(200);
    expect(fetched.body).toEqual(created.body);

    const updated = await t.http
      .put(`/api/contacts/${created.body.id}`)
      .set(tenant.auth)
      .send({ notes: null, phone: null, category: 'insurer', first_name: 'Sophie' });
    expect(updated.body.error).toBeUndefined();
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ notes: null, phone: null, category: 'insurer', first_name: 'Sophie', legal_name: 'Plomberie Lefèvre SARL', city: 'Lyon' });
    expect(new Date(updated.body.updated_at).getTime()).toBeGreaterThanOrEqual(new Date(created.body.updated_at).getTime());

    const patched = await t.http.patch(`/api/contacts/${created.body.id}`).set(tenant.auth).send({ city: 'Villeurbanne' }).expect(200);
    expect(patched.body).toMatchObject({ city: 'Villeurbanne', category: 'insurer' });

    await t.http.delete(`/api/contacts/${created.body.id}`).set(tenant.auth).expect(204);
    await t.http.get(`/api/contacts/${created.body.id}`).set(tenant.auth).expect(404);
    const again = await t.http.delete(`/api/contacts/${created.body.id}`).set(tenant.auth).expect(404);
    expect(again.body.error.message).toBe('Contact not found');
  });

  it.each([
    [{ type_contact: 'person', category: 'notary', first_name: 'Only' }, 'last_name'],
    [{ type_contact: 'person', category: 'notary', legal_name: 'Étude Durand' }, 'last_name'],
    [{ type_contact: 'company', category: 'notary', last_name: 'Durand' }, 'legal_name'],
    [{ type_contact: 'robot', category: 'notary', last_name: 'Durand' }, 'type_contact'],
    [{ category: 'notary', last_name: 'Durand' }, 'type_contact'],
    [{ type_contact: 'person', category: 'plumber', last_name: 'Durand' }, 'category'],
    [{ type_contact: 'person', last_name: 'Durand' }, 'category'],
    [{ type_contact: 'person', category: 'notary', last_name: '' }, 'last_name'],
    [{ type_contact: 'person', category: 'notary', last_name: 'Durand', email: 'not-an-email' }, 'email'],
    [{ type_contact: 'person', category: 'notary', last_name: 'Durand', phone: 'call me' }, 'phone'],
    [{ type_contact: 'person', category: 'notary', last_name: 'Durand', country: 'France' }, 'country'],
    [{ type_contact: 'person', category: 'notary', last_name: 'Durand', postal_code: '690 03 / x' }, 'postal_code'],
    [{ type_contact: 'person', category: 'notary', last_name: 'Durand', notes: 'x'.repeat(2001) }, 'notes'],
    [{ type_contact: 'person', category: 'notary', last_name: 'Durand', address: 'typo' }, 'address'],
  ])('refuses %o naming %s', async (body, field) => {
    const response = await t.http.post('/api/contacts').set(tenant.auth).send(body).expect(400);
    expect(response.body.error.type).toBe('VALIDATION_ERROR');
    expect(fieldsOf(response.body)).toContain(field);
  });

  it('holds an update to the rule of the new type, and refuses clearing type or category', async () => {
    const contact = await t.http.post('/api/contacts').set(tenant.auth).send({ type_contact: 'person', category: 'accountant', last_name: 'Martin' }).expect(201);
    const toCompany = await t.http.put(`/api/contacts/${contact.body.id}`).set(tenant.auth).send({ type_contact: 'company' }).expect(400);
    expect(toCompany.body.error.details.fields).toEqual([{ field: 'legal_name', message: expect.stringContaining('company') }]);
    await t.http.put(`/api/contacts/${contact.body.id}`).set(tenant.auth).send({ type_contact: null }).expect(400);
    await t.http.put(`/api/contacts/${contact.body.id}`).set(tenant.auth).send({ category: null }).expect(400);
    await t.http.put(`/api/contacts/${contact.body.id}`).set(tenant.auth).send({ last_name: null }).expect(400);
    const ok = await t.http
      .put(`/api/contacts/${contact.body.id}`)
      .set(tenant.auth)
      .send({ type_contact: 'company', legal_name: 'Martin Expertise', last_name: null })
      .expect(200);
    expect(ok.body).toMatchObject({ type_contact: 'company', legal_name: 'Martin Expertise', last_name: null, category: 'accountant' });
    const back = await t.http.put(`/api/contacts/${contact.body.id}`).set(tenant.auth).send({ type_contact: 'person' }).expect(400);
    expect(fieldsOf(back.body)).toEqual(['last_name']);
  });

  it('needs lessees:read to read and lessees:write to write', async () => {
    const readOnly = bearer(await createKey(t.http, tenant.id, { user_id: tenant.adminUserId, permissions: ['lessees:read'] }));
    await t.http.get('/api/contacts').set(readOnly).expect(200);
    const forbidden = await t.http.post('/api/contacts').set(readOnly).send({ type_contact: 'person', category: 'other', last_name: 'X' }).expect(403);
    expect(forbidden.body.error.details.required_permissions).toEqual(['lessees:write']);
    const leasesOnly = bearer(await createKey(t.http, tenant.id, { user_id: tenant.adminUserId, permissions: ['leases:read'] }));
    await t.http.get('/api/contacts').set(leasesOnly).expect(403);
  });

  describe('lists', () => {
    let listTenant: TestTenant;
    const seed = [
      { type_contact: 'person', category: 'notary', last_name: 'Alpha', email: 'alpha@example.fr', city: 'Lyon' },
      { type_contact: 'person', category: 'accountant', last_name: 'Bravo', email: 'bravo@example.fr', city: 'Annecy' },
      { type_contact: 'company', category: 'maintenance', legal_name: 'Charlie Plomberie', email: 'charlie@example.fr', city: 'Paris' },
      { type_contact: 'company', category: 'insurer', legal_name: 'Delta 100%_Assurances', city: 'Bordeaux' },
      { type_contact: 'person', category: 'maintenance', first_name: 'Echo', last_name: 'Electricien' },
    ];

    beforeAll(async () => {
      listTenant = await createTenant(t.http, 'Contacts list suite');
      for (const body of seed) await t.http.post('/api/contacts').set(listTenant.auth).send(body).expect(201);
    });

    const list = async (query: string) => (await t.http.get(`/api/contacts?${query}`).set(listTenant.auth).expect(200)).body;

    it('pages newest first by default with complete metadata', async () => {
      const first = await list('per_page=2');
      expect(first.meta.pagination).toEqual({ current_page: 1, per_page: 2, total: 5, total_pages: 3, has_next: true, has_prev: false });
      expect(first.data.map(nameOf)).toEqual(['Electricien', 'Delta 100%_Assurances']);
      const last = await list('page=3&limit=2');
      expect(last.data.map(nameOf)).toEqual(['Alpha']);
      expect(last.meta.pagination).toMatchObject({ current_page: 3, has_next: false, has_prev: true });
      const beyond = await list('page=4&per_page=2');
      expect(beyond).toEqual({ data: [], meta: { pagination: { current_page: 4, per_page: 2, total: 5, total_pages: 3, has_next: false, has_prev: true } } });
      for (const query of ['per_page=0', 'per_page=101', 'page=0']) {
        await t.http.get(`/api/contacts?${query}`).set(listTenant.auth).expect(400);
      }
    });

    it('sorts by an allowed field in both directions and refuses others', async () => {
      expect((await list('sort=city&per_page=4')).data.map((row: Row & { city: string }) => row.city)).toEqual(['Annecy', 'Bordeaux', 'Lyon', 'Paris']);
      expect((await list('sort=-legal_name&type_contact=company')).data.map(nameOf)).toEqual(['Delta 100%_Assurances', 'Charlie Plomberie']);
      expect((await list('sort=last_name&type_contact=person')).data.map(nameOf)).toEqual(['Alpha', 'Bravo', 'Electricien']);
      expect((await list('sort=created_at&per_page=1')).data.map(nameOf)).toEqual(['Alpha']);
      await list('sort=-email');
      await list('sort=updated_at');
      const bad = await t.http.get('/api/contacts?sort=notes').set(listTenant.auth).expect(400);
      expect(bad.body.error.details.fields[0].field).toBe('sort');
    });

    it('filters by category and type, and searches names and emails literally', async () => {
      expect((await list('category=maintenance&sort=created_at')).data.map(nameOf)).toEqual(['Charlie Plomberie', 'Electricien']);
      expect((await list('category=maintenance&type_contact=person')).data.map(nameOf)).toEqual(['Electricien']);
      expect((await list('type_contact=company')).meta.pagination.total).toBe(2);
      await t.http.get('/api/contacts?category=plumber').set(listTenant.auth).expect(400);
      await t.http.get('/api/contacts?type_contact=robot').set(listTenant.auth).expect(400);
      expect((await list('search=BRAVO@')).data.map(nameOf)).toEqual(['Bravo']);
      expect((await list('search=echo')).data.map(nameOf)).toEqual(['Electricien']);
      expect((await list('search=plomberie')).data.map(nameOf)).toEqual(['Charlie Plomberie']);
      expect((await list(`search=${encodeURIComponent('100%_')}`)).data).toHaveLength(1);
      expect((await list(`search=${encodeURIComponent('_')}`)).data).toHaveLength(1);
      expect((await list('search=zzz')).meta.pagination.total).toBe(0);
    });
  });
});
