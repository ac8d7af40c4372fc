import { createTenant, startTestApp, type TestApp, type TestTenant } from './support/test-app.js';

/** Hostile and sloppy input: always a 4xx in the envelope, never a 500, never a partial write. */
describe('Bad input', () => {
  let t: TestApp;
  let tenant: TestTenant;
  let ownerId: string;

  beforeAll(async () => {
    t = await startTestApp();
    tenant = await createTenant(t.http, 'Bad input suite');
    ownerId = (await t.http.post('/api/owners').set(tenant.auth).send({ owner_category: 'individual', last_name: 'Stable' }).expect(201)).body.id;
  });
  afterAll(() => t.close());

  const count = async () => (await t.http.get('/api/owners?per_page=1').set(tenant.auth).expect(200)).body.meta.pagination.total as number;

  const expectEnvelope = (response: { status: number; body: { error: { code: number; type: string }; meta: { request_id: string } }; headers: Record<string, string> }, status: number, type: string) => {
    expect({ status: response.status, type: response.body.error?.type }).toEqual({ status, type });
    expect(response.body.error.code).toBe(status);
    expect(response.body.meta.request_id).toBe(response.headers['x-request-id']);
    expect(JSON.stringify(response.body)).not.toMatch(/at .*\.(js|ts):\d+|QueryFailedError|SELECT|INSERT/);
  };

  it.each([
    ['malformed JSON', '{"owner_category": "individual", ', 400, 'BAD_REQUEST'],
    ['a JSON string', '"individual"', 400, 'BAD_REQUEST'],
    ['a JSON array', '[{"owner_category":"individual","last_name":"A"}]', 400, 'VALIDATION_ERROR'],
    ['null', 'null', 400, 'BAD_REQUEST'],
  ])('refuses %s as a body', async (_label, raw, status, type) => {
    const before = await count();
    const response = await t.http.post('/api/owners').set(tenant.auth).set('Content-Type', 'application/json').send(raw);
    expectEnvelope(response, status, type);
    expect(await count()).toBe(before);
  });

  it('refuses a body that is not JSON with 415', async () => {
    const response = await t.http.post('/api/owners').set(tenant.auth).set('Content-Type', 'text/plain').send('owner_category=individual');
    expectEnvelope(response, 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('refuses a 2 MB body with 413 and writes nothing', async () => {
    const before = await count();
    const response = await t.http
      .post('/api/owners')
      .set(tenant.auth)
      .send({ owner_category: 'individual', last_name: 'x'.repeat(2 * 1024 * 1024) });
    expectEnvelope(response, 413, 'PAYLOAD_TOO_LARGE');
    expect(await count()).toBe(before);
  });

  it.each([
    [{ owner_category: 5, last_name: 'A' }, ['owner_category']],
    [{ owner_category: 'individual', last_name: 123 }, ['last_name']],
    [{ owner_category: 'individual', last_name: ['A'] }, ['last_name']],
    [{ owner_category: 'individual', last_name: { $ne: null } }, ['last_name']],
    [{ owner_category: 'individual', last_name: 'A', email: true }, ['email']],
    [{ owner_category: 'individual', last_name: 'A', tenant_id: '00000000-0000-0000-0000-000000000000' }, ['tenant_id']],
    [{ owner_category: 'individual', last_name: 'A', id: '00000000-0000-0000-0000-000000000000' }, ['id']],
    [{ owner_category: 'individual', last_name: 'A', lastname: 'typo' }, ['lastname']],
    [{ owner_category: 'individual', last_name: 'x'.repeat(201) }, ['last_name']],
    [{ owner_category: 'individual', last_name: 'A', mobile_phone: "'; DROP TABLE owners; --" }, ['mobile_phone']],
  ])('refuses fields %o naming %o', async (body, fields) => {
    const before = await count();
    const response = await t.http.post('/api/owners').set(tenant.auth).send(body);
    expectEnvelope(response, 400, 'VALIDATION_ERROR');
    expect(response.body.error.details.fields.map((f: { field: string }) => f.field)).toEqual(expect.arrayContaining(fields));
    expect(await count()).toBe(before);
  });

  it('refuses a NUL byte (Postgres cannot store it) with 400 and writes nothing', async () => {
    const before = await count();
    const response = await t.http.post('/api/owners').set(tenant.auth).send({ owner_category: 'individual', last_name: 'A\u0000B' });
    expectEnvelope(response, 400, 'BAD_REQUEST');
    expect(await count()).toBe(before);
    const update = await t.http.put(`/api/owners/${ownerId}`).set(tenant.auth).send({ city: 'Ly\u0000on', first_name: 'Changed' });
    expectEnvelope(update, 400, 'BAD_REQUEST');
    const stored = await t.http.get(`/api/owners/${ownerId}`).set(tenant.auth).expect(200);
    expect(stored.body).toMatchObject({ first_name: null, city: null });
  });

  it.each([
    "Robert'); DROP TABLE owners;--",
    '" OR 1=1 --',
    '%_\\',
    'Zoë Ørsted-Łukasiewicz',
    '李小龙',
    'שלום',
    '👩‍👩‍👧 🏠',
    'e\u0301',
  ])('stores %j verbatim and finds it again', async (text) => {
    const created = await t.http.post('/api/owners').set(tenant.auth).send({ owner_category: 'sci', legal_name: text }).expect(201);
    expect(created.body.legal_name).toBe(text);
    const found = await t.http.get(`/api/owners?search=${encodeURIComponent(text)}`).set(tenant.auth).expect(200);
    expect(found.body.data.map((o: { id: string }) => o.id)).toContain(created.body.id);
    await t.http.delete(`/api/owners/${created.body.id}`).set(tenant.auth).expect(204);
  });

  it.each(['not-a-uuid', '123', `${'0'.repeat(36)}`, 'e3b0c442-98fc-1c14-9afb-4c8996fb92427', "1' OR '1'='1"])(
    'refuses path id %j with 400 before any query',
    async (id) => {
      const response = await t.http.get(`/api/owners/${encodeURIComponent(id)}`).set(tenant.auth);
      expectEnvelope(response, 400, 'VALIDATION_ERROR');
      expect(response.body.error.details.fields).toEqual([{ field: 'id', message: 'id must be a UUID' }]);
    },
  );

  it('refuses an invalid UUID in an internal path', async () => {
    const response = await t.http.get('/internal/tenants/nope/users').set('X-Internal-Token', (await import('./support/test-app.js')).INTERNAL_TOKEN);
    expectEnvelope(response, 400, 'VALIDATION_ERROR');
  });

  it.each([
    'per_page=0', 'per_page=101', 'per_page=-1', 'per_page=abc', 'per_page=1.5', 'per_page=', 'limit=0', 'limit=1000',
    'page=0', 'page=-3', 'page=abc', 'page=1e3', 'per_page=1&per_page=2', 'sort=created_at;DROP', 'sort=', 'sort=-',
    'owner_category=alien', 'search=', 'unknown=1',
  ])('refuses the query %s with 400', async (query) => {
    const response = await t.http.get(`/api/owners?${query}`).set(tenant.auth);
    expectEnvelope(response, 400, 'VALIDATION_ERROR');
  });

  it('answers unknown routes and methods with the 404 envelope', async () => {
    for (const [method, path] of [['get', '/api/nothing'], ['post', '/api/owners/x/y'], ['get', '/'], ['delete', '/api/owners']] as const) {
      expectEnvelope(await t.http[method](path).set(tenant.auth), 404, 'NOT_FOUND');
    }
  });

  it('answers a malformed URL escape with 400', async () => {
    expectEnvelope(await t.http.get('/api/owners/%E0%A4%A').set(tenant.auth), 400, 'BAD_REQUEST');
  });

  it('keeps a caller\'s well-formed request id and replaces a hostile one', async () => {
    const kept = await t.http.get('/api/owners').set(tenant.auth).set('X-Request-Id', 'trace-1234abcd').expect(200);
    expect(kept.headers['x-request-id']).toBe('trace-1234abcd');
    const replaced = await t.http.get('/api/nothing').set('X-Request-Id', '<script>alert(1)</script>');
    expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(replaced.body.meta.request_id).toBe(replaced.headers['x-request-id']);
  });
});
