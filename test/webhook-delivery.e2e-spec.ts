import type pg from 'pg';
import { Clock } from '../src/core/time/clock.js';
import { RETRY_WINDOW_MS } from '../src/modules/webhooks/retry-schedule.js';
import { WebhookStrandedSweeper } from '../src/modules/webhooks/webhook-stranded.sweeper.js';
import { createTenant, ownerRoleClient, randomUuid, sandboxOf, startTestApp, type TestApp, type TestTenant } from './support/test-app.js';
import { draftLeases, type Receiver, runDeliveries, startReceiver, untilRetriesAreDue, verifyWebhook } from './support/webhooks.js';

const HOUR_MS = 3_600_000;

/**
 * Delivering to a real receiver on 127.0.0.1: retries until it answers, redirects, rotation,
 * manual retries, lost jobs, disabling, the sandbox. Jobs are run by the test (Jobs.runPending),
 * and retries are reached by moving the business clock and the jobs' start time, not by waiting.
 */
describe('Webhooks: delivery', () => {
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
