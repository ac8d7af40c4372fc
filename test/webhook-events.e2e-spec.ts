import { EVENT_TYPES } from '../src/core/events/event-types.js';
import { Clock } from '../src/core/time/clock.js';
import { buyCredits, latestCode, signableLease } from './support/signing.js';
import { createTenant, startTestApp, type TestApp, type TestTenant } from './support/test-app.js';

const OWNER_SIGNER = [{ type: 'owner', name: 'Claire Bailleur', email: 'claire@example.fr' }];

/**
 * Every event type, emitted by the place that makes its change: a lease signed through the
 * platform, then run (a rent call, money received, a receipt) and ended (a notice, a forced
 * termination); a purchase; the balance falling below its threshold; a signature left to expire.
 */
describe('Webhook events, where they happen', () => {
  let t: TestApp;
  let tenant: TestTenant;

  beforeAll(async () => {
    t = await startTestApp({ CREDITS_LOW_BALANCE_THRESHOLD: '5' });
    tenant = await createTenant(t.http, 'Events suite');
  });
  afterAll(() => t.close());

  const api = (method: 'get' | 'post' | 'put', path: string, body?: object) => {
    const request = t.http[method](path).set(tenant.auth);
    return body ? request.send(body) : request;
  };

  it('emits each type once its change is made, with the resource as the API answers it', async () => {
    await buyCredits(t.http, tenant, 'credits_5'); // payment.succeeded; balance 5
    const { leaseId, documentId } = await signableLease(t.http, tenant, 'Events'); // document.generated
    const signature = (await api('post', `/api/leases/${leaseId}/signature/initiate`, { document_id: documentId, signers: OWNER_SIGNER }).expect(201)).body; // 5 → 4: credits.balance_low
    const signer = signature.signers[0].id;
    await api('post', `/api/leases/${leaseId}/signature/signers/${signer}/otp`).expect(200);
    const { code } = await latestCode(t.http, tenant.id);
    const signed = (await api('post', `/api/leases/${leaseId}/signature/signers/${signer}/validate`, { otp: code }).expect(200)).body; // signer_completed, completed, lease ACTIVE

    const forgotten = await signableLease(t.http, tenant, 'Forgotten');
    await api('post', `/api/leases/${forgotten.leaseId}/signature/initiate`, { document_id: forgotten.documentId, signers: OWNER_SIGNER }).expect(201);
    const clock = t.app.get(Clock);
    clock.advance(15 * 86_400_000);
    expect((await api('get', `/api/leases/${forgotten.leaseId}/signature`).expect(200)).body.status).toBe('EXPIRED'); // signature.expired

    const today = clock.now().toISOString().slice(0, 10);
    const call = (await api('post', `/api/leases/${leaseId}/rent-calls`, { period: today.slice(0, 7) }).expect(201)).body;
    const payment = (await api('post', `/api/leases/${leaseId}/payments-received`, { amount: 100, received_on: today, method: 'transfer' }).expect(201)).body;
    const notice = (await api('post', `/api/leases/${leaseId}/notices`, { given_by: 'lessee', reason: 'standard', received_on: today }).expect(201)).body;
    const termination = (await api('post', `/api/leases/${leaseId}/termination/force`, { reason: 'Départ sans préavis' }).expect(200)).body;

    const events = (await api('get', '/api/events?per_page=100').expect(200)).body.data as { type: string; data: Record<string, unknown> }[];
    const ofType = (type: string) => events.filter((event) => event.type === type).map((event) => event.data);
    expect(new Set(events.map((event) => event.type))).toEqual(new Set(EVENT_TYPES.filter((type) => type !== 'ping' && type !== 'webhook_endpoint.disabled')));

    expect(ofType('payment.succeeded')).toEqual([expect.objectContaining({ status: 'succeeded', credits: 5 })]);
    expect(ofType('credits.balance_low')).toEqual([{ balance: 4, threshold: 5, updated_at: expect.any(String) }]); // once per crossing
    expect(ofType('signature.signer_completed')).toEqual([expect.objectContaining({ id: signature.id, signers: [expect.objectContaining({ id: signer, status: 'COMPLETED' })] })]);
    expect(ofType('signature.completed')).toEqual([signed]);
    expect(ofType('signature.expired')).toEqual([expect.objectContaining({ lease_id: forgotten.leaseId, status: 'EXPIRED' })]);
    expect(ofType('rent_call.issued')).toEqual([call]);
    expect(ofType('rent_payment.received')).toEqual([payment]);
    expect(ofType('receipt.issued')).toEqual([expect.objectContaining({ lease_id: leaseId, kind: 'recu', payment_id: payment.id })]);
    expect(ofType('notice.given')).toEqual([notice]);
    expect(ofType('termination.completed')).toEqual([termination]);
    // Newest first: DRAFT → PENDING_SIGNATURE → ACTIVE → NOTICE → TERMINATED for the signed lease.
    expect(ofType('lease.status_changed').filter((lease) => lease.id === leaseId).map((lease) => lease.status)).toEqual(['TERMINATED', 'NOTICE', 'ACTIVE', 'PENDING_SIGNATURE']);
    expect(ofType('document.generated').map((document) => document.kind)).toEqual(expect.arrayContaining(['lease_pdf', 'signed_lease_pdf', 'rent_call_pdf', 'receipt_pdf']));
    expect(JSON.stringify(events)).not.toMatch(/tenant_id|storage_key|otp_hash/);
  });
});
