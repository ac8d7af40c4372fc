import { type RentSuite, runningLease, startRentSuite } from './support/rent.js';
import { INTERNAL_TOKEN, ownerRoleClient, type TestApp, type TestTenant } from './support/test-app.js';

/** The rules of the rent cycle, each refused in the envelope with the rule it breaks. */
describe('Rent cycle rules', () => {
  let t: TestApp;
  let tenant: TestTenant;
  let travelTo: RentSuite['travelTo'];
  let api: RentSuite['api'];
  const rule = (response: { status: number; body: { error: { type: string; details: { rule?: string } } } }) => ({ status: response.status, type: response.body.error?.type, rule: response.body.error?.details?.rule });

  beforeAll(async () => {
    ({ t, tenant, travelTo, api } = await startRentSuite('Rent rules'));
  });
  afterAll(() => t.close());

  it('refuses bad amounts, dates, periods and quarters with a 4xx in the envelope', async () => {
    const { leaseId } = await runningLease(t.http, tenant, {}, 'Bad input');
    travelTo('2027-01-02');
    for (const amount of [-5, 0, 10.005, '12', null, 1e13]) {
      const refused = await api('post', `/api/leases/${leaseId}/payments-received`, { amount, received_on: '2027-01-03', method: 'cash' }).expect(400);
      expect(refused.body.error.type).toBe('VALIDATION_ERROR');
    }
    await api('post', `/api/leases/${leaseId}/payments-received`, { amount: 10, received_on: '2027-02-30', method: 'cash' }).expect(400);
    await api('post', `/api/leases/${leaseId}/payments-received`, { amount: 10, received_on: '2027-01-03', method: 'bitcoin' }).expect(400);
    expect(rule(await api('post', `/api/leases/${leaseId}/rent-calls`, { period: '2026-12' }))).toEqual({ status: 422, type: 'RULE_VIOLATION', rule: 'period_in_lease' });
    await api('post', `/api/leases/${leaseId}/rent-calls`, { period: '2027-13' }).expect(400);
    await api('post', `/api/leases/${leaseId}/rent-revisions/simulate`, { new_irl_quarter: 'Q3-2027', effective_date: '2028-01-01' }).expect(400);
    travelTo('2027-12-01');
    expect(rule(await api('post', `/api/leases/${leaseId}/rent-revisions/simulate`, { new_irl_quarter: 'T3-1999', effective_date: '2028-01-01' }))).toEqual({ status: 422, type: 'RULE_VIOLATION', rule: 'index_known' });
    await api('get', `/api/leases/${leaseId}/schedule?from=2027-13-01`).expect(400);
    await api('put', `/api/leases/${leaseId}/rent`, { rent_amount: -1, effective_date: '2027-06-01', reason: 'amendment' }).expect(400);
  });

  it('calls only running leases, once per period', async () => {
    const { leaseId } = await runningLease(t.http, tenant, {}, 'Once');
    travelTo('2027-01-02');
    await api('post', `/api/leases/${leaseId}/rent-calls`, { period: '2027-01' }).expect(201);
    const again = await api('post', `/api/leases/${leaseId}/rent-calls`, { period: '2027-01' }).expect(409);
    expect(again.body.error.details.rent_call_id).toEqual(expect.any(String));
    const draft = (await api('post', '/api/leases', { estate_id: (await api('get', `/api/leases/${leaseId}`).expect(200)).body.estate_id, lease_type: 'unfurnished', start_date: '2027-01-01', rent_amount: 500 }).expect(201)).body.id;
    expect(rule(await api('post', `/api/leases/${draft}/rent-calls`, { period: '2027-01' }))).toEqual({ status: 422, type: 'RULE_VIOLATION', rule: 'lease_running' });
  });

  it('revises on the lease\'s dates and reference quarter only, late from the claim, lost after a year (art. 17-1)', async () => {
    const { leaseId } = await runningLease(t.http, tenant, {}, 'Revision');
    const revise = (body: object) => api('post', `/api/leases/${leaseId}/rent-revisions/simulate`, body);
    travelTo('2027-12-01');
    expect(rule(await revise({ new_irl_quarter: 'T3-2027', effective_date: '2028-02-01' }))).toEqual({ status: 422, type: 'RULE_VIOLATION', rule: 'revision_date' });
    expect(rule(await revise({ new_irl_quarter: 'T2-2027', effective_date: '2028-01-01' }))).toEqual({ status: 422, type: 'RULE_VIOLATION', rule: 'reference_quarter' });
    travelTo('2028-03-10');
    expect((await revise({ new_irl_quarter: 'T3-2027', effective_date: '2028-01-01' }).expect(200)).body).toMatchObject({ revision_date: '2028-01-01', claimed_on: '2028-03-10', effective_date: '2028-03-10' });
    travelTo('2029-01-02');
    expect(rule(await revise({ new_irl_quarter: 'T3-2027', effective_date: '2028-01-01' }))).toEqual({ status: 422, type: 'RULE_VIOLATION', rule: 'revision_lost' });
  });

  it('never raises the rent of F or G housing: not by revision, amendment or reletting (art. 159, loi n° 2021-1104)', async () => {
    const { leaseId, estateId } = await runningLease(t.http, tenant, { energy_label: 'G' }, 'Passoire');
    travelTo('2027-12-01');
    expect(rule(await api('post', `/api/leases/${leaseId}/rent-revisions/simulate`, { new_irl_quarter: 'T3-2027', effective_date: '2028-01-01' }))).toEqual({ status: 422, type: 'RULE_VIOLATION', rule: 'dpe_rent_freeze' });
    expect(rule(await api('put', `/api/leases/${leaseId}/rent`, { rent_amount: 820, effective_date: '2027-12-01', reason: 'amendment' }))).toEqual({ status: 422, type: 'RULE_VIOLATION', rule: 'dpe_rent_freeze' });
    await api('put', `/api/leases/${leaseId}/rent`, { rent_amount: 780, effective_date: '2027-12-01', reason: 'amendment' }).expect(200); // a decrease is fine
    await api('post', `/api/leases/${leaseId}/termination/force`, { reason: 'Départ du locataire' }).expect(200);
    const relet = { estate_id: estateId, lease_type: 'unfurnished', start_date: '2028-01-01', rent_amount: 800 };
    expect(rule(await api('post', '/api/leases', relet))).toEqual({ status: 422, type: 'RULE_VIOLATION', rule: 'dpe_rent_freeze' });
    await api('post', '/api/leases', { ...relet, rent_amount: 780 }).expect(201);
  });

  it('reverses a payment: its quittance is cancelled and the period owed again; once only', async () => {
    const { leaseId } = await runningLease(t.http, tenant, {}, 'Reversal');
    travelTo('2027-01-02');
    await api('post', `/api/leases/${leaseId}/rent-calls`, { period: '2027-01' }).expect(201);
    const payment = (await api('post', `/api/leases/${leaseId}/payments-received`, { amount: 850, received_on: '2027-01-03', method: 'cheque' }).expect(201)).body;
    const [quittance] = (await api('get', `/api/leases/${leaseId}/receipts`).expect(200)).body.data;
    expect(quittance).toMatchObject({ kind: 'quittance', cancelled_at: null });
    const reversal = (await api('post', `/api/leases/${leaseId}/payments-received/${payment.id}/reverse`, { reversed_on: '2027-01-10', reason: 'Chèque impayé' }).expect(201)).body;
    expect(reversal).toMatchObject({ amount: -850, reverses_id: payment.id });
    expect((await api('get', `/api/leases/${leaseId}/receipts/${quittance.id}`).expect(200)).body.cancelled_at).toEqual(expect.any(String));
    expect((await api('get', `/api/leases/${leaseId}/account`).expect(200)).body).toMatchObject({ balance: 850, periods: [expect.objectContaining({ status: 'UNPAID' })] });
    await api('post', `/api/leases/${leaseId}/payments-received/${payment.id}/reverse`, { reversed_on: '2027-01-11' }).expect(409);
    await api('post', `/api/leases/${leaseId}/payments-received/${reversal.id}/reverse`, { reversed_on: '2027-01-11' }).expect(409);
    expect(rule(await api('post', `/api/leases/${leaseId}/receipts/generate`, { period: '2027-01-01' }))).toEqual({ status: 422, type: 'RULE_VIOLATION', rule: 'art_21_paid_in_full' });
    await api('post', `/api/leases/${leaseId}/payments-received`, { amount: 850, received_on: '2027-01-15', method: 'transfer' }).expect(201);
    const generated = (await api('post', `/api/leases/${leaseId}/receipts/generate`, { period: '2027-01-01' }).expect(201)).body;
    expect(generated).toMatchObject({ kind: 'quittance', paid_on: '2027-01-15', cancelled_at: null });
  });

  it('emails a quittance only to lessees who consented (art. 21)', async () => {
    const consenting = await runningLease(t.http, tenant, {}, 'Consent');
    await api('put', `/api/lessees/${consenting.lesseeId}`, { email_receipts_consent: true }).expect(200);
    const silent = await runningLease(t.http, tenant, {}, 'NoConsent');
    travelTo('2027-01-02');
    const outbox = async () => (await t.http.get(`/internal/tenants/${tenant.id}/outbox?per_page=100`).set('X-Internal-Token', INTERNAL_TOKEN).expect(200)).body.data as { subject: string }[];
    const before = (await outbox()).length;
    for (const { leaseId } of [consenting, silent]) {
      await api('post', `/api/leases/${leaseId}/rent-calls`, { period: '2027-01' }).expect(201);
      await api('post', `/api/leases/${leaseId}/payments-received`, { amount: 850, received_on: '2027-01-03', method: 'transfer' }).expect(201);
    }
    const sent = (await outbox()).slice(0, (await outbox()).length - before);
    expect(sent.map((message) => message.subject)).toEqual([expect.stringMatching(/^Quittance de loyer Q-\d{4}-\d{6}$/)]);
    const owner = await ownerRoleClient();
    const { rows } = await owner.query(`SELECT email_receipts_consent_at FROM lessees WHERE id = $1`, [consenting.lesseeId]);
    await owner.end();
    expect(rows[0].email_receipts_consent_at).not.toBeNull();
  });
});
