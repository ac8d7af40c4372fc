import type pg from 'pg';
import type { QueryRunner } from 'typeorm';
import { CATALOGUE_BEFORE_DASHBOARD, DashboardPermissions1765785600000 } from '../db/migrations/1765785600000-dashboard-permissions.js';
import { Jobs } from '../src/core/jobs/jobs.js';
import { RequestLogWriter } from '../src/core/request-log/request-log-writer.js';
import { answerWithin, bearer, createKey, createTenant, INTERNAL_TOKEN, ownerRoleClient, randomUuid, sandboxOf, startTestApp, type TestApp } from './support/test-app.js';

/** The dashboard backend (issue 17): the tenant directory, suspension, usage. */
describe('Dashboard: tenants, suspension, usage', () => {
  let t: TestApp;
  let owner: pg.Client;
  const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const internal = (method: 'get' | 'post', path: string) => t.http[method](path).set('X-Internal-Token', INTERNAL_TOKEN);

  beforeAll(async () => {
    t = await startTestApp();
    owner = await ownerRoleClient();
  });
  afterAll(async () => {
    await owner.end();
    await t.close();
  });

  /** Every row of the data space's tables, as one digest per table (the request log aside: it records the checks). */
  async function dataOf(tenantId: string): Promise<Record<string, string>> {
    const { rows: tables } = await owner.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'tenant_id' AND table_name NOT LIKE 'request\\_log%' AND table_name <> 'audit_events' ORDER BY 1`,
    );
    const sql = tables.map(({ table_name: table }) => `SELECT '${table}' AS name, md5(coalesce(string_agg((to_jsonb(t) - 'last_used_at' - 'updated_at')::text, ',' ORDER BY (to_jsonb(t))::text), '')) AS digest FROM ${table} t WHERE tenant_id = $1`);
    const { rows } = await owner.query<{ name: string; digest: string }>(sql.join(' UNION ALL '), [tenantId]);
    return Object.fromEntries(rows.map((row) => [row.name, row.digest]));
  }

  it('lists live tenants: search by name or id, filter by status, sort, pages; never a sandbox twin', async () => {
    const made = [];
    for (const name of ['Charlie', 'alpha', 'Bravo']) made.push(await createTenant(t.http, `${run} ${name}`));
    const names = async (query: string) => (await internal('get', `/internal/tenants?search=${run}&${query}`).expect(200)).body;
    expect((await names('sort=name')).data.map((row: { name: string }) => row.name)).toEqual([`${run} alpha`, `${run} Bravo`, `${run} Charlie`]);
    expect((await names('sort=-created_at')).data.map((row: { id: string }) => row.id)).toEqual(made.map((m) => m.id).reverse());
    const page = await names('sort=name&per_page=2&page=2');
    expect(page.meta.pagination).toMatchObject({ total: 3, total_pages: 2, current_page: 2, has_prev: true, has_next: false });
    expect(page.data[0]).toEqual({
      id: made[0].id, name: `${run} Charlie`, status: 'ACTIVE', rate_limit_per_hour: null, suspended_at: null, suspension_reason: null, suspension_public_reason: null,
      last_activity_at: null, created_at: expect.any(String), updated_at: expect.any(String),
    });
    expect((await internal('get', `/internal/tenants?search=${made[1].id.slice(0, 13)}`).expect(200)).body.data.map((row: { id: string }) => row.id)).toContain(made[1].id);
    const twin = (await internal('get', `/internal/tenants/${made[1].id}?environment=sandbox`).expect(200)).body.id;
    expect((await internal('get', `/internal/tenants?search=${twin}`).expect(200)).body.data).toEqual([]);
    // Last activity: a key used (recorded in the background) sorts its tenant first.
    await t.http.get('/api/owners').set(made[2].auth).expect(200);
    await owner.query(`UPDATE api_keys SET last_used_at = now() WHERE tenant_id = $1`, [made[2].id]);
    expect((await names('sort=-last_activity_at')).data[0].id).toBe(made[2].id);
    for (const query of ['sort=secret', 'status=PAUSED', 'per_page=0', `search=${'x'.repeat(201)}`]) {
      expect((await internal('get', `/internal/tenants?${query}`).expect(400)).body.error.type).toBe('VALIDATION_ERROR');
    }
    await t.http.get('/internal/tenants').expect(401);
  });

  it('suspends a tenant: its live and sandbox keys get 403 TENANT_SUSPENDED at once, the internal API still works, nothing of its data changes', async () => {
    const tenant = await createTenant(t.http, `${run} Suspended`);
    const sandbox = await sandboxOf(t.http, tenant);
    const ownerId = (await t.http.post('/api/owners').set(tenant.auth).send({ owner_category: 'individual', last_name: 'Kept' }).expect(201)).body.id;
    await t.http.post('/api/owners').set(sandbox.auth).send({ owner_category: 'individual', last_name: 'Sandboxed' }).expect(201);
    const payment = (await t.http.post('/api/credits/purchase').set(tenant.auth).send({ package_id: 'credits_5', success_url: 'https://a.fr/ok', cancel_url: 'https://a.fr/ko' }).expect(201)).body.id;
    for (const key of [tenant, sandbox]) await t.http.get('/api/owners').set(key.auth).expect(200); // both verified, cached
    const space = twinId(await internal('get', `/internal/tenants/${tenant.id}?environment=sandbox`).expect(200));
    const before = { live: await dataOf(tenant.id), sandbox: await dataOf(space) };

    const suspended = await internal('post', `/internal/tenants/${tenant.id}/suspend`).send({ reason: 'Invoice 2026-031 unpaid', public_reason: 'Unpaid invoice: contact billing@faireplace.fr' }).expect(200);
    expect(suspended.body).toMatchObject({ id: tenant.id, status: 'SUSPENDED', suspension_reason: 'Invoice 2026-031 unpaid', suspension_public_reason: 'Unpaid invoice: contact billing@faireplace.fr' });
    for (const key of [tenant, sandbox]) {
      const refused = await answerWithin(t.http, key.auth, 403);
      expect(refused.body.error).toEqual({ code: 403, type: 'TENANT_SUSPENDED', message: 'The account is suspended', details: { reason: 'Unpaid invoice: contact billing@faireplace.fr' } });
      expect(JSON.stringify(refused.body)).not.toContain('Invoice 2026-031');
      await t.http.post('/api/owners').set(key.auth).send({ owner_category: 'individual', last_name: 'Refused' }).expect(403);
    }
    // Suspending, and every refused write, changed nothing of its data (live or sandbox); the audit
    // trail (left out above) records the suspension itself.
    expect({ live: await dataOf(tenant.id), sandbox: await dataOf(space) }).toEqual(before);
    const audited = await internal('get', `/internal/tenants/${tenant.id}/audit-events?resource_type=tenant&action=update`).expect(200);
    expect(audited.body.data[0]).toMatchObject({ actor: { type: 'internal' }, resource_id: tenant.id });
    expect(audited.body.data[0].changes.map((change: { field: string }) => change.field)).toEqual(expect.arrayContaining(['suspended_at', 'suspension_reason']));
    // A key made while suspended is refused too; the internal API works (a manual payment is credited).
    const fresh = await createKey(t.http, tenant.id, { user_id: tenant.adminUserId });
    expect((await t.http.get('/api/owners').set(bearer(fresh)).expect(403)).body.error.type).toBe('TENANT_SUSPENDED');
    await internal('post', `/internal/tenants/${tenant.id}/payments/${payment}/complete`).expect(200);
    expect((await internal('get', `/internal/tenants?search=${tenant.id}&status=SUSPENDED`).expect(200)).body.data.map((row: { id: string }) => row.id)).toEqual([tenant.id]);
    // The refusals are in its request log.
    await t.app.get(RequestLogWriter).flush();
    const log = await internal('get', `/internal/tenants/${tenant.id}/requests?status_class=4xx`).expect(200);
    expect(log.body.data.some((line: { error_type: string }) => line.error_type === 'TENANT_SUSPENDED')).toBe(true);

    const again = await internal('post', `/internal/tenants/${tenant.id}/reactivate`).expect(200);
    expect(again.body).toMatchObject({ status: 'ACTIVE', suspended_at: null, suspension_reason: null, suspension_public_reason: null });
    for (const key of [tenant, sandbox]) await answerWithin(t.http, key.auth, 200);
    await t.http.get(`/api/owners/${ownerId}`).set(tenant.auth).expect(200);
    expect((await t.http.get('/api/credits/balance').set(tenant.auth).expect(200)).body.balance).toBe(5);
    expect(await dataOf(space)).toEqual(before.sandbox);

    // Validation, unknown tenants, no sandbox route.
    await internal('post', `/internal/tenants/${tenant.id}/suspend`).send({}).expect(400);
    await internal('post', `/internal/tenants/${tenant.id}/suspend`).send({ reason: 'x', extra: 1 }).expect(400);
    await internal('post', `/internal/tenants/${randomUuid()}/suspend`).send({ reason: 'x' }).expect(404);
    await internal('post', `/internal/tenants/${tenant.id}/suspend?environment=sandbox`).send({ reason: 'x' }).expect(400);
  });

  it('pauses a suspended tenant\'s jobs (each waits and looks again) and resumes them after reactivation', async () => {
    const tenant = await createTenant(t.http, `${run} Paused`);
    await internal('post', `/internal/tenants/${tenant.id}/suspend`).send({ reason: 'Abuse' }).expect(200);
    const jobs = t.app.get(Jobs);
    const messageId = randomUuid();
    await jobs.enqueue('notifications.deliver', { tenant_id: tenant.id, message_id: messageId });
    await new Promise((resolve) => setTimeout(resolve, 1_100)); // the paused set is re-read at most once a second
    expect(await jobs.runPending('notifications.deliver', (data) => data.message_id === messageId)).toBe(1);
    const { rows } = await owner.query(
      `SELECT state, start_after > now() + interval '30 seconds' AS later FROM pgboss.job WHERE name = 'notifications.deliver' AND data->>'message_id' = $1 ORDER BY created_on`,
      [messageId],
    );
    expect(rows).toEqual([{ state: 'completed', later: false }, { state: 'created', later: true }]);
    expect((await jobs.pausedTenants()).has(tenant.id)).toBe(true);
    await internal('post', `/internal/tenants/${tenant.id}/reactivate`).expect(200);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect((await jobs.pausedTenants()).has(tenant.id)).toBe(false);
  });

  it('sums up usage: requests by day and key, credits, documents, storage and counts; needs usage:read', async () => {
    const tenant = await createTenant(t.http, `${run} Usage`);
    const other = await createTenant(t.http, `${run} Usage other`);
    const ownerId = (await t.http.post('/api/owners').set(tenant.auth).send({ owner_category: 'individual', last_name: 'Usage' }).expect(201)).body.id;
    await t.http.post('/api/places').set(tenant.auth).send({ name: 'P', owner_id: ownerId, place_category: 'collective', street_name: 'rue', postal_code: '69003', city: 'Lyon' }).expect(201);
    await t.http.get(`/api/owners/${randomUuid()}`).set(tenant.auth).expect(404);
    await t.http.post('/api/places').set(other.auth).send({}).expect(400);
    await t.app.get(RequestLogWriter).flush();
    const today = new Date().toISOString().slice(0, 10);
    const summary = (await t.http.get(`/api/usage/summary?from=${today}&to=${today}`).set(tenant.auth).expect(200)).body;
    expect(summary).toMatchObject({
      from: today, to: today,
      requests: { total: 3, status_2xx: 2, status_4xx: 1, status_5xx: 0, rate_limited: 0, by_day: [{ date: today, total: 3 }], by_key: [{ key_prefix: tenant.key.slice(0, 12), total: 3 }] },
      credits: { bought: 0, spent: 0, refunded: 0 }, signatures_completed: 0, documents_generated: 0,
      storage: { bytes: 0, files: 0 }, counts: { places: 1, units: 0, active_leases: 0, lessees: 0 },
    });
    await t.app.get(RequestLogWriter).flush();
    const viaInternal = (await internal('get', `/internal/tenants/${tenant.id}/usage?from=${today}&to=${today}`).expect(200)).body;
    expect(viaInternal.counts).toEqual(summary.counts);
    expect(viaInternal.requests.total).toBeGreaterThanOrEqual(4); // the summary request itself, once written
    const reader = await createKey(t.http, tenant.id, { user_id: tenant.adminUserId, permissions: ['properties:read'] });
    expect((await t.http.get('/api/usage/summary').set(bearer(reader)).expect(403)).body.error.details.required_permissions).toEqual(['usage:read']);
    for (const query of ['from=2026-02-30', `from=${today}&to=2020-01-01`, 'from=2020-01-01&to=2022-01-01', 'period=1']) {
      expect((await t.http.get(`/api/usage/summary?${query}`).set(tenant.auth).expect(400)).body.error.type).toBe('VALIDATION_ERROR');
    }
    await internal('get', `/internal/tenants/${randomUuid()}/usage`).expect(404);
  });

  it('grants usage:read and logs:read, by migration, to users who held the whole catalogue before, and to nobody else', async () => {
    const tenant = await createTenant(t.http, `${run} Migration`);
    const runner = { query: (sql: string, parameters?: unknown[]) => owner.query(sql, parameters) } as unknown as QueryRunner;
    const users = { admin: [...CATALOGUE_BEFORE_DASHBOARD], editor: CATALOGUE_BEFORE_DASHBOARD.filter((p) => p !== 'webhooks:write'), reader: ['leases:read'] };
    await owner.query('BEGIN');
    try {
      const ids: Record<string, string> = {};
      for (const [name, permissions] of Object.entries(users)) {
        ids[name] = randomUuid();
        await owner.query(`INSERT INTO users (tenant_id, id, email, display_name, permissions) VALUES ($1, $2, $3, $3, $4)`, [tenant.id, ids[name], `${name}@migration.example`, permissions]);
      }
      await new DashboardPermissions1765785600000().up(runner);
      await new DashboardPermissions1765785600000().up(runner);
      const { rows } = await owner.query<{ id: string; permissions: string[] }>(`SELECT id, permissions FROM users WHERE id = ANY($1)`, [Object.values(ids)]);
      const after = Object.fromEntries(rows.map((row) => [Object.keys(ids).find((name) => ids[name] === row.id), row.permissions]));
      expect(after).toEqual({ admin: [...CATALOGUE_BEFORE_DASHBOARD, 'usage:read', 'logs:read'], editor: users.editor, reader: users.reader });
    } finally {
      await owner.query('ROLLBACK');
    }
  });

  const twinId = (response: { body: { id: string } }) => response.body.id;
});
