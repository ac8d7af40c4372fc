import { roundTripTextsOf } from './support/round-trips.js';
import { bearer, createKey, createTenant, startTestApp, type TestApp, type TestTenant } from './support/test-app.js';

type Row = { id: string; category: string; last_name: string | null; legal_name: string | null; email: string | null };
const fieldsOf = (body: { error: { details: { fields: { field: string }[] } } }) => body.error.details.fields.map((f) => f.field);
/** A date `days` from today (UTC), `YYYY-MM-DD`. */
const daysFromToday = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

describe('Lessees', () => {
  let t: TestApp;
  let tenant: TestTenant;

  beforeAll(async () => {
    t = await startTestApp();
    tenant = await createTenant(t.http, 'Lessees suite');
  });
  afterAll(() => t.close());

  it('creates, reads, updates and deletes a lessee', async () => {
    const created = await t.http
      .post('/api/lessees')
      .set(tenant.auth)
      .send({ category: 'individual', first_name: 'Julien', last_name: 'Moreau', email: 'julien@example.fr', birth_date: '1990-04-17', monthly_income: 3200.5 })
      .expect(201);
    expect(created.headers.location).toBe(`/api/lessees/${created.body.id}`);
    expect(created.body).toMatchObject({
      category: 'individual', first_name: 'Julien', last_name: 'Moreau', birth_date: '1990-04-17', monthly_income: 3200.5, title: null, legal_name: null, profession: null,
    });
    expect(created.body).not.toHaveProperty('tenant_id');
    expect(Object.keys(created.body).sort()).toEqual(
      ['birth_date', 'category', 'created_at', 'email', 'email_receipts_consent', 'email_receipts_consent_at', 'erased_at', 'first_name', 'id', 'last_name', 'legal_name', 'mobile_phone',
        'monthly_income', 'profession', 'title', 'updated_at'],
    );

    const fetched = await t.http.get(`/api/lessees/${created.body.id}`).set(tenant.auth).expect(200);
    expect(fetched.body).toEqual(created.body);

    const updated = await t.http
      .put(`/api/lessees/${created.body.id}`)
      .set(tenant.auth)
      .send({ email: null, birth_date: null, monthly_income: null, profession: 'Ingénieur' });
    expect(updated.body.error).toBeUndefined();
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ email: null, birth_date: null, monthly_income: null, profession: 'Ingénieur', first_name: 'Julien', last_name: 'Moreau' });
    expect(new Date(updated.body.updated_at).getTime()).toBeGreaterThanOrEqual(new Date(created.body.updated_at).getTime());

    const patched = await t.http.patch(`/api/lessees/${created.body.id}`).set(tenant.auth).send({ title: 'M.', monthly_income: 0 }).expect(200);
    expect(patched.body).toMatchObject({ title: 'M.', monthly_income: 0, profession: 'Ingénieur' });

    await t.http.delete(`/api/lessees/${created.body.id}`).set(tenant.auth).expect(204);
    await t.http.get(`/api/lessees/${created.body.id}`).set(tenant.auth).expect(404);
    await t.http.delete(`/api/lessees/${created.body.id}`).set(tenant.auth).expect(404);
    const missing = await t.http.put(`/api/lessees/${created.body.id}`).set(tenant.auth).send({ title: 'M.' }).expect(404);
    expect(missing.body.error.message).toBe('Lessee not found');
  });

  it('accepts each category with the name it needs', async () => {
    for (const body of [
      { category: 'individual', last_name: 'Moreau' },
      { category: 'guarantor', last_name: 'Garant', first_name: 'Paul' },
      { category: 'company', legal_name: 'Moreau Conseil SAS' },
    ]) {
      const created = await t.http.post('/api/lessees').set(tenant.auth).send(body).expect(201);
      expect(created.body).toMatchObject(body);
    }
  });

  it.each([
    [{ category: 'individual', first_name: 'Only' }, 'last_name'],
    [{ category: 'individual', legal_name: 'X' }, 'last_name'],
    [{ category: 'guarantor', legal_name: 'Garantie SA' }, 'last_name'],
    [{ category: 'company', last_name: 'Moreau' }, 'legal_name'],
    [{ category: 'tenant', last_name: 'Moreau' }, 'category'],
    [{ last_name: 'Moreau' }, 'category'],
    [{ category: 'individual', last_name: '' }, 'last_name'],
    [{ category: 'individual', last_name: 'Moreau', email: 'not-an-email' }, 'email'],
    [{ category: 'individual', last_name: 'Moreau', mobile_phone: 'call me' }, 'mobile_phone'],
    [{ category: 'individual', last_name: 'Moreau', tenant_id: '00000000-0000-0000-0000-000000000000' }, 'tenant_id'],
    [{ category: 'individual', last_name: 'Moreau', monthly_income: 1200.555 }, 'monthly_income'],
    [{ category: 'individual', last_name: 'Moreau', monthly_income: -1 }, 'monthly_income'],
    [{ category: 'individual', last_name: 'Moreau', monthly_income: 1e13 }, 'monthly_income'],
    [{ category: 'individual', last_name: 'Moreau', monthly_income: '1200' }, 'monthly_income'],
    [{ category: 'individual', last_name: 'Moreau', birth_date: '1990-02-30' }, 'birth_date'],
    [{ category: 'individual', last_name: 'Moreau', birth_date: '17/04/1990' }, 'birth_date'],
    [{ category: 'individual', last_name: 'Moreau', birth_date: '1990-04-17T00:00:00Z' }, 'birth_date'],
    [{ category: 'individual', last_name: 'Moreau', birth_date: daysFromToday(2) }, 'birth_date'],
    [{ category: 'individual', last_name: 'Moreau', birth_date: '2999-01-01' }, 'birth_date'],
  ])('refuses %o naming %s', async (body, field) => {
    const response = await t.http.post('/api/lessees').set(tenant.auth).send(body).expect(400);
    expect(response.body.error.type).toBe('VALIDATION_ERROR');
    expect(fieldsOf(response.body)).toContain(field);
  });

  it('holds an update to the rule of the new category, and refuses clearing the category', async () => {
    const lessee = await t.http.post('/api/lessees').set(tenant.auth).send({ category: 'individual', last_name: 'Martin' }).expect(201);
    const toCompany = await t.http.put(`/api/lessees/${lessee.body.id}`).set(tenant.auth).send({ category: 'company' }).expect(400);
    expect(toCompany.body.error.details.fields).toEqual([{ field: 'legal_name', message: expect.stringContaining('company') }]);
    await t.http.put(`/api/lessees/${lessee.body.id}`).set(tenant.auth).send({ category: null }).expect(400);
    await t.http.put(`/api/lessees/${lessee.body.id}`).set(tenant.auth).send({ last_name: null }).expect(400);
    await t.http.put(`/api/lessees/${lessee.body.id}`).set(tenant.auth).send({ monthly_income: 10.001 }).expect(400);
    await t.http.put(`/api/lessees/${lessee.body.id}`).set(tenant.auth).send({ birth_date: daysFromToday(2) }).expect(400);
    const guarantor = await t.http.put(`/api/lessees/${lessee.body.id}`).set(tenant.auth).send({ category: 'guarantor' }).expect(200);
    expect(guarantor.body).toMatchObject({ category: 'guarantor', last_name: 'Martin' });
    const company = await t.http
      .put(`/api/lessees/${lessee.body.id}`)
      .set(tenant.auth)
      .send({ category: 'company', legal_name: 'Martin SARL', last_name: null })
      .expect(200);
    expect(company.body).toMatchObject({ category: 'company', legal_name: 'Martin SARL', last_name: null });
    const back = await t.http.put(`/api/lessees/${lessee.body.id}`).set(tenant.auth).send({ category: 'individual' }).expect(400);
    expect(fieldsOf(back.body)).toEqual(['last_name']);
  });

  it('needs lessees:read to read and lessees:write to write', async () => {
    const readOnly = bearer(await createKey(t.http, tenant.id, { user_id: tenant.adminUserId, permissions: ['lessees:read'] }));
    const propertiesOnly = bearer(await createKey(t.http, tenant.id, { user_id: tenant.adminUserId, permissions: ['properties:read', 'properties:write'] }));
    await t.http.get('/api/lessees').set(readOnly).expect(200);
    const forbidden = await t.http.post('/api/lessees').set(readOnly).send({ category: 'individual', last_name: 'X' }).expect(403);
    expect(forbidden.body.error.details.required_permissions).toEqual(['lessees:write']);
    await t.http.post('/api/lessees/bulk').set(readOnly).send({ lessees: [{ category: 'individual', last_name: 'X' }] }).expect(403);
    await t.http.get('/api/lessees').set(propertiesOnly).expect(403);
  });

  describe('bulk create', () => {
    let bulkTenant: TestTenant;
    const count = async () => (await t.http.get('/api/lessees?per_page=1').set(bulkTenant.auth).expect(200)).body.meta.pagination.total as number;
    const bulk = (lessees: unknown) => t.http.post('/api/lessees/bulk').set(bulkTenant.auth).send({ lessees });
    const individual = (name: string) => ({ category: 'individual', last_name: name });

    beforeAll(async () => {
      bulkTenant = await createTenant(t.http, 'Lessees bulk suite');
    });

    it('creates every item in one request and answers them in the order sent', async () => {
      const before = await count();
      const items = [
        { category: 'individual', first_name: 'Anne', last_name: 'Arnaud', monthly_income: 2500.75, birth_date: '1985-01-31' },
        { category: 'company', legal_name: 'Bati SAS', email: 'contact@bati.fr' },
        { category: 'guarantor', last_name: 'Colin' },
      ];
      const response = await bulk(items).expect(201);
      expect(response.headers.location).toBeUndefined();
      expect(Object.keys(response.body)).toEqual(['data']);
      expect(response.body.data).toHaveLength(3);
      response.body.data.forEach((row: Row, index: number) => {
        expect(row).toMatchObject(items[index]);
        expect(row).not.toHaveProperty('tenant_id');
      });
      expect(response.body.data[1]).toMatchObject({ last_name: null, birth_date: null, monthly_income: null });
      expect(await count()).toBe(before + 3);
      for (const row of response.body.data) {
        const stored = await t.http.get(`/api/lessees/${row.id}`).set(bulkTenant.auth).expect(200);
        expect(stored.body).toEqual(row);
      }
    });

    it('stores every item with one INSERT on the request\'s transaction (their audit events travel with the COMMIT)', async () => {
      await count(); // the key is cached: the request below only does its own work
      const texts = await roundTripTextsOf(t, () => bulk([individual('One'), individual('Two'), individual('Three')]).expect(201));
      // One entry per round trip; a call carrying two statements shows both ("BEGIN; set_config").
      const statements = texts.map((text) => text.split(';').map((statement) => statement.trim().split(/\s+/).slice(0, 2).join(' ')).join('; '));
      expect(statements).toEqual(['START TRANSACTION; SELECT set_config(\'app.tenant_id\',', 'INSERT INTO', 'INSERT INTO; COMMIT']);
      expect(texts[1]).toMatch(/^INSERT INTO "lessees"/);
      expect(texts[2]).toMatch(/^INSERT INTO audit_events/i);
    });

    it('accepts 100 items', async () => {
      const before = await count();
      const response = await bulk(Array.from({ length: 100 }, (_, i) => individual(`Hundred ${i}`))).expect(201);
      expect(response.body.data.map((row: Row) => row.last_name)).toEqual(Array.from({ length: 100 }, (_, i) => `Hundred ${i}`));
      expect(await count()).toBe(before + 100);
    });

    it('refuses everything when one item of five breaks its category rule, naming the item', async () => {
      const before = await count();
      const items = [individual('A'), individual('B'), individual('C'), { category: 'company', last_name: 'D' }, individual('E')];
      const response = await bulk(items).expect(400);
      expect(response.body.error.type).toBe('VALIDATION_ERROR');
      expect(response.body.error.details.fields).toEqual([{ field: 'lessees.3.legal_name', message: expect.stringContaining('company') }]);
      expect(await count()).toBe(before);
    });

    it('reports every failing item at once', async () => {
      const before = await count();
      const items = [individual('A'), { category: 'guarantor' }, individual('C'), individual('D'), { category: 'company', legal_name: null }];
      const response = await bulk(items).expect(400);
      expect(fieldsOf(response.body)).toEqual(['lessees.1.last_name', 'lessees.4.legal_name']);
      expect(await count()).toBe(before);
    });

    it.each([
      [{ email: 'nope' }, 'lessees.2.email'],
      [{ monthly_income: 10.555 }, 'lessees.2.monthly_income'],
      [{ monthly_income: -1 }, 'lessees.2.monthly_income'],
      [{ monthly_income: 1e13 }, 'lessees.2.monthly_income'],
      [{ monthly_income: '100' }, 'lessees.2.monthly_income'],
      [{ birth_date: '2001-13-01' }, 'lessees.2.birth_date'],
      [{ birth_date: daysFromToday(2) }, 'lessees.2.birth_date'],
      [{ category: 'tenant' }, 'lessees.2.category'],
      [{ unknown_field: 'x' }, 'lessees.2.unknown_field'],
    ])('refuses an item with %o naming %s, storing nothing', async (overrides, field) => {
      const before = await count();
      const items = [individual('A'), individual('B'), { ...individual('C'), ...overrides }, individual('D'), individual('E')];
      const response = await bulk(items).expect(400);
      expect(response.body.error.type).toBe('VALIDATION_ERROR');
      expect(fieldsOf(response.body)).toContain(field);
      expect(await count()).toBe(before);
    });

    it.each([
      ['0 items', []],
      ['101 items', Array.from({ length: 101 }, (_, i) => individual(`Over ${i}`))],
      ['not an array', { category: 'individual', last_name: 'A' }],
      ['null', null],
      ['items that are not objects', [1, 'two']],
      ['an item that is an array', [[individual('A')]]],
    ])('refuses %s', async (_name, lessees) => {
      const before = await count();
      const response = await bulk(lessees).expect(400);
      expect(response.body.error.type).toBe('VALIDATION_ERROR');
      expect(fieldsOf(response.body).every((field: string) => field.startsWith('lessees'))).toBe(true);
      expect(await count()).toBe(before);
    });

    it('refuses a body without lessees or with extra fields', async () => {
      const missing = await t.http.post('/api/lessees/bulk').set(bulkTenant.auth).send({}).expect(400);
      expect(fieldsOf(missing.body)).toContain('lessees');
      const extra = await t.http.post('/api/lessees/bulk').set(bulkTenant.auth).send({ lessees: [individual('A')], dry_run: true }).expect(400);
      expect(fieldsOf(extra.body)).toContain('dry_run');
    });
  });

  describe('lists', () => {
    let listTenant: TestTenant;
    const names = ['Alpha', 'Bravo', 'Charlie', 'Delta', 'Echo'];
    const lastNames = (body: { data: Row[] }) => body.data.map((row) => row.last_name);

    beforeAll(async () => {
      listTenant = await createTenant(t.http, 'Lessees list suite');
      for (const name of names) {
        await t.http.post('/api/lessees').set(listTenant.auth).send({ category: 'individual', last_name: name, email: `${name.toLowerCase()}@example.fr` }).expect(201);
      }
      await t.http.post('/api/lessees').set(listTenant.auth).send({ category: 'company', legal_name: 'Bureau 100%_Sud' }).expect(201);
      await t.http.post('/api/lessees').set(listTenant.auth).send({ category: 'guarantor', last_name: 'Zulu', first_name: 'Garant' }).expect(201);
    });

    it('pages newest first by default with complete metadata', async () => {
      const first = await t.http.get('/api/lessees?per_page=4').set(listTenant.auth).expect(200);
      expect(first.body.meta.pagination).toEqual({ current_page: 1, per_page: 4, total: 7, total_pages: 2, has_next: true, has_prev: false });
      expect(first.body.data.map((row: Row) => row.legal_name ?? row.last_name)).toEqual(['Zulu', 'Bureau 100%_Sud', 'Echo', 'Delta']);
      const second = await t.http.get('/api/lessees?page=2&limit=4').set(listTenant.auth).expect(200);
      expect(lastNames(second.body)).toEqual(['Charlie', 'Bravo', 'Alpha']);
      expect(second.body.meta.pagination).toMatchObject({ current_page: 2, has_next: false, has_prev: true });
      const beyond = await t.http.get('/api/lessees?page=9&per_page=4').set(listTenant.auth).expect(200);
      expect(beyond.body).toEqual({ data: [], meta: { pagination: { current_page: 9, per_page: 4, total: 7, total_pages: 2, has_next: false, has_prev: true } } });
      const exact = await t.http.get('/api/lessees?per_page=7').set(listTenant.auth).expect(200);
      expect(exact.body.meta.pagination).toMatchObject({ total: 7, total_pages: 1, has_next: false });
    });

    it.each(['per_page=0', 'per_page=101', 'limit=101', 'page=0', 'page=-1', 'page=abc', 'per_page=1.5'])('refuses %s', async (query) => {
      const response = await t.http.get(`/api/lessees?${query}`).set(listTenant.auth).expect(400);
      expect(response.body.error.type).toBe('VALIDATION_ERROR');
    });

    it('sorts by an allowed field in both directions and refuses others', async () => {
      const asc = await t.http.get('/api/lessees?sort=last_name&category=individual').set(listTenant.auth).expect(200);
      expect(lastNames(asc.body)).toEqual(names);
      const desc = await t.http.get('/api/lessees?sort=-last_name&category=individual').set(listTenant.auth).expect(200);
      expect(lastNames(desc.body)).toEqual([...names].reverse());
      const byEmail = await t.http.get('/api/lessees?sort=-email&category=individual').set(listTenant.auth).expect(200);
      expect(lastNames(byEmail.body)).toEqual([...names].reverse());
      const oldest = await t.http.get('/api/lessees?sort=created_at&per_page=1').set(listTenant.auth).expect(200);
      expect(lastNames(oldest.body)).toEqual(['Alpha']);
      await t.http.get('/api/lessees?sort=-updated_at').set(listTenant.auth).expect(200);
      await t.http.get('/api/lessees?sort=legal_name').set(listTenant.auth).expect(200);
      for (const sort of ['tenant_id', 'monthly_income', 'birth_date', '--last_name']) {
        const bad = await t.http.get(`/api/lessees?sort=${sort}`).set(listTenant.auth).expect(400);
        expect(bad.body.error.details.fields[0].field).toBe('sort');
      }
    });

    it('filters by category and searches names and emails literally', async () => {
      const companies = await t.http.get('/api/lessees?category=company').set(listTenant.auth).expect(200);
      expect(companies.body.data.map((row: Row) => row.legal_name)).toEqual(['Bureau 100%_Sud']);
      const guarantors = await t.http.get('/api/lessees?category=guarantor').set(listTenant.auth).expect(200);
      expect(lastNames(guarantors.body)).toEqual(['Zulu']);
      await t.http.get('/api/lessees?category=tenant').set(listTenant.auth).expect(400);
      const byEmail = await t.http.get('/api/lessees?search=BRAVO@').set(listTenant.auth).expect(200);
      expect(lastNames(byEmail.body)).toEqual(['Bravo']);
      const byFirstName = await t.http.get('/api/lessees?search=garant').set(listTenant.auth).expect(200);
      expect(lastNames(byFirstName.body)).toEqual(['Zulu']);
      const literal = await t.http.get(`/api/lessees?search=${encodeURIComponent('100%_')}`).set(listTenant.auth).expect(200);
      expect(literal.body.data).toHaveLength(1);
      const wildcard = await t.http.get(`/api/lessees?search=${encodeURIComponent('%')}`).set(listTenant.auth).expect(200);
      expect(wildcard.body.data).toHaveLength(1);
      const combined = await t.http.get('/api/lessees?search=zulu&category=company').set(listTenant.auth).expect(200);
      expect(combined.body.data).toHaveLength(0);
      const none = await t.http.get('/api/lessees?search=zzz').set(listTenant.auth).expect(200);
      expect(none.body.meta.pagination.total).toBe(0);
      await t.http.get('/api/lessees?search=').set(listTenant.auth).expect(400);
    });
  });
});
