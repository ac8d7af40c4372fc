import { createTenant, INTERNAL_TOKEN, randomUuid, startTestApp, type TestApp, type TestTenant, withoutMeta } from './support/test-app.js';

describe('Internal API', () => {
  let t: TestApp;
  let tenant: TestTenant;

  beforeAll(async () => {
    t = await startTestApp();
    tenant = await createTenant(t.http, 'Internal suite');
  });
  afterAll(() => t.close());

  it('requires the internal token, compared exactly', async () => {
    for (const token of [undefined, '', 'wrong', INTERNAL_TOKEN.slice(0, -1), `${INTERNAL_TOKEN}x`]) {
      const req = t.http.get(`/internal/tenants/${tenant.id}`);
      const response = await (token === undefined ? req : req.set('X-Internal-Token', token)).expect(401);
      expect(response.body.error.type).toBe('UNAUTHORIZED');
    }
    await t.http.get(`/internal/tenants/${tenant.id}`).set('X-Internal-Token', INTERNAL_TOKEN).expect(200);
  });

  it('never accepts an API key on /internal, nor the internal token on /api', async () => {
    await t.http.get(`/internal/tenants/${tenant.id}`).set(tenant.auth).expect(401);
    await t.http.get('/api/owners').set('X-Internal-Token', INTERNAL_TOKEN).expect(401);
  });

  it('creates a tenant and reads it back; another tenant id is not found', async () => {
    const created = await t.http.post('/internal/tenants').set('X-Internal-Token', INTERNAL_TOKEN).send({ name: 'Acme' }).expect(201);
    expect(created.headers.location).toBe(`/internal/tenants/${created.body.id}`);
    expect(Object.keys(created.body).sort()).toEqual(['created_at', 'environment', 'id', 'name', 'rate_limit_per_hour', 'status', 'suspended_at', 'suspension_public_reason', 'suspension_reason', 'updated_at']);
    expect(created.body.environment).toBe('live');
    const read = await t.http.get(`/internal/tenants/${created.body.id}`).set('X-Internal-Token', INTERNAL_TOKEN).expect(200);
    expect(read.body).toEqual(created.body);
    await t.http.get(`/internal/tenants/${randomUuid()}`).set('X-Internal-Token', INTERNAL_TOKEN).expect(404);
    await t.http.post('/internal/tenants').set('X-Internal-Token', INTERNAL_TOKEN).send({ name: '' }).expect(400);
  });

  it('manages users: duplicate email is a conflict, permissions are from the catalogue', async () => {
    const path = `/internal/tenants/${tenant.id}/users`;
    const user = await t.http.post(path).set('X-Internal-Token', INTERNAL_TOKEN).send({ email: 'Bob@Example.com', display_name: 'Bob', permissions: ['leases:read'] }).expect(201);
    expect(user.body).toMatchObject({ email: 'Bob@Example.com', permissions: ['leases:read'], disabled: false });
    expect(user.body).not.toHaveProperty('disabled_at');
    const duplicate = await t.http.post(path).set('X-Internal-Token', INTERNAL_TOKEN).send({ email: 'bob@example.com', display_name: 'Bob 2', permissions: [] }).expect(409);
    expect(duplicate.body.error.type).toBe('CONFLICT');
    await t.http.post(path).set('X-Internal-Token', INTERNAL_TOKEN).send({ email: 'c@example.com', display_name: 'C', permissions: ['admin:all'] }).expect(400);
    const updated = await t.http.put(`${path}/${user.body.id}`).set('X-Internal-Token', INTERNAL_TOKEN).send({ display_name: 'Robert', disabled: true }).expect(200);
    expect(updated.body).toMatchObject({ display_name: 'Robert', disabled: true, permissions: ['leases:read'] });
  });

  it('shows a key once: only the creation response holds it, never its hash', async () => {
    const path = `/internal/tenants/${tenant.id}/api-keys`;
    const created = await t.http.post(path).set('X-Internal-Token', INTERNAL_TOKEN).send({ user_id: tenant.adminUserId, name: 'CRM', expires_in: '90d', environment: 'sandbox', permissions: ['properties:read'] }).expect(201);
    expect(created.body.key).toMatch(/^fp_sandbox_[0-9A-Za-z]{49}$/);
    expect(created.body).toMatchObject({ name: 'CRM', environment: 'sandbox', permissions: ['properties:read'], prefix: created.body.key.slice(0, 12), last4: created.body.key.slice(-4), revoked_at: null, last_used_at: null });
    const days = (new Date(created.body.expires_at).getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(89.9);
    expect(days).toBeLessThan(90.1);
    expect(created.body).not.toHaveProperty('key_hash');

    const list = await t.http.get(path).set('X-Internal-Token', INTERNAL_TOKEN).expect(200);
    const text = JSON.stringify(list.body);
    expect(text).not.toContain(created.body.key);
    expect(text).not.toContain(created.body.key.slice(12, -4));
    expect(text).not.toContain('key_hash');
    expect(list.body.data.find((k: { id: string }) => k.id === created.body.id)).not.toHaveProperty('key');
  });

  it('refuses a key for a disabled user and an unknown expiry', async () => {
    const path = `/internal/tenants/${tenant.id}/users`;
    const user = await t.http.post(path).set('X-Internal-Token', INTERNAL_TOKEN).send({ email: 'off@example.com', display_name: 'Off', permissions: [] }).expect(201);
    await t.http.put(`${path}/${user.body.id}`).set('X-Internal-Token', INTERNAL_TOKEN).send({ disabled: true }).expect(200);
    const refused = await t.http.post(`/internal/tenants/${tenant.id}/api-keys`).set('X-Internal-Token', INTERNAL_TOKEN).send({ user_id: user.body.id, name: 'x' }).expect(422);
    expect(refused.body.error.type).toBe('RULE_VIOLATION');
    await t.http.post(`/internal/tenants/${tenant.id}/api-keys`).set('X-Internal-Token', INTERNAL_TOKEN).send({ user_id: tenant.adminUserId, name: 'x', expires_in: '7d' }).expect(400);
  });

  it('revokes idempotently; an unknown key is not found', async () => {
    const created = await t.http.post(`/internal/tenants/${tenant.id}/api-keys`).set('X-Internal-Token', INTERNAL_TOKEN).send({ user_id: tenant.adminUserId, name: 'tmp' }).expect(201);
    await t.http.delete(`/internal/tenants/${tenant.id}/api-keys/${created.body.id}`).set('X-Internal-Token', INTERNAL_TOKEN).expect(204);
    await t.http.delete(`/internal/tenants/${tenant.id}/api-keys/${created.body.id}`).set('X-Internal-Token', INTERNAL_TOKEN).expect(204);
    const list = await t.http.get(`/internal/tenants/${tenant.id}/api-keys?per_page=100`).set('X-Internal-Token', INTERNAL_TOKEN).expect(200);
    expect(list.body.data.find((k: { id: string }) => k.id === created.body.id).revoked_at).not.toBeNull();
    await t.http.delete(`/internal/tenants/${tenant.id}/api-keys/${randomUuid()}`).set('X-Internal-Token', INTERNAL_TOKEN).expect(404);
  });

  it('serves its own OpenAPI document, apart from the public one, to the internal token only', async () => {
    for (const path of ['/internal/docs', '/internal/docs/openapi.json']) {
      for (const token of [undefined, 'wrong']) {
        const request = t.http.get(path);
        const refused = await (token ? request.set('X-Internal-Token', token) : request).expect(401);
        expect(refused.body.error.type).toBe('UNAUTHORIZED');
      }
    }
    await t.http.get('/internal/docs').set('X-Internal-Token', INTERNAL_TOKEN).redirects(1).expect(200);
    const internal = await t.http.get('/internal/docs/openapi.json').set('X-Internal-Token', INTERNAL_TOKEN).expect(200);
    expect(Object.keys(internal.body.paths).every((path) => path.startsWith('/internal/'))).toBe(true);
    const publicDoc = await t.http.get('/docs/openapi.json').expect(200);
    expect(Object.keys(publicDoc.body.paths).some((path) => path.startsWith('/internal'))).toBe(false);
  });

  describe('when INTERNAL_API_TOKEN is unset', () => {
    let off: TestApp;
    beforeAll(async () => {
      off = await startTestApp({ INTERNAL_API_TOKEN: '' });
    });
    afterAll(() => off.close());

    it('answers every /internal route exactly like an unknown route', async () => {
      const unknown = await off.http.get('/no/such/route').expect(404);
      for (const [method, path] of [['get', `/internal/tenants/${tenant.id}`], ['post', '/internal/tenants'], ['get', '/internal/docs/openapi.json'], ['delete', `/internal/tenants/${tenant.id}/api-keys/${randomUuid()}`]] as const) {
        const response = await off.http[method](path).set('X-Internal-Token', INTERNAL_TOKEN).send({ name: 'x' });
        expect(response.status).toBe(404);
        expect(withoutMeta(response.body)).toEqual(withoutMeta(unknown.body));
      }
    });
  });
});
