import { appendFileSync } from 'node:fs';
import pg from 'pg';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent.js';
import { bearer, createKey, createTenant, INTERNAL_TOKEN, type TestTenant } from '../support/test-app.js';

/**
 * SPEC section 9, run by `npm run test:scale` against two API instances behind PgBouncer in
 * transaction mode (TEST_TARGET_URLS): a change of access made through one instance reaches the
 * other's key cache within one second (LISTEN on a direct connection, not through PgBouncer).
 * Without TEST_TARGET_URLS (plain `npm test`) there is nothing to test: the suite is skipped.
 */
const TARGETS = (process.env.TEST_TARGET_URLS ?? '').split(',').filter(Boolean);
const describeScaled = TARGETS.length >= 2 ? describe : describe.skip;
const LIMIT_MS = 1_000;

/** Asks until the answer is `status`; returns how long that took (Infinity after 3 s). */
async function millisUntil(http: TestAgent, key: string, status: number, send: (http: TestAgent, key: string) => Promise<{ status: number }>): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < 3_000) {
    if ((await send(http, key)).status === status) return Date.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return Infinity;
}
const listOwners = (http: TestAgent, key: string) => http.get('/api/owners').set(bearer(key));
const createOwner = (http: TestAgent, key: string) => http.post('/api/owners').set(bearer(key)).send({ owner_category: 'individual', last_name: 'Scale' });

/**
 * A superuser on the suites' database (SCALE_ADMIN_DB_URL), to change a row with triggers off, so
 * no notification is sent: what an instance answers then shows whether it asked the database.
 */
async function silently(sql: string, values: unknown[]): Promise<void> {
  const admin = new pg.Client({ connectionString: process.env.SCALE_ADMIN_DB_URL });
  await admin.connect();
  try {
    await admin.query('BEGIN');
    await admin.query('SET LOCAL session_replication_role = replica');
    await admin.query(sql, values);
    await admin.query('COMMIT');
  } finally {
    await admin.end();
  }
}

/** The measured delays go to the run's report (run.sh prints it), not only to a pass/fail. */
function report(line: string): void {
  if (process.env.SCALE_REPORT_FILE) appendFileSync(process.env.SCALE_REPORT_FILE, `${line}\n`);
}

