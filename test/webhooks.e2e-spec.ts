import { jest } from '@jest/globals';
import type pg from 'pg';
import type { QueryRunner } from 'typeorm';
import { CATALOGUE_BEFORE_WEBHOOKS, WebhooksPermissions1765440000000 } from '../db/migrations/1765440000000-webhooks-permissions.js';
import { EventRetention } from '../src/core/events/event-retention.js';
import { Jobs } from '../src/core/jobs/jobs.js';
import { Clock } from '../src/core/time/clock.js';
import { RETRY_WINDOW_MS } from '../src/modules/webhooks/retry-schedule.js';
import { WebhookFanOut } from '../src/modules/webhooks/webhook-fan-out.js';
import { WebhookStrandedSweeper } from '../src/modules/webhooks/webhook-stranded.sweeper.js';
import { bearer, createKey, createTenant, ownerRoleClient, randomUuid, sandboxOf, startTestApp, type TestApp, type TestTenant } from './support/test-app.js';
import { documentedVerifier, draftLeases, type Receiver, runDeliveries, startReceiver, untilRetriesAreDue, verifyWebhook } from './support/webhooks.js';

const HOUR_MS = 3_600_000;

/**
 * Outgoing webhooks against a real receiver on 127.0.0.1 (WEBHOOK_ALLOW_PRIVATE_URLS, as in
 * development; the SSRF rules have their own suite). Jobs are run by the test (Jobs.runPending),
 * and retries are reached by moving the business clock and the jobs' start time, not by waiting.
 */
