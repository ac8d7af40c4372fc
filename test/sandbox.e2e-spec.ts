import { type Proof } from '../src/modules/signatures/proof/proof-chain.js';
import { signableLease } from './support/signing.js';
import { createTenant, INTERNAL_TOKEN, internalPath, sandboxOf, startTestApp, type TestApp, type TestTenant } from './support/test-app.js';
import { binary, readPdf } from './support/pdf.js';

const URLS = { success_url: 'https://app.example.fr/ok', cancel_url: 'https://app.example.fr/ko' };
const pdfPages = async (bytes: Buffer) => (await readPdf(bytes)).pages;

/**
 * The sandbox is a world of its own (SPEC section 2): its own data space, play credits, manual
 * payments only, notifications that never leave the outbox, specimen PDFs, and the code 000000,
 * recorded as such in the proof. Configured here with Stripe and SMTP, to prove neither is reached.
 */
describe('Sandbox data space', () => {
  let t: TestApp;
  let live: TestTenant;
  let sandbox: TestTenant;
  const internal = (method: 'get' | 'post' | 'put', path: string) => t.http[method](path).set('X-Internal-Token', INTERNAL_TOKEN);

  beforeAll(async () => {
    // Unreachable on purpose: a sandbox request that tried Stripe or SMTP would fail.
    t = await startTestApp({ PAYMENT_PROVIDER: 'stripe', STRIPE_SECRET_KEY: 'sk_test_unreachable', STRIPE_WEBHOOK_SECRET: 'whsec_unused', SMTP_URL: 'smtp://127.0.0.1:9' });
    live = await createTenant(t.http, 'Sandboxed');
    sandbox = await sandboxOf(t.http, live);
  });
  afterAll(() => t.close());

  it('is created with the tenant: its own tenant row, reached internally with ?environment=sandbox', async () => {
    const liveRow = (await internal('get', `/internal/tenants/${live.id}`).expect(200)).body;
    const twin = (await internal('get', `/internal/tenants/${live.id}?environment=sandbox`).expect(200)).body;
    expect(liveRow).toMatchObject({ id: live.id, environment: 'live' });
    expect(twin).toMatchObject({ name: liveRow.name, environment: 'sandbox' });
    expect(twin.id).not.toBe(live.id);
    const refused = await internal('get', `/internal/tenants/${live.id}/users?environment=sandbox`).expect(400);
    expect(refused.body.error.details.fields[0].field).toBe('environment');
    await internal('get', `/internal/tenants/${live.id}?environment=staging`).expect(400);
  });

  it('has its own rate limit', async () => {
    await internal('put', `/internal/tenants/${live.id}?environment=sandbox`).send({ rate_limit_per_hour: 5000 }).expect(200);
    const inSandbox = await t.http.get('/api/owners').set(sandbox.auth).expect(200);
    const inLive = await t.http.get('/api/owners').set(live.auth).expect(200);
    expect(inSandbox.headers['x-ratelimit-limit']).toBe('5000');
    expect(inLive.headers['x-ratelimit-limit']).toBe('1000000');
  });

  it('gets play credits from the internal API, never live ones', async () => {
    const refused = await internal('post', `/internal/tenants/${live.id}/credits/grants`).send({ credits: 10, reason: 'try' }).expect(422);
    expect(refused.body.error.type).toBe('RULE_VIOLATION');
    const granted = await internal('post', `/internal/tenants/${live.id}/credits/grants?environment=sandbox`).send({ credits: 10, reason: 'integration tests' }).expect(201);
    expect(granted.body).toMatchObject({ type: 'adjustment', amount: 10, balance_after: 10, reference: 'grant:integration tests' });
    expect((await t.http.get('/api/credits/balance').set(sandbox.auth).expect(200)).body.balance).toBe(10);
    expect((await t.http.get('/api/credits/balance').set(live.auth).expect(200)).body.balance).toBe(0);
  });

  it('pays through the manual provider only, completed with ?environment=sandbox', async () => {
    const payment = await t.http.post('/api/credits/purchase').set(sandbox.auth).send({ package_id: 'credits_5', ...URLS }).expect(201);
    expect(payment.body).toMatchObject({ provider: 'manual', checkout_url: null, status: 'pending' });
    await internal('post', `/internal/tenants/${live.id}/payments/${payment.body.id}/complete`).expect(404); // not in the live space
    await internal('post', internalPath(sandbox, `/internal/tenants/${live.id}/payments/${payment.body.id}/complete`)).expect(200);
    expect((await t.http.get('/api/credits/balance').set(sandbox.auth).expect(200)).body.balance).toBe(15);
  });

  it('signs with 000000, records it in the proof, keeps codes in the outbox and stamps every PDF as a specimen', async () => {
    const { leaseId, documentId } = await signableLease(t.http, sandbox, 'Sandbox');
    const leasePdf = (await t.http.get(`/api/documents/${documentId}/download`).set(sandbox.auth).buffer(true).parse(binary).expect(200)).body as Buffer;
    for (const page of await pdfPages(leasePdf)) expect(page).toContain('SPECIMEN – SANDBOX');

    const signature = (await t.http.post(`/api/leases/${leaseId}/signature/initiate`).set(sandbox.auth).send({ document_id: documentId, signers: [{ type: 'owner', name: 'Claire Bailleur', email: 'claire@example.fr' }] }).expect(201)).body;
    const signer = signature.signers[0].id;
    await t.http.post(`/api/leases/${leaseId}/signature/signers/${signer}/otp`).set(sandbox.auth).expect(200);
    const outbox = (await internal('get', internalPath(sandbox, `/internal/tenants/${live.id}/outbox`)).expect(200)).body.data;
    expect(outbox[0]).toMatchObject({ delivery: 'dashboard', recipient: 'claire@example.fr' }); // SMTP is configured, and not used
    await t.http.post(`/api/leases/${leaseId}/signature/signers/${signer}/validate`).set(sandbox.auth).send({ otp: '000000' }).expect(200);

    const proof = (await t.http.get(`/api/leases/${leaseId}/signature/proof`).set(sandbox.auth).expect(200)).body as Proof;
    expect(proof.status).toBe('COMPLETED');
    expect(proof.events.find((event) => event.type === 'initiated')?.details).toMatchObject({ environment: 'sandbox' });
    expect(proof.events.find((event) => event.type === 'otp_validated')?.details).toMatchObject({ sandbox_code: true });
    const signedPdf = (await t.http.get(`/api/leases/${leaseId}/signature/document`).set(sandbox.auth).buffer(true).parse(binary).expect(200)).body as Buffer;
    const pages = await pdfPages(signedPdf);
    for (const page of pages) expect(page.split('SPECIMEN – SANDBOX').length - 1).toBe(1); // each page once, certificate included
    expect(pages.at(-1)).toContain('Certificat de signature électronique');
  });

  it('never lets a live key use the sandbox code or see sandbox data', async () => {
    const { leaseId } = await signableLease(t.http, sandbox, 'Hidden');
    await t.http.get(`/api/leases/${leaseId}`).set(live.auth).expect(404);
  });
});
