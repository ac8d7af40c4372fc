import Stripe from 'stripe';
import { StripePaymentProvider } from '../src/modules/credits/payments/providers/stripe.provider.js';
import { createTenant, INTERNAL_TOKEN, ownerRoleClient, randomUuid, startTestApp, type TestApp, type TestTenant } from './support/test-app.js';

const WEBHOOK_SECRET = 'whsec_test_secret_for_faireplace';
const URLS = { success_url: 'https://app.example.fr/ok', cancel_url: 'https://app.example.fr/ko' };

describe('Credits and payments', () => {
  let t: TestApp;
  let tenant: TestTenant;
  const balance = async (who = tenant) => (await t.http.get('/api/credits/balance').set(who.auth).expect(200)).body.balance as number;
  const complete = (paymentId: string, who = tenant) => t.http.post(`/internal/tenants/${who.id}/payments/${paymentId}/complete`).set('X-Internal-Token', INTERNAL_TOKEN);

  beforeAll(async () => {
    t = await startTestApp();
    tenant = await createTenant(t.http, 'Credits suite');
  });
  afterAll(() => t.close());

  it('lists the shared packages at their SPEC prices', async () => {
    const packages = await t.http.get('/api/credits/packages').set(tenant.auth).expect(200);
    expect(packages.body.data).toEqual([
      { id: 'credits_1', credits: 1, price: 30, currency: 'EUR' },
      { id: 'credits_5', credits: 5, price: 140, currency: 'EUR' },
      { id: 'credits_10', credits: 10, price: 250, currency: 'EUR' },
      { id: 'credits_25', credits: 25, price: 575, currency: 'EUR' },
      { id: 'credits_50', credits: 50, price: 1000, currency: 'EUR' },
    ]);
  });

  it('creates a pending manual payment and adds its credits once, however often it is completed', async () => {
    expect(await balance()).toBe(0);
    const payment = await t.http.post('/api/credits/purchase').set(tenant.auth).send({ package_id: 'credits_5', ...URLS }).expect(201);
    expect(payment.body).toMatchObject({ status: 'pending', provider: 'manual', credits: 5, amount: 140, currency: 'EUR', checkout_url: null });
    expect(payment.headers.location).toBe(`/api/payments/${payment.body.id}`);
    expect(await balance()).toBe(0);
    expect((await complete(payment.body.id).expect(200)).body).toMatchObject({ status: 'succeeded', completed_at: expect.any(String) });
    await complete(payment.body.id).expect(200);
    expect(await balance()).toBe(5);
    const ledger = (await t.http.get('/api/credits/transactions?type=purchase').set(tenant.auth).expect(200)).body.data;
    expect(ledger).toEqual([expect.objectContaining({ type: 'purchase', amount: 5, balance_after: 5, reference: `payment:${payment.body.id}` })]);
  });

  it('adds credits once when 10 completions race', async () => {
    const before = await balance();
    const payment = await t.http.post('/api/credits/purchase').set(tenant.auth).send({ package_id: 'credits_10', ...URLS }).expect(201);
    const results = await Promise.all(Array.from({ length: 10 }, () => complete(payment.body.id)));
    expect(results.map((r) => r.status)).toEqual(Array(10).fill(200));
    expect(await balance()).toBe(before + 10);
  });

  it('refuses an unknown package, bad URLs and unknown payments', async () => {
    await t.http.post('/api/credits/purchase').set(tenant.auth).send({ package_id: 'credits_1000', ...URLS }).expect(404);
    await t.http.post('/api/credits/purchase').set(tenant.auth).send({ package_id: 'credits_1', success_url: 'javascript:alert(1)', cancel_url: URLS.cancel_url }).expect(400);
    await t.http.get(`/api/payments/${randomUuid()}`).set(tenant.auth).expect(404);
    await complete(randomUuid()).expect(404);
    const list = await t.http.get('/api/payments?status=succeeded').set(tenant.auth).expect(200);
    expect(list.body.data.every((p: { status: string }) => p.status === 'succeeded')).toBe(true);
  });

  it('answers the Stripe webhook route as unknown while Stripe is not configured', async () => {
    await t.http.post('/api/payments/webhooks/stripe').send({}).expect(404);
  });

  describe('with Stripe', () => {
    let stripeApp: TestApp;
    let stripeTenant: TestTenant;
    const stripe = new Stripe('sk_test_unused');
    const paymentRow = async (who: TestTenant) => {
      const owner = await ownerRoleClient();
      const id = randomUuid();
      await owner.query(
        `INSERT INTO payments (tenant_id, id, package_id, provider, provider_reference, credits, amount, currency, success_url, cancel_url)
         VALUES ($1, $2, 'credits_25', 'stripe', 'cs_test_1', 25, 575, 'EUR', 'https://a.fr', 'https://a.fr')`,
        [who.id, id],
      );
      await owner.end();
      return id;
    };
    const event = (id: string, tenantId: string, paymentId: string, type = 'checkout.session.completed', session: object = {}) =>
      JSON.stringify({
        id, object: 'event', type,
        data: { object: { id: 'cs_test_1', object: 'checkout.session', payment_status: 'paid', amount_total: 57500, currency: 'eur', metadata: { tenant_id: tenantId, payment_id: paymentId }, ...session } },
      });
    const deliver = (payload: string, secret = WEBHOOK_SECRET) =>
      stripeApp.http.post('/api/payments/webhooks/stripe').set('Content-Type', 'application/json').set('Stripe-Signature', stripe.webhooks.generateTestHeaderString({ payload, secret })).send(payload);

    beforeAll(async () => {
      stripeApp = await startTestApp({ PAYMENT_PROVIDER: 'stripe', STRIPE_SECRET_KEY: 'sk_test_unused', STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET });
      stripeTenant = await createTenant(stripeApp.http, 'Stripe tenant');
    });
    afterAll(() => stripeApp.close());

    it('credits a paid session once, whatever the number of deliveries', async () => {
      const paymentId = await paymentRow(stripeTenant);
      const payload = event('evt_paid_1', stripeTenant.id, paymentId);
      for (let i = 0; i < 3; i++) expect((await deliver(payload).expect(200)).body).toEqual({ received: true });
      await Promise.all(Array.from({ length: 5 }, () => deliver(payload).expect(200)));
      await deliver(event('evt_paid_2', stripeTenant.id, paymentId)).expect(200);
      expect(await balance(stripeTenant)).toBe(25);
      expect((await stripeApp.http.get(`/api/payments/${paymentId}`).set(stripeTenant.auth).expect(200)).body.status).toBe('succeeded');
    });

    it('refuses unsigned, badly signed and altered deliveries with 400, changing nothing', async () => {
      const paymentId = await paymentRow(stripeTenant);
      const payload = event('evt_forged', stripeTenant.id, paymentId);
      const before = await balance(stripeTenant);
      await stripeApp.http.post('/api/payments/webhooks/stripe').set('Content-Type', 'application/json').send(payload).expect(400);
      await deliver(payload, 'whsec_wrong').expect(400);
      const header = stripe.webhooks.generateTestHeaderString({ payload, secret: WEBHOOK_SECRET });
      await stripeApp.http.post('/api/payments/webhooks/stripe').set('Content-Type', 'application/json').set('Stripe-Signature', header).send(payload.replace('evt_forged', 'evt_forgeX')).expect(400);
      await stripeApp.http.post('/api/payments/webhooks/stripe').set('Content-Type', 'application/json').set('Stripe-Signature', header).send(payload.replace('"paid"', '"paid" ')).expect(400);
      expect(await balance(stripeTenant)).toBe(before);
    });

    it('marks an expired session canceled, and ignores events for no known payment', async () => {
      const paymentId = await paymentRow(stripeTenant);
      await deliver(event('evt_expired', stripeTenant.id, paymentId, 'checkout.session.expired')).expect(200);
      expect((await stripeApp.http.get(`/api/payments/${paymentId}`).set(stripeTenant.auth).expect(200)).body.status).toBe('canceled');
      await deliver(event('evt_other', stripeTenant.id, randomUuid())).expect(200);
      await deliver(JSON.stringify({ id: 'evt_nometa', object: 'event', type: 'checkout.session.completed', data: { object: { metadata: {} } } })).expect(200);
    });

    it.each([
      ['another session', { id: 'cs_test_other' }],
      ['another amount', { amount_total: 100 }],
      ['another currency', { currency: 'usd' }],
    ])('does not credit a signed event naming the payment in its metadata but carrying %s', async (_what, session) => {
      const paymentId = await paymentRow(stripeTenant);
      const before = await balance(stripeTenant);
      await deliver(event(`evt_mismatch_${randomUuid()}`, stripeTenant.id, paymentId, 'checkout.session.completed', session)).expect(200);
      expect(await balance(stripeTenant)).toBe(before);
      expect((await stripeApp.http.get(`/api/payments/${paymentId}`).set(stripeTenant.auth).expect(200)).body.status).toBe('pending');
    });

    it('changes nothing when the metadata names one tenant and another tenant\'s payment', async () => {
      const other = await createTenant(stripeApp.http, 'Stripe other tenant');
      const theirs = await paymentRow(other);
      const before = { mine: await balance(stripeTenant), theirs: await balance(other) };
      await deliver(event('evt_cross_tenant', stripeTenant.id, theirs)).expect(200);
      expect({ mine: await balance(stripeTenant), theirs: await balance(other) }).toEqual(before);
      expect((await stripeApp.http.get(`/api/payments/${theirs}`).set(other.auth).expect(200)).body.status).toBe('pending');
      await stripeApp.http.get(`/api/payments/${theirs}`).set(stripeTenant.auth).expect(404);
    });

    it('never completes a Stripe payment through the manual route', async () => {
      const paymentId = await paymentRow(stripeTenant);
      await stripeApp.http.post(`/internal/tenants/${stripeTenant.id}/payments/${paymentId}/complete`).set('X-Internal-Token', INTERNAL_TOKEN).expect(409);
    });
  });

  describe('Stripe checkout sessions through the SDK, without the network', () => {
    it('creates a Checkout Session carrying the tenant and payment ids', async () => {
      const calls: { method: string; path: string; body: string }[] = [];
      // The SDK's own fetch-based client, given a fetch that answers like Stripe would.
      const fakeFetch = async (url: string | URL | Request, init?: RequestInit) => {
        calls.push({ method: init?.method ?? 'GET', path: new URL(String(url)).pathname, body: String(init?.body ?? '') });
        return new Response(JSON.stringify({ id: 'cs_test_abc', object: 'checkout.session', url: 'https://checkout.stripe.com/c/pay/cs_test_abc' }), {
          status: 200,
          headers: { 'content-type': 'application/json', 'request-id': 'req_1' },
        });
      };
      const provider = new StripePaymentProvider('sk_test_123', WEBHOOK_SECRET, Stripe.createFetchHttpClient(fakeFetch as typeof fetch));
      const checkout = await provider.createCheckout({
        tenantId: '01a21e45-44ed-77de-a73c-0c93070ba4a2',
        paymentId: '01a21e45-a8e9-778d-ab01-f41487acc1f0',
        creditPackage: Object.assign(new (await import('../src/modules/credits/credit.entities.js')).CreditPackage(), { id: 'credits_5', credits: 5, price: 140, currency: 'EUR' }),
        successUrl: URLS.success_url,
        cancelUrl: URLS.cancel_url,
      });
      expect(checkout).toEqual({ providerReference: 'cs_test_abc', checkoutUrl: 'https://checkout.stripe.com/c/pay/cs_test_abc' });
      expect(calls).toHaveLength(1);
      expect(calls[0]).toMatchObject({ method: 'POST', path: '/v1/checkout/sessions' });
      const form = new URLSearchParams(calls[0].body);
      expect(form.get('metadata[tenant_id]')).toBe('01a21e45-44ed-77de-a73c-0c93070ba4a2');
      expect(form.get('metadata[payment_id]')).toBe('01a21e45-a8e9-778d-ab01-f41487acc1f0');
      expect(form.get('line_items[0][price_data][unit_amount]')).toBe('14000');
      expect(form.get('line_items[0][price_data][currency]')).toBe('eur');
      expect(form.get('mode')).toBe('payment');
    });
  });
});
