import { jest } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import { HostResolver } from '../src/modules/webhooks/webhook-url-policy.js';
import { WebhookSender } from '../src/modules/webhooks/webhook-sender.js';
import { createTenant, startTestApp, type TestApp, type TestTenant } from './support/test-app.js';
import { type Receiver, runDeliveries, startReceiver } from './support/webhooks.js';

/** A public address (example.com's) for a name whose DNS a test answers. */
const PUBLIC_ADDRESS = { address: '93.184.215.14', family: 4 as const };

/**
 * SSRF, with the production rules (WEBHOOK_ALLOW_PRIVATE_URLS unset): https only, every address
 * public, checked when the endpoint is saved and again at each send, and the connection made to
 * the address that was checked.
 */
describe('Webhooks: where they may go (SSRF)', () => {
  let t: TestApp;
  let tenant: TestTenant;
  let receiver: Receiver;

  const create = (url: string) => t.http.post('/api/webhook-endpoints').set(tenant.auth).send({ url, events: ['*'] });
  /** DNS as a test says (the rest of the app keeps its own resolver). */
  const answerDns = (answer: (hostname: string) => { address: string; family: 4 | 6 }[]) =>
    jest.spyOn(t.app.get(HostResolver), 'resolve').mockImplementation(async (hostname: string) => answer(hostname));

  beforeAll(async () => {
    t = await startTestApp();
    tenant = await createTenant(t.http, 'SSRF suite');
    receiver = await startReceiver();
  });
  afterAll(async () => {
    await receiver.close();
    await t.close();
  });
  afterEach(() => jest.restoreAllMocks());

  it.each([
    ['http://hooks.example.com/x', 'url must be an https URL'],
    ['https://user:password@hooks.example.com/x', 'url must not contain credentials'],
    ['ftp://hooks.example.com/x', 'url must be an absolute URL'],
    ['hooks.example.com/x', 'url must be an absolute URL'],
  ])('refuses %s at creation (400)', async (url, message) => {
    const response = await create(url).expect(400);
    expect(response.body.error.details.fields).toEqual([{ field: 'url', message }]);
  });

  it.each([
    ['https://127.0.0.1/hooks', 'loopback'],
    ['https://127.1.2.3:8443/hooks', 'loopback'],
    ['https://[::1]/hooks', 'loopback'],
    ['https://[::ffff:127.0.0.1]/hooks', 'loopback'],
    ['https://10.0.0.5/hooks', 'private'],
    ['https://192.168.1.10/hooks', 'private'],
    ['https://100.64.1.1/hooks', 'shared'],
    ['https://169.254.169.254/latest/meta-data', 'link-local'],
    ['https://[fe80::1]/hooks', 'link-local'],
    ['https://[fd00::1]/hooks', 'unique-local'],
    ['https://0.0.0.0/hooks', 'unspecified'],
    ['https://224.0.0.1/hooks', 'multicast'],
    ['https://localhost/hooks', 'loopback'], // real DNS: /etc/hosts
  ])('refuses %s at creation (422, %s)', async (url, kind) => {
    const response = await create(url).expect(422);
    expect(response.body.error).toMatchObject({ type: 'RULE_VIOLATION', details: { rule: 'webhook_url_public', address_class: kind } });
  });

  it('refuses a name when any one of its addresses is not public', async () => {
    answerDns(() => [PUBLIC_ADDRESS, { address: '10.1.2.3', family: 4 }]);
    expect((await create('https://mixed.example.test/hooks').expect(422)).body.error.details.address_class).toBe('private');
  });

  it('accepts a public address, and a name that does not resolve yet (checked again at each send)', async () => {
    await create('https://93.184.215.14/hooks').expect(201);
    await create('https://hooks.invalid/hooks').expect(201);
    answerDns(() => [PUBLIC_ADDRESS]);
    await create('https://hooks.example.test/hooks').expect(201);
  });

  it('checks again at send time: a name that now resolves to 127.0.0.1 gets nothing (DNS rebinding)', async () => {
    answerDns(() => [PUBLIC_ADDRESS]);
    const endpoint = (await create(`https://localhost:${receiver.port}/hooks`).expect(201)).body; // public when saved (our DNS)
    jest.restoreAllMocks(); // now the real DNS: localhost is 127.0.0.1
    const test = (await t.http.post(`/api/webhook-endpoints/${endpoint.id}/test`).set(tenant.auth).expect(202)).body;
    await runDeliveries(t, tenant.id);
    expect(receiver.requests).toHaveLength(0);
    const [delivery] = (await t.http.get(`/api/webhook-endpoints/${endpoint.id}/deliveries`).set(tenant.auth).expect(200)).body.data;
    expect(delivery).toMatchObject({ id: test.id, status: 'PENDING', attempts: 1, last_status_code: null, last_error: 'Refused: localhost resolves to a loopback address (127.0.0.1)' });
  });

  describe('the sender', () => {
    it('connects to the address that was checked, never resolving the name again, and keeps the name for Host', async () => {
      const sender = t.app.get(WebhookSender);
      const url = new URL(`http://rebinding.example.test:${receiver.port}/pinned?x=1`);
      // No DNS knows rebinding.example.test: a second lookup would fail the request.
      const result = await sender.send({ url, hostname: url.hostname, address: { address: '127.0.0.1', family: 4 } }, '{"a":1}', { 'FairePlace-Event-Id': 'e' });
      expect(result).toMatchObject({ statusCode: 200, error: undefined });
      expect(receiver.requests.at(-1)).toMatchObject({ path: '/pinned?x=1', body: '{"a":1}', headers: { host: `rebinding.example.test:${receiver.port}` } });
    });

    it('gives up on a receiver that does not answer in time', async () => {
      const silent: Server = createServer(() => undefined);
      await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
      try {
        const url = new URL(`http://127.0.0.1:${(silent.address() as { port: number }).port}/`);
        const started = Date.now();
        const result = await t.app.get(WebhookSender).send({ url, hostname: '127.0.0.1', address: { address: '127.0.0.1', family: 4 } }, '{}', {}, 300);
        expect(result).toEqual({ latencyMs: expect.any(Number), error: 'no answer within 0.3 s' });
        expect(Date.now() - started).toBeLessThan(2_000);
      } finally {
        silent.closeAllConnections();
        silent.close();
      }
    });
  });
});