describeScaled('Revocation across two instances behind PgBouncer', () => {
  const instances = TARGETS.slice(0, 2).map((url) => request(url));
  let tenant: TestTenant;

  beforeAll(async () => {
    tenant = await createTenant(instances[0], 'Scale revocation');
  });

  const keyIdOf = async (http: TestAgent, key: string): Promise<string> => {
    const keys = await http.get(`/internal/tenants/${tenant.id}/api-keys?per_page=100`).set('X-Internal-Token', INTERNAL_TOKEN).expect(200);
    return keys.body.data.find((k: { prefix: string; last4: string }) => k.prefix === key.slice(0, 12) && k.last4 === key.slice(-4)).id;
  };

  it.each([
    [1, 2],
    [2, 1],
  ])('refuses a key revoked on instance %i on instance %i within one second, while it is cached there', async (from, to) => {
    const [revoker, other] = [instances[from - 1], instances[to - 1]];
    const key = await createKey(revoker, tenant.id, { user_id: tenant.adminUserId });
    for (const http of [revoker, other, other, revoker]) await listOwners(http, key).expect(200); // cached on both
    const keyId = await keyIdOf(revoker, key);
    if (process.env.SCALE_ADMIN_DB_URL) {
      // Proof that both instances serve the key from their cache: revoked in the table without a
      // notification, it still passes on both (a database lookup would refuse it). Then undone.
      await silently('UPDATE api_keys SET revoked_at = now() WHERE id = $1', [keyId]);
      try {
        for (const http of [other, revoker]) await listOwners(http, key).expect(200);
      } finally {
        await silently('UPDATE api_keys SET revoked_at = NULL WHERE id = $1', [keyId]);
      }
    }

    await revoker.delete(`/internal/tenants/${tenant.id}/api-keys/${keyId}`).set('X-Internal-Token', INTERNAL_TOKEN).expect(204);
    const elsewhere = await millisUntil(other, key, 401, listOwners);
    const here = await millisUntil(revoker, key, 401, listOwners);
    report(`revoked on instance ${from}: refused on instance ${to} after ${elsewhere} ms, on instance ${from} after ${here} ms`);
    expect(elsewhere).toBeLessThan(LIMIT_MS);
    expect(here).toBeLessThan(LIMIT_MS);
    for (const http of instances) await listOwners(http, key).expect(401);
  });

  it('refuses the keys of a user disabled on one instance on the other within one second, and accepts them again', async () => {
    const user = await instances[0]
      .post(`/internal/tenants/${tenant.id}/users`)
      .set('X-Internal-Token', INTERNAL_TOKEN)
      .send({ email: 'scale-temp@example.com', display_name: 'Temp', permissions: ['properties:read', 'properties:write'] })
      .expect(201);
    const key = await createKey(instances[0], tenant.id, { user_id: user.body.id });
    for (const http of [...instances, ...instances]) await listOwners(http, key).expect(200);

    await instances[0].put(`/internal/tenants/${tenant.id}/users/${user.body.id}`).set('X-Internal-Token', INTERNAL_TOKEN).send({ disabled: true }).expect(200);
    const disabled = await millisUntil(instances[1], key, 401, listOwners);
    report(`user disabled on instance 1: refused on instance 2 after ${disabled} ms`);
    expect(disabled).toBeLessThan(LIMIT_MS);

    await instances[1].put(`/internal/tenants/${tenant.id}/users/${user.body.id}`).set('X-Internal-Token', INTERNAL_TOKEN).send({ disabled: false }).expect(200);
    const enabled = await millisUntil(instances[0], key, 200, listOwners);
    report(`user re-enabled on instance 2: accepted on instance 1 after ${enabled} ms`);
    expect(enabled).toBeLessThan(LIMIT_MS);
  });

  it('applies a permission taken away on one instance on the other within one second', async () => {
    const user = await instances[0]
      .post(`/internal/tenants/${tenant.id}/users`)
      .set('X-Internal-Token', INTERNAL_TOKEN)
      .send({ email: 'scale-writer@example.com', display_name: 'Writer', permissions: ['properties:read', 'properties:write'] })
      .expect(201);
    const key = await createKey(instances[0], tenant.id, { user_id: user.body.id });
    for (const http of [...instances, ...instances]) await createOwner(http, key).expect(201);

    await instances[0].put(`/internal/tenants/${tenant.id}/users/${user.body.id}`).set('X-Internal-Token', INTERNAL_TOKEN).send({ permissions: ['properties:read'] }).expect(200);
    const narrowed = await millisUntil(instances[1], key, 403, createOwner);
    report(`permission removed on instance 1: 403 on instance 2 after ${narrowed} ms`);
    expect(narrowed).toBeLessThan(LIMIT_MS);
    await listOwners(instances[1], key).expect(200);
  });

  // Dashboard (issue 17): a suspension takes the revocation's path (the key lookup returns it, the
  // tenants trigger NOTIFYs), so it reaches the other instance's cache within a second as well.
  it('refuses a tenant suspended on one instance on the other within one second (live and sandbox keys), and accepts it again once reactivated', async () => {
    const suspended = await createTenant(instances[0], 'Scale suspension');
    const sandboxKey = await createKey(instances[0], suspended.id, { user_id: suspended.adminUserId, environment: 'sandbox' });
    for (const http of [...instances, ...instances]) {
      await listOwners(http, suspended.key).expect(200); // cached on both
      await listOwners(http, sandboxKey).expect(200);
    }
    await instances[0].post(`/internal/tenants/${suspended.id}/suspend`).set('X-Internal-Token', INTERNAL_TOKEN).send({ reason: 'scale', public_reason: 'Suspended' }).expect(200);
    const live = await millisUntil(instances[1], suspended.key, 403, listOwners);
    const sandbox = await millisUntil(instances[1], sandboxKey, 403, listOwners);
    report(`tenant suspended on instance 1: its live key refused on instance 2 after ${live} ms, its sandbox key after ${sandbox} ms`);
    expect(live).toBeLessThan(LIMIT_MS);
    expect(sandbox).toBeLessThan(LIMIT_MS);
    expect((await listOwners(instances[1], suspended.key)).body.error.type).toBe('TENANT_SUSPENDED');

    await instances[1].post(`/internal/tenants/${suspended.id}/reactivate`).set('X-Internal-Token', INTERNAL_TOKEN).expect(200);
    const back = await millisUntil(instances[0], suspended.key, 200, listOwners);
    report(`tenant reactivated on instance 2: accepted on instance 1 after ${back} ms`);
    expect(back).toBeLessThan(LIMIT_MS);
  });
});
