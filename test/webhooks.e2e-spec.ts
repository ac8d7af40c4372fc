import { jest } from '@jest/globals';
import type pg from 'pg';
import type { QueryRunner } from 'typeorm';
import { CATALOGUE_BEFORE_WEBHOOKS, WebhooksPermissions1765440000000 } from '../db/migrations/1765440000000-webhooks-permissions.js';
import { EventRetention } from '../src/core/events/event-retention.js';
import { Jobs } from '../src/core/jobs/jobs.js';
import { WebhookFanOut } from '../src/modules/webhooks/webhook-fan-out.js';
import { bearer, createKey, createTenant, ownerRoleClient, randomUuid, startTestApp, type TestApp, type TestTenant } from './support/test-app.js';
import { documentedVerifier, draftLeases, type Receiver, runDeliveries, startReceiver, verifyWebhook } from './support/webhooks.js';

/**
 * Outgoing webhooks against a real receiver on 127.0.0.1 (WEBHOOK_ALLOW_PRIVATE_URLS, as in
 * development; the SSRF rules have their own suite): endpoints, their secret, events recorded
 * with their change and sent signed, the permission migration. Jobs are run by the test
 * (Jobs.runPending). Retries, rotation and disabling: webhook-delivery.e2e-spec.ts.
 */
