import type pg from 'pg';
import { Retention } from '../src/core/retention/retention.js';
import { runningLease, TEST_INDICES } from './support/rent.js';
import { createKey, createTenant, INTERNAL_TOKEN, ownerRoleClient, appRoleClient, randomUuid, startTestApp, bearer, type TestApp, type TestTenant } from './support/test-app.js';

/**
 * A lessee's personal data erased (what the law keeps, kept: art. L123-22 Code de commerce for
 * accounting lines and receipts, the signed documents and proofs), and the retention purge.
 */
describe('Lessee erasure and retention', () => {
  let t: TestApp;
  let tenant: TestTenant;
  let owner: pg.Client;
  const api = (method: 'get' | 'post', path: string, body?: object, as: TestTenant = tenant) => t.http[method](path).set(as.auth).send(body);

  beforeAll(async () => {
    t = await startTestApp();
    owner = await ownerRoleClient();
    for (const [quarter, value] of TEST_INDICES) {
      await t.http.put(`/internal/rent-indices/${quarter}`).set('X-Internal-Token', INTERNAL_TOKEN).send({ value, source: 'test fixture' }).expect(200);
    }
    tenant = await createTenant(t.http, 'Erasing');
  });

  afterAll(async () => {
    await owner.end();
    await t.close();
  });

  it('anonymises the personal fields, keeps receipts and accounting lines (art. L123-22 Code de commerce), and is idempotent', async () => {
    const { leaseId, lesseeId } = await runningLease(t.http, tenant, {}, 'Erase', { lessee: { email: 'alice@example.fr', mobile_phone: '+33612345678', birth_date: '1990-04-17', profession: 'Ingénieure', monthly_income: 3200, email_receipts_consent: true } });
    await api('post', `/api/leases/${leaseId}/rent-calls`, { period: '2027-01' }).expect(201);
    const payment = (await api('post', `/api/leases/${leaseId}/payments-received`, { amount: 850, received_on: '2027-01-03', method: 'transfer' }).expect(201)).body;
    const receiptsBefore = (await api('get', `/api/leases/${leaseId}/receipts`).expect(200)).body.data;
    expect(receiptsBefore.length).toBeGreaterThan(0);

    const erased = await api('post', `/api/lessees/${lesseeId}/erase`).expect(200);
    expect(erased.body.erased).toEqual(expect.arrayContaining(['first_name', 'last_name', 'email', 'mobile_phone', 'birth_date', 'monthly_income']));
    const kept = Object.fromEntries((erased.body.kept as { category: string; reason: string }[]).map((k) => [k.category, k.reason]));
    expect(kept.accounting).toMatch(/L123-22 Code de commerce/);
    expect(kept.receipts).toMatch(/L123-22/);
    expect(Object.keys(kept)).toEqual(expect.arrayContaining(['signed_documents', 'receipts', 'accounting']));

    const lessee = (await api('get', `/api/lessees/${lesseeId}`).expect(200)).body;
    expect(lessee).toMatchObject({ first_name: null, last_name: 'Anonymised', email: null, mobile_phone: null, birth_date: null, profession: null, monthly_income: null, email_receipts_consent: false });
    expect(lessee.erased_at).toBe(erased.body.erased_at);
    // Nothing personal is left in the row itself.
    const { rows } = await owner.query('SELECT to_jsonb(l)::text AS row FROM lessees l WHERE tenant_id = $1 AND id = $2', [tenant.id, lesseeId]);
    expect(rows[0].row).not.toMatch(/alice|Alice|33612345678|1990-04-17|Ingénieure|3200/);

    // Kept: the receipt and the payment as they were issued, and the lessee still on the lease.
    expect((await api('get', `/api/leases/${leaseId}/receipts`).expect(200)).body.data).toEqual(receiptsBefore);
    const payments = (await api('get', `/api/leases/${leaseId}/payments-received`).expect(200)).body.data;
    expect(payments.map((p: { id: string; amount: number }) => [p.id, p.amount])).toEqual([[payment.id, 850]]);
    expect((await api('get', `/api/leases/${leaseId}/lessees`).expect(200)).body.data.map((p: { lessee_id: string }) => p.lessee_id)).toContain(lesseeId);

    const again = await api('post', `/api/lessees/${lesseeId}/erase`).expect(200);
    expect(again.body).toEqual(erased.body);
  });

  it('needs lessees:write, and a foreign or unknown lessee is the same 404', async () => {
    const lesseeId = (await api('post', '/api/lessees', { category: 'company', legal_name: 'Moreau SAS', email: 'contact@moreau.fr' }).expect(201)).body.id;
    const reader = bearer(await createKey(t.http, tenant.id, { user_id: tenant.adminUserId, permissions: ['lessees:read'] }));
    const refused = await t.http.post(`/api/lessees/${lesseeId}/erase`).set(reader).expect(403);
    expect(refused.body.error.details.required_permissions).toEqual(['lessees:write']);
    const other = await createTenant(t.http, 'Other');
    const foreign = await api('post', `/api/lessees/${lesseeId}/erase`, undefined, other).expect(404);
    const unknown = await api('post', `/api/lessees/${randomUuid()}/erase`, undefined, other).expect(404);
    expect(foreign.body.error).toEqual(unknown.body.error);
    await api('post', '/api/lessees/not-a-uuid/erase').expect(400);
    const company = (await api('post', `/api/lessees/${lesseeId}/erase`).expect(200)).body;
    expect(company.erased).toContain('legal_name');
    expect((await api('get', `/api/lessees/${lesseeId}`).expect(200)).body).toMatchObject({ legal_name: 'Anonymised', email: null });
  });

  it('purges old idempotency records, delivered outbox messages and finished webhook deliveries; recent and undelivered ones stay', async () => {
    const purging = await createTenant(t.http, 'Purging');
    const app = await appRoleClient();
    const ids = { recentOutbox: randomUuid(), oldOutbox: randomUuid(), undelivered: randomUuid(), endpoint: randomUuid(), event: randomUuid() };
    try {
      await app.query('BEGIN');
      await app.query(`SELECT set_config('app.tenant_id', $1, true)`, [purging.id]);
      await app.query(`INSERT INTO idempotency_keys (tenant_id, key, request_hash, state, expires_at) VALUES
        ($1, 'old', 'h', 'done', now() - interval '30 hours'), ($1, 'recent', 'h', 'done', now() - interval '1 hour'), ($1, 'live', 'h', 'done', now() + interval '20 hours')`, [purging.id]);
      const outbox = `INSERT INTO outbox_messages (tenant_id, id, channel, recipient, subject, body, delivered_at) VALUES ($1, $2, 'email', 'a@example.fr', 's', 'b', $3)`;
      await app.query(outbox, [purging.id, ids.oldOutbox, new Date(Date.now() - 40 * 86_400_000)]);
      await app.query(outbox, [purging.id, ids.recentOutbox, new Date(Date.now() - 86_400_000)]);
      await app.query(outbox, [purging.id, ids.undelivered, null]);
      // The app role may delete a delivered message only (restrictive policy).
      expect((await app.query('DELETE FROM outbox_messages WHERE tenant_id = $1 AND id = $2', [purging.id, ids.undelivered])).rowCount).toBe(0);
      await app.query('COMMIT');
    } finally {
      await app.end();
    }
    await owner.query(`INSERT INTO webhook_endpoints (tenant_id, id, url, events, secret_ciphertext) VALUES ($1, $2, 'https://example.fr/h', '{*}', '\\x00')`, [purging.id, ids.endpoint]);
    await owner.query(`INSERT INTO events (tenant_id, id, type, data) VALUES ($1, $2, 'ping', '{}')`, [purging.id, ids.event]);
    const delivery = `INSERT INTO webhook_deliveries (tenant_id, id, endpoint_id, event_id, event_type, status, delivered_at, next_attempt_at, created_at)
                      VALUES ($1, $2, $3, $4, 'ping', $5, $6, $7, $8)`;
    const old = new Date(Date.now() - 20 * 86_400_000);
    // Three deliveries of one event need three endpoints (one delivery per event and endpoint).
    const endpoints = [ids.endpoint, randomUuid(), randomUuid()];
    for (const endpoint of endpoints.slice(1)) await owner.query(`INSERT INTO webhook_endpoints (tenant_id, id, url, events, secret_ciphertext) VALUES ($1, $2, 'https://example.fr/h', '{*}', '\\x00')`, [purging.id, endpoint]);
    await owner.query(delivery, [purging.id, randomUuid(), endpoints[0], ids.event, 'SUCCEEDED', old, null, old]);
    await owner.query(delivery, [purging.id, randomUuid(), endpoints[1], ids.event, 'PENDING', null, old, old]);
    await owner.query(delivery, [purging.id, randomUuid(), endpoints[2], ids.event, 'SUCCEEDED', new Date(), null, new Date()]);

    const purged = await t.app.get(Retention).purge();
    expect(purged.idempotency).toBeGreaterThanOrEqual(1);
    const left = async (sql: string) => (await owner.query(sql, [purging.id])).rows.map((row) => Object.values(row)[0]);
    expect(await left('SELECT key FROM idempotency_keys WHERE tenant_id = $1 ORDER BY key')).toEqual(['live', 'recent']);
    expect((await left('SELECT id FROM outbox_messages WHERE tenant_id = $1')).sort()).toEqual([ids.recentOutbox, ids.undelivered].sort());
    expect((await left('SELECT status FROM webhook_deliveries WHERE tenant_id = $1 ORDER BY status'))).toEqual(['PENDING', 'SUCCEEDED']);
  });
});