describe('Webhooks', () => {
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

  describe('delivery', () => {
    it('retries a receiver that fails 3 times with backoff, then delivers: each event exactly once after dedupe', async () => {
      const leases = await draftLeases(t.http, tenant, 2, 'Retry');
      for (const leaseId of leases) await cancel(leaseId).expect(200);
      const eventIds = (await api('get', '/api/events?type=lease.status_changed&per_page=2').expect(200)).body.data.map((event: { id: string }) => event.id);
      receiver.respondWith(500, 500, 503, 503, 502, 502); // three failures for each of the two
      const waits: number[] = [];
      for (let round = 1; round <= 4; round++) {
        if (round > 1) {
          const due = (await deliveriesOf(endpoint.id)).filter((d: { event_id: string }) => eventIds.includes(d.event_id));
          for (const delivery of due) {
            expect(delivery).toMatchObject({ status: 'PENDING', attempts: round - 1, last_status_code: expect.any(Number), last_error: expect.stringMatching(/^HTTP 50/) });
            waits.push(Date.parse(delivery.next_attempt_at) - Date.parse(delivery.last_attempt_at));
          }
          await untilRetriesAreDue(t, owner, tenant.id);
        }
        expect(await runDeliveries(t, tenant.id)).toBe(2);
      }
      // Backoff with full jitter: after the n-th failure, between 1 s and 30 s × 2^(n−1).
      waits.forEach((wait, index) => {
        expect(wait).toBeGreaterThanOrEqual(1_000);
        expect(wait).toBeLessThanOrEqual(30_000 * 2 ** Math.floor(index / 2) + 1_000); // measured from the claim, a few ms before the record
      });
      expect(receiver.requests).toHaveLength(8);
      const seen = new Map<string, number>();
      for (const request of receiver.requests) {
        expect(verifyWebhook(request.headers['faireplace-signature'] as string, request.body, endpoint.secret, { now: t.app.get(Clock).now().getTime() }).valid).toBe(true);
        const id = request.headers['faireplace-event-id'] as string;
        seen.set(id, (seen.get(id) ?? 0) + 1);
      }
      expect([...seen.keys()].sort()).toEqual([...eventIds].sort()); // deduplicated by event id: each once
      const delivered = (await deliveriesOf(endpoint.id)).filter((d: { event_id: string }) => eventIds.includes(d.event_id));
      for (const delivery of delivered) expect(delivery).toMatchObject({ status: 'SUCCEEDED', attempts: 4, last_status_code: 200, next_attempt_at: null });
      expect(await runDeliveries(t, tenant.id)).toBe(0);
    });

    it('does not follow redirects: a 3xx is a failed attempt', async () => {
      const [leaseId] = await draftLeases(t.http, tenant, 1, 'Redirect');
      await cancel(leaseId).expect(200);
      receiver.respondWith(302);
      await runDeliveries(t, tenant.id);
      expect(receiver.requests.map((request) => request.path)).toEqual(['/hooks']);
      const [latest] = await deliveriesOf(endpoint.id);
      expect(latest).toMatchObject({ status: 'PENDING', last_status_code: 302, last_error: 'HTTP 302 (redirects are not followed)' });
      await untilRetriesAreDue(t, owner, tenant.id);
      await runDeliveries(t, tenant.id);
    });

    it('signs with the new and the old secret for 24 hours after a rotation, then with the new one only', async () => {
      const rotated = await api('post', `/api/webhook-endpoints/${endpoint.id}/rotate-secret`).expect(200);
      expect(rotated.body.secret).toMatch(/^whsec_[0-9a-f]{64}$/);
      expect(rotated.body.secret).not.toBe(endpoint.secret);
      expect(rotated.body.previous_secret_expires_at).toEqual(expect.any(String));
      const ping = async () => {
        await api('post', `/api/webhook-endpoints/${endpoint.id}/test`).expect(202);
        receiver.requests.length = 0;
        await runDeliveries(t, tenant.id);
        const [request] = receiver.requests;
        expect(JSON.parse(request.body)).toMatchObject({ type: 'ping', data: { id: endpoint.id } });
        return request;
      };
      const clock = t.app.get(Clock);
      const during = await ping();
      const header = during.headers['faireplace-signature'] as string;
      expect(verifyWebhook(header, during.body, rotated.body.secret, { now: clock.now().getTime() })).toMatchObject({ valid: true, signatures: [expect.any(String), expect.any(String)] });
      expect(verifyWebhook(header, during.body, endpoint.secret, { now: clock.now().getTime() }).valid).toBe(true);

      clock.advance(24 * HOUR_MS + 1_000);
      const after = await ping();
      const newOnly = after.headers['faireplace-signature'] as string;
      expect(verifyWebhook(newOnly, after.body, rotated.body.secret, { now: clock.now().getTime() })).toMatchObject({ valid: true, signatures: [expect.any(String)] });
      expect(verifyWebhook(newOnly, after.body, endpoint.secret, { now: clock.now().getTime() }).valid).toBe(false);
      endpoint = { ...endpoint, secret: rotated.body.secret };
    });

    it('sends a delivery again on demand, even one that succeeded', async () => {
      const test = await api('post', `/api/webhook-endpoints/${endpoint.id}/test`).expect(202);
      expect(test.body).toMatchObject({ status: 'PENDING', event_type: 'ping', attempts: 0 });
      await runDeliveries(t, tenant.id);
      const retried = await api('post', `/api/webhook-endpoints/${endpoint.id}/deliveries/${test.body.id}/retry`).expect(202);
      expect(retried.body).toMatchObject({ id: test.body.id, status: 'PENDING', delivered_at: null });
      await runDeliveries(t, tenant.id);
      expect(receiver.requests.map((request) => request.headers['faireplace-event-id'])).toEqual([test.body.event_id, test.body.event_id]);
      const [delivery] = (await api('get', `/api/webhook-endpoints/${endpoint.id}/deliveries?status=SUCCEEDED&per_page=1`).expect(200)).body.data;
      expect(delivery).toMatchObject({ id: test.body.id, attempts: 2, status: 'SUCCEEDED' });
      await api('post', `/api/webhook-endpoints/${endpoint.id}/deliveries/${randomUuid()}/retry`).expect(404);
    });

    it('finds a delivery whose job was lost and sends it (the stranded sweep)', async () => {
      const test = (await api('post', `/api/webhook-endpoints/${endpoint.id}/test`).expect(202)).body;
      await owner.query(`DELETE FROM pgboss.job WHERE name = 'webhooks.deliver' AND data->>'delivery_id' = $1`, [test.id]);
      await owner.query(`UPDATE webhook_deliveries SET next_attempt_at = now() - interval '20 minutes' WHERE id = $1`, [test.id]);
      expect(await t.app.get(WebhookStrandedSweeper).sweep()).toBeGreaterThanOrEqual(1);
      await runDeliveries(t, tenant.id);
      expect(receiver.requests.map((request) => request.headers['faireplace-event-id'])).toEqual([test.event_id]);
    });

    it('disables an endpoint whose deliveries failed for 3 days, and says so with webhook_endpoint.disabled', async () => {
      const failing = await startReceiver();
      try {
        const broken = await createEndpoint(failing.url(), ['lease.status_changed']);
        failing.respondWith(...Array<number>(200).fill(500));
        const [leaseId] = await draftLeases(t.http, tenant, 1, 'Failing');
        await cancel(leaseId).expect(200);
        await runDeliveries(t, tenant.id); // the healthy endpoint gets it; the broken one fails
        let attempts = 1;
        const clock = t.app.get(Clock);
        const deadline = clock.now().getTime() + RETRY_WINDOW_MS;
        while ((await api('get', `/api/webhook-endpoints/${broken.id}`).expect(200)).body.enabled) {
          expect(clock.now().getTime()).toBeLessThanOrEqual(deadline + 1_000);
          await untilRetriesAreDue(t, owner, tenant.id);
          expect(await runDeliveries(t, tenant.id)).toBeGreaterThanOrEqual(1);
          attempts++;
        }
        expect(attempts).toBeGreaterThan(5);
        const disabled = (await api('get', `/api/webhook-endpoints/${broken.id}`).expect(200)).body;
        expect(disabled).toMatchObject({ enabled: false, disabled_reason: 'Deliveries failed for 3 days', disabled_at: expect.any(String), failing_since: expect.any(String) });
        const [gaveUp] = await deliveriesOf(broken.id);
        expect(gaveUp).toMatchObject({ status: 'FAILED', attempts, next_attempt_at: null });
        expect(failing.requests).toHaveLength(attempts);

        const [event] = (await api('get', '/api/events?type=webhook_endpoint.disabled&per_page=1').expect(200)).body.data;
        expect(event.data).toMatchObject({ id: broken.id, enabled: false, url: failing.url() });
        expect(JSON.stringify(event)).not.toMatch(/whsec_|ciphertext/);
        await runDeliveries(t, tenant.id);
        // The healthy endpoint, subscribed to both types, got the lease's event and the news.
        expect(receiver.requests.map((request) => request.headers['faireplace-event-type'])).toEqual(['lease.status_changed', 'webhook_endpoint.disabled']);

        // Disabled: nothing more is sent to it, tests and retries are refused until it is enabled again.
        const [another] = await draftLeases(t.http, tenant, 1, 'After');
        await cancel(another).expect(200);
        await runDeliveries(t, tenant.id);
        expect(failing.requests).toHaveLength(attempts);
        expect((await api('post', `/api/webhook-endpoints/${broken.id}/test`).expect(422)).body.error.details.rule).toBe('webhook_endpoint_enabled');
        await api('post', `/api/webhook-endpoints/${broken.id}/deliveries/${gaveUp.id}/retry`).expect(422);
        const enabled = await api('put', `/api/webhook-endpoints/${broken.id}`, { enabled: true }).expect(200);
        expect(enabled.body).toMatchObject({ enabled: true, disabled_at: null, disabled_reason: null, failing_since: null });
        await api('delete', `/api/webhook-endpoints/${broken.id}`).expect(204);
      } finally {
        await failing.close();
      }
    });

    it('keeps the sandbox\'s endpoints and events apart from live ones', async () => {
      const sandbox = await sandboxOf(t.http, tenant);
      const sandboxReceiver = await startReceiver();
      try {
        const sandboxEndpoint = await createEndpoint(sandboxReceiver.url(), ['lease.status_changed'], sandbox);
        expect((await api('get', '/api/webhook-endpoints', undefined, sandbox.auth).expect(200)).body.data.map((e: { id: string }) => e.id)).toEqual([sandboxEndpoint.id]);
        const [liveLease] = await draftLeases(t.http, tenant, 1, 'Live');
        await cancel(liveLease).expect(200);
        const [sandboxLease] = await draftLeases(t.http, sandbox, 1, 'Sandbox');
        await api('put', `/api/leases/${sandboxLease}/status`, { status: 'CANCELLED' }, sandbox.auth).expect(200);
        const sandboxSpace = (await owner.query(`SELECT id FROM tenants WHERE sandbox_of = $1`, [tenant.id])).rows[0].id as string;
        await runDeliveries(t, tenant.id);
        await runDeliveries(t, sandboxSpace);
        expect(sandboxReceiver.requests.map((request) => JSON.parse(request.body).data.id)).toEqual([sandboxLease]);
        expect(receiver.requests.map((request) => JSON.parse(request.body).data.id)).toEqual([liveLease]);
        await api('get', `/api/webhook-endpoints/${sandboxEndpoint.id}`).expect(404);
      } finally {
        await sandboxReceiver.close();
      }
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