describe('Webhooks: endpoints and events', () => {
  let t: TestApp;
  let tenant: TestTenant;
  let owner: pg.Client;
  let receiver: Receiver;
  let endpoint: { id: string; secret: string };

  const api = (method: 'get' | 'post' | 'put' | 'delete', path: string, body?: object, auth = tenant.auth) => {
    const request = t.http[method](path).set(auth);
    return body ? request.send(body) : request;
  };
  const createEndpoint = async (url: string, events: string[] = ['*'], as = tenant) =>
    (await api('post', '/api/webhook-endpoints', { url, events, description: 'Test receiver' }, as.auth).expect(201)).body as { id: string; secret: string };
  const deliveriesOf = async (endpointId: string) => (await api('get', `/api/webhook-endpoints/${endpointId}/deliveries?per_page=100`).expect(200)).body.data;
  const cancel = (leaseId: string) => api('put', `/api/leases/${leaseId}/status`, { status: 'CANCELLED' });

  beforeAll(async () => {
    t = await startTestApp({ WEBHOOK_ALLOW_PRIVATE_URLS: 'true' });
    tenant = await createTenant(t.http, 'Webhooks suite');
    owner = await ownerRoleClient();
    receiver = await startReceiver();
    endpoint = await createEndpoint(receiver.url(), ['lease.status_changed', 'webhook_endpoint.disabled']);
  });
  afterAll(async () => {
    await receiver.close();
    await owner.end();
    await t.close();
  });
  beforeEach(async () => {
    await runDeliveries(t, tenant.id); // whatever an earlier test left due
    receiver.reset();
  });

  describe('endpoints', () => {
    it('shows the secret once, at creation, and stores it only encrypted', async () => {
      const created = await api('post', '/api/webhook-endpoints', { url: receiver.url('/other'), events: ['signature.completed'] }).expect(201);
      expect(created.headers.location).toBe(`/api/webhook-endpoints/${created.body.id}`);
      expect(created.body).toMatchObject({ url: receiver.url('/other'), events: ['signature.completed'], enabled: true, description: null, secret: expect.stringMatching(/^whsec_[0-9a-f]{64}$/) });
      const read = await api('get', `/api/webhook-endpoints/${created.body.id}`).expect(200);
      const listed = await api('get', '/api/webhook-endpoints').expect(200);
      for (const body of [read.body, listed.body]) expect(JSON.stringify(body)).not.toMatch(/whsec_|secret_ciphertext/);
      const { rows } = await owner.query(`SELECT secret_ciphertext FROM webhook_endpoints WHERE id = $1`, [created.body.id]);
      expect(rows[0].secret_ciphertext.includes(Buffer.from(created.body.secret.slice(6)))).toBe(false);
      expect(rows[0].secret_ciphertext.includes(Buffer.from(created.body.secret.slice(6), 'hex'))).toBe(false);
      await api('delete', `/api/webhook-endpoints/${created.body.id}`).expect(204);
      await api('get', `/api/webhook-endpoints/${created.body.id}`).expect(404);
    });

    it('never stores the secret for an Idempotency-Key: a replay answers the endpoint without it', async () => {
      const first = await api('post', '/api/webhook-endpoints', { url: receiver.url('/idem'), events: ['receipt.issued'] }).set('Idempotency-Key', 'create-endpoint-1').expect(201);
      const replay = await api('post', '/api/webhook-endpoints', { url: receiver.url('/idem'), events: ['receipt.issued'] }).set('Idempotency-Key', 'create-endpoint-1').expect(201);
      expect(first.body.secret).toMatch(/^whsec_/);
      expect(replay.headers['idempotent-replayed']).toBe('true');
      expect(replay.body).toEqual(Object.fromEntries(Object.entries(first.body).filter(([field]) => field !== 'secret')));
      const { rows } = await owner.query(`SELECT response_body::text AS body FROM idempotency_keys WHERE key = 'create-endpoint-1'`);
      expect(rows[0].body).toContain(first.body.id);
      expect(rows[0].body).not.toContain('whsec_');
      await api('delete', `/api/webhook-endpoints/${first.body.id}`).expect(204);
    });

    it('refuses unknown event types and fields, and keeps ["*"] alone', async () => {
      const refused = await api('post', '/api/webhook-endpoints', { url: receiver.url(), events: ['lease.deleted'] }).expect(400);
      expect(refused.body.error.details.fields[0].field).toBe('events');
      await api('post', '/api/webhook-endpoints', { url: receiver.url(), events: ['ping'] }).expect(400);
      await api('post', '/api/webhook-endpoints', { url: receiver.url(), events: ['*'], secret: 'mine' }).expect(400);
      const all = await createEndpoint(receiver.url('/all'), ['*', 'lease.status_changed']);
      expect((await api('get', `/api/webhook-endpoints/${all.id}`).expect(200)).body.events).toEqual(['*']);
      const updated = await api('put', `/api/webhook-endpoints/${all.id}`, { description: 'All of them', enabled: false }).expect(200);
      expect(updated.body).toMatchObject({ description: 'All of them', enabled: false, events: ['*'] });
      await api('delete', `/api/webhook-endpoints/${all.id}`).expect(204);
    });

    it('needs webhooks:read to read and webhooks:write to change (403 before any data is read)', async () => {
      const reader = bearer(await createKey(t.http, tenant.id, { user_id: tenant.adminUserId, permissions: ['webhooks:read'] }));
      const stranger = bearer(await createKey(t.http, tenant.id, { user_id: tenant.adminUserId, permissions: ['leases:read'] }));
      await api('get', '/api/webhook-endpoints', undefined, reader).expect(200);
      await api('get', '/api/events', undefined, reader).expect(200);
      const forbidden = await api('post', '/api/webhook-endpoints', { url: receiver.url(), events: ['*'] }, reader).expect(403);
      expect(forbidden.body.error.details.required_permissions).toEqual(['webhooks:write']);
      await api('post', `/api/webhook-endpoints/${randomUuid()}/rotate-secret`, undefined, reader).expect(403);
      await api('get', `/api/events/${randomUuid()}`, undefined, stranger).expect(403);
      await api('get', `/api/webhook-endpoints/${endpoint.id}/deliveries`, undefined, stranger).expect(403);
    });
  });

  describe('events', () => {
    it('records the change and its event in one transaction, and sends the event, signed, to a real receiver', async () => {
      const [leaseId] = await draftLeases(t.http, tenant, 1, 'Signed');
      const lease = await cancel(leaseId).expect(200);
      const [event] = (await api('get', '/api/events?type=lease.status_changed&per_page=1').expect(200)).body.data;
      expect(event).toEqual({ id: expect.any(String), type: 'lease.status_changed', created_at: expect.any(String), data: lease.body });
      // One transaction wrote both rows: same creating transaction id.
      const { rows } = await owner.query(`SELECT (SELECT xmin::text FROM leases WHERE id = $1) AS lease, (SELECT xmin::text FROM events WHERE id = $2) AS event`, [leaseId, event.id]);
      expect(rows[0].event).toBe(rows[0].lease);

      expect(await runDeliveries(t, tenant.id)).toBe(1);
      expect(receiver.requests).toHaveLength(1);
      const [received] = receiver.requests;
      expect(received).toMatchObject({ method: 'POST', path: '/hooks' });
      expect(received.headers).toMatchObject({ 'content-type': 'application/json', 'faireplace-event-id': event.id, 'faireplace-event-type': 'lease.status_changed' });
      expect(JSON.parse(received.body)).toEqual(event); // exactly what GET /api/events/{id} answers
      expect((await api('get', `/api/events/${event.id}`).expect(200)).body).toEqual(event);
      const verified = verifyWebhook(received.headers['faireplace-signature'] as string, received.body, endpoint.secret);
      expect(verified).toMatchObject({ valid: true, signatures: [expect.stringMatching(/^[0-9a-f]{64}$/)] });
      expect(verifyWebhook(received.headers['faireplace-signature'] as string, received.body.replace('CANCELLED', 'ACTIVE'), endpoint.secret).valid).toBe(false);
      expect(verifyWebhook(received.headers['faireplace-signature'] as string, received.body, `whsec_${'0'.repeat(64)}`).valid).toBe(false);
      // The snippet partners copy from docs/webhooks.md says the same.
      const documented = await documentedVerifier();
      expect(documented(Buffer.from(received.body), received.headers['faireplace-signature'] as string, endpoint.secret)).toBe(true);
      expect(documented(received.body.replace('CANCELLED', 'ACTIVE'), received.headers['faireplace-signature'] as string, endpoint.secret)).toBe(false);
      expect(documented(received.body, (received.headers['faireplace-signature'] as string).replace(/t=\d+/, 't=1000000000'), endpoint.secret)).toBe(false);

      const [delivery] = await deliveriesOf(endpoint.id);
      expect(delivery).toMatchObject({ event_id: event.id, event_type: 'lease.status_changed', status: 'SUCCEEDED', attempts: 1, last_status_code: 200, last_error: null, next_attempt_at: null, delivered_at: expect.any(String) });
      expect(delivery.last_latency_ms).toEqual(expect.any(Number));
      expect(delivery).not.toHaveProperty('claimed_until');
    });

    it('writes no event for a change that rolls back, and no change without its event', async () => {
      const [leaseId] = await draftLeases(t.http, tenant, 1, 'Rollback');
      const before = (await api('get', '/api/events?per_page=1').expect(200)).body.meta.pagination.total;
      // Fails after the event is written, inside the same transaction (the fan-out runs there).
      const spy = jest.spyOn(t.app.get(WebhookFanOut), 'fanOut').mockRejectedValueOnce(new Error('simulated failure after the event was written'));
      try {
        await cancel(leaseId).expect(500);
      } finally {
        spy.mockRestore();
      }
      expect((await api('get', `/api/leases/${leaseId}`).expect(200)).body.status).toBe('DRAFT');
      expect((await api('get', '/api/events?per_page=1').expect(200)).body.meta.pagination.total).toBe(before);
      expect(await runDeliveries(t, tenant.id)).toBe(0);
      expect(receiver.requests).toHaveLength(0);
    });

    it('lists events newest first, filtered by type and time, paginated', async () => {
      const leases = await draftLeases(t.http, tenant, 3, 'Listed');
      const from = new Date().toISOString();
      for (const leaseId of leases) await cancel(leaseId).expect(200);
      const page = await api('get', `/api/events?type=lease.status_changed&from=${encodeURIComponent(from)}&per_page=2`).expect(200);
      expect(page.body.meta.pagination).toMatchObject({ current_page: 1, per_page: 2, total: 3, has_next: true });
      expect(page.body.data.map((event: { data: { id: string } }) => event.data.id)).toEqual([leases[2], leases[1]]);
      const empty = await api('get', `/api/events?to=${encodeURIComponent(from)}&from=${encodeURIComponent(from)}`).expect(200);
      expect(empty.body.data).toEqual([]);
      await api('get', '/api/events?from=yesterday').expect(400);
      await api('get', '/api/events?type=lease.deleted').expect(400);
      await api('get', `/api/events/${randomUuid()}`).expect(404);
      await runDeliveries(t, tenant.id);
    });

    it('purges events after 30 days, with their deliveries (the recurring job)', async () => {
      const [leaseId] = await draftLeases(t.http, tenant, 1, 'Purged');
      await cancel(leaseId).expect(200);
      const [event] = (await api('get', '/api/events?per_page=1').expect(200)).body.data;
      await owner.query(`UPDATE events SET created_at = now() - interval '31 days' WHERE id = $1`, [event.id]);
      const jobs = t.app.get(Jobs);
      await jobs.enqueue('events.purge-expired', {});
      expect(await jobs.runPending('events.purge-expired')).toBe(1);
      await api('get', `/api/events/${event.id}`).expect(404);
      const { rows } = await owner.query(`SELECT count(*)::int AS n FROM webhook_deliveries WHERE event_id = $1`, [event.id]);
      expect(rows[0].n).toBe(0);
      expect(await t.app.get(EventRetention).purge()).toBe(0);
    });
  });

  it('grants the webhook permissions, by migration, to users who held the whole catalogue before, and to nobody else', async () => {
    const migration = new WebhooksPermissions1765440000000();
    const runner = { query: (sql: string, parameters?: unknown[]) => owner.query(sql, parameters) } as unknown as QueryRunner;
    const users = { admin: [...CATALOGUE_BEFORE_WEBHOOKS], editor: CATALOGUE_BEFORE_WEBHOOKS.filter((p) => p !== 'media:write'), reader: ['leases:read'] };
    await owner.query('BEGIN');
    try {
      const ids: Record<string, string> = {};
      for (const [name, permissions] of Object.entries(users)) {
        ids[name] = randomUuid();
        await owner.query(`INSERT INTO users (tenant_id, id, email, display_name, permissions) VALUES ($1, $2, $3, $3, $4)`, [tenant.id, ids[name], `${name}@migration.example`, permissions]);
      }
      await migration.up(runner);
      await migration.up(runner); // twice: nothing added twice
      const { rows } = await owner.query<{ id: string; permissions: string[] }>(`SELECT id, permissions FROM users WHERE id = ANY($1)`, [Object.values(ids)]);
      const after = Object.fromEntries(rows.map((row) => [Object.keys(ids).find((name) => ids[name] === row.id), row.permissions]));
      expect(after.admin).toEqual([...CATALOGUE_BEFORE_WEBHOOKS, 'webhooks:read', 'webhooks:write']);
      expect(after.editor).toEqual(users.editor);
      expect(after.reader).toEqual(users.reader);
    } finally {
      await owner.query('ROLLBACK');
    }
  });
});
