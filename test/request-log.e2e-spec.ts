import type pg from 'pg';
import { Jobs } from '../src/core/jobs/jobs.js';
import { RequestLogWriter } from '../src/core/request-log/request-log-writer.js';
import { appRoleClient, bearer, createKey, createTenant, INTERNAL_TOKEN, ownerRoleClient, randomUuid, sandboxOf, startTestApp, type TestApp, type TestTenant } from './support/test-app.js';

/**
 * The API request log (issue 17): every keyed request is recorded after its answer, in batches,
 * with the fields a partner needs to debug, and nothing it carried; kept in daily partitions that
 * the maintenance job drops past the retention.
 */
describe('Request log', () => {
  let t: TestApp;
  let tenant: TestTenant;
  let other: TestTenant;
  let owner: pg.Client;
  const flush = () => t.app.get(RequestLogWriter).flush();
  const rid = (label: string) => `rl-${label}-${randomUuid()}`;
  const lines = (who: TestTenant, query: string) => t.http.get(`/api/requests?${query}`).set(who.auth).expect(200);

  beforeAll(async () => {
    t = await startTestApp();
    tenant = await createTenant(t.http, 'Request log A');
    other = await createTenant(t.http, 'Request log B');
    owner = await ownerRoleClient();
  });
  afterAll(async () => {
    await owner.end();
    await t.close();
  });

  it('finds each request by the X-Request-Id it answered with, with the right fields and no body, key or query value', async () => {
    const secret = `secret-${randomUuid()}`;
    const created = await t.http.post('/api/owners').set(tenant.auth).set('X-Request-Id', rid('create')).set('User-Agent', 'partner-crm/2.1')
      .send({ owner_category: 'individual', last_name: secret, email: `${secret}@example.fr` }).expect(201);
    const ownerId = created.body.id as string;
    const sent = {
      ok: await t.http.get(`/api/owners/${ownerId}`).set(tenant.auth).set('X-Request-Id', rid('ok')).expect(200),
      missing: await t.http.get(`/api/owners/${randomUuid()}`).set(tenant.auth).set('X-Request-Id', rid('missing')).expect(404),
      invalid: await t.http.post('/api/owners').set(tenant.auth).set('X-Request-Id', rid('invalid')).send({ owner_category: 'nope', note: secret }).expect(400),
      searched: await t.http.get(`/api/owners?search=${secret}`).set(tenant.auth).set('X-Request-Id', rid('search')).expect(200),
      // Refused by the body parser, before any guard: recorded all the same (the key was verified lately).
      malformed: await t.http.post('/api/owners').set(tenant.auth).set('X-Request-Id', rid('malformed')).set('Content-Type', 'application/json').send(`{"last_name": "${secret}"`).expect(400),
      unrouted: await t.http.get('/api/nowhere').set(tenant.auth).set('X-Request-Id', rid('unrouted')).expect(404),
    };
    await flush();

    const one = async (response: { headers: Record<string, string> }) => {
      const found = await lines(tenant, `request_id=${response.headers['x-request-id']}`);
      expect(found.body.meta.pagination.total).toBe(1);
      return found.body.data[0];
    };
    expect(await one(created)).toEqual({
      id: expect.any(String), created_at: expect.any(String), request_id: created.headers['x-request-id'], key_prefix: tenant.key.slice(0, 12),
      method: 'POST', route: '/api/owners', path: '/api/owners', status: 201, error_type: null, duration_ms: expect.any(Number),
      client_ip: expect.stringMatching(/127\.0\.0\.1|::1/), user_agent: 'partner-crm/2.1',
    });
    expect(await one(sent.ok)).toMatchObject({ method: 'GET', route: '/api/owners/:id', path: `/api/owners/${ownerId}`, status: 200, error_type: null });
    expect(await one(sent.missing)).toMatchObject({ route: '/api/owners/:id', status: 404, error_type: 'NOT_FOUND' });
    expect(await one(sent.invalid)).toMatchObject({ method: 'POST', status: 400, error_type: 'VALIDATION_ERROR' });
    expect(await one(sent.searched)).toMatchObject({ route: '/api/owners', path: '/api/owners', status: 200 });
    expect(await one(sent.malformed)).toMatchObject({ route: null, path: '/api/owners', status: 400, error_type: 'BAD_REQUEST' });
    expect(await one(sent.unrouted)).toMatchObject({ route: null, status: 404, error_type: 'NOT_FOUND' });

    // The whole table, every column of every row: no body value, no key, no query value.
    const { rows } = await owner.query(`SELECT string_agg(to_jsonb(r)::text, ',') AS dump FROM request_log r WHERE tenant_id = $1`, [tenant.id]);
    const dump = rows[0].dump as string;
    expect(dump).toContain(created.headers['x-request-id']);
    expect(dump).not.toContain(secret);
    expect(dump).not.toContain(tenant.key);
    expect(dump).not.toContain(tenant.key.slice(12, 30));
    expect(dump).not.toContain('search=');
  });

  it('filters by status class, route, key prefix and time, newest first, paged; another tenant sees none of it', async () => {
    const reader = await createKey(t.http, tenant.id, { user_id: tenant.adminUserId, permissions: ['properties:read', 'logs:read'] });
    const before = new Date().toISOString();
    for (let i = 0; i < 3; i++) await t.http.get(`/api/owners/${randomUuid()}`).set(bearer(reader)).expect(404);
    await t.http.get('/api/owners').set(bearer(reader)).expect(200);
    await flush();
    const mine = await t.http.get(`/api/requests?key_prefix=${reader.slice(0, 12)}&from=${before}&per_page=2`).set(bearer(reader)).expect(200);
    expect(mine.body.meta.pagination).toMatchObject({ total: 4, total_pages: 2, has_next: true });
    expect(mine.body.data.map((line: { route: string }) => line.route)).toEqual(['/api/owners', '/api/owners/:id']);
    const times = mine.body.data.map((line: { created_at: string }) => line.created_at);
    expect([...times].sort().reverse()).toEqual(times);
    const errors = await t.http.get(`/api/requests?key_prefix=${reader.slice(0, 12)}&status_class=4xx&route=/api/owners/:id`).set(bearer(reader)).expect(200);
    expect(errors.body.meta.pagination.total).toBe(3);
    expect(errors.body.data.every((line: { status: number; key_prefix: string }) => line.status === 404 && line.key_prefix === reader.slice(0, 12))).toBe(true);
    const later = await t.http.get(`/api/requests?key_prefix=${reader.slice(0, 12)}&from=${new Date(Date.now() + 60_000).toISOString()}`).set(bearer(reader)).expect(200);
    expect(later.body.data).toEqual([]);

    // The same lines through the internal API; none through another tenant's key.
    await flush();
    const internal = await t.http.get(`/internal/tenants/${tenant.id}/requests?key_prefix=${reader.slice(0, 12)}`).set('X-Internal-Token', INTERNAL_TOKEN).expect(200);
    expect(internal.body.meta.pagination.total).toBe(7); // its four, and the three lists above
    const foreign = await lines(other, `key_prefix=${reader.slice(0, 12)}`);
    expect(foreign.body.meta.pagination.total).toBe(0);
  });

  it('needs logs:read; refuses bad filters with 400', async () => {
    const key = await createKey(t.http, tenant.id, { user_id: tenant.adminUserId, permissions: ['properties:read'] });
    const refused = await t.http.get('/api/requests').set(bearer(key)).expect(403);
    expect(refused.body.error.details.required_permissions).toEqual(['logs:read']);
    for (const query of ['status_class=6xx', 'from=yesterday', 'key_prefix=sk_live_x', 'request_id=a%20b', 'per_page=101', `from=${new Date().toISOString()}&to=2000-01-01T00:00:00Z`, 'sort=status']) {
      const response = await t.http.get(`/api/requests?${query}`).set(tenant.auth).expect(400);
      expect(response.body.error.type).toBe('VALIDATION_ERROR');
    }
  });

  it('logs a sandbox key\'s requests in the sandbox log only', async () => {
    const sandbox = await sandboxOf(t.http, tenant);
    const id = rid('sandbox');
    await t.http.get('/api/owners').set(sandbox.auth).set('X-Request-Id', id).expect(200);
    await flush();
    expect((await lines(sandbox, `request_id=${id}`)).body.data[0]).toMatchObject({ key_prefix: sandbox.key.slice(0, 12) });
    expect((await lines(tenant, `request_id=${id}`)).body.data).toEqual([]);
    const internal = await t.http.get(`/internal/tenants/${tenant.id}/requests?request_id=${id}&environment=sandbox`).set('X-Internal-Token', INTERNAL_TOKEN).expect(200);
    expect(internal.body.meta.pagination.total).toBe(1);
  });

  it('keeps the log under RLS: the app role reads nothing without a tenant, cannot delete, and writes only its own tenant\'s lines', async () => {
    const app = await appRoleClient();
    try {
      expect((await app.query('SELECT count(*)::int AS n FROM request_log')).rows[0].n).toBe(0);
      const { rows } = await app.query(`SELECT has_table_privilege('request_log', 'DELETE') AS del, has_table_privilege('request_log', 'UPDATE') AS upd`);
      expect(rows[0]).toEqual({ del: false, upd: false });
      const partition = (await app.query(`SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'request_log'::regclass LIMIT 1`)).rows[0].relname;
      await expect(app.query(`SELECT 1 FROM ${partition} LIMIT 1`)).rejects.toThrow(/permission denied/);
      await app.query('BEGIN');
      await app.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenant.id]);
      await expect(
        app.query(`INSERT INTO request_log (tenant_id, id, created_at, request_id, method, path, status, duration_ms) VALUES ($1, $2, now(), 'x', 'GET', '/', 200, 1)`, [other.id, randomUuid()]),
      ).rejects.toThrow(/row-level security/);
      await app.query('ROLLBACK');
    } finally {
      await app.end();
    }
  });

  it('drops a partition past the retention with the maintenance job (a DROP, not a DELETE), keeping recent ones', async () => {
    const old = 'request_log_p20000101';
    await owner.query(`DROP TABLE IF EXISTS ${old}`);
    await owner.query(`CREATE TABLE ${old} PARTITION OF request_log FOR VALUES FROM ('2000-01-01T00:00:00Z') TO ('2000-01-02T00:00:00Z')`);
    await owner.query('BEGIN');
    await owner.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenant.id]);
    await owner.query(`INSERT INTO request_log (tenant_id, id, created_at, request_id, method, path, status, duration_ms) VALUES ($1, $2, '2000-01-01T12:00:00Z', 'old', 'GET', '/api/owners', 200, 1)`, [tenant.id, randomUuid()]);
    await owner.query('COMMIT');
    const recentBefore = (await owner.query(`SELECT count(*)::int AS n FROM request_log WHERE tenant_id = $1`, [tenant.id])).rows[0].n;
    expect(recentBefore).toBeGreaterThan(1);

    const jobs = t.app.get(Jobs);
    await jobs.enqueue('request-log.maintain-partitions', {});
    expect(await jobs.runPending('request-log.maintain-partitions')).toBe(1);

    expect((await owner.query(`SELECT to_regclass($1) AS rel`, [old])).rows[0].rel).toBeNull();
    const { rows } = await owner.query(`SELECT count(*)::int AS n FROM request_log WHERE tenant_id = $1`, [tenant.id]);
    expect(rows[0].n).toBe(recentBefore - 1);
    // Days ahead exist, each with ENABLE + FORCE RLS and the tenant policy.
    const ahead = (await owner.query(
      `SELECT c.relname, c.relrowsecurity AND c.relforcerowsecurity AS forced, EXISTS (SELECT 1 FROM pg_policy p WHERE p.polrelid = c.oid) AS policy
         FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'request_log'::regclass`,
    )).rows as { relname: string; forced: boolean; policy: boolean }[];
    const inAWeek = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10).replaceAll('-', '');
    expect(ahead.map((row) => row.relname)).toContain(`request_log_p${inAWeek}`);
    for (const row of ahead) expect(row).toEqual({ relname: row.relname, forced: true, policy: true });
  });
});
