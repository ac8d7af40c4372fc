import { type RentSuite, runningLease, startRentSuite } from './support/rent.js';
import { randomUuid, type TestApp, type TestTenant } from './support/test-app.js';

/** Notices (art. 15, loi n° 89-462), the termination workflow and the deposit's return (art. 22), over HTTP as the app role. */
describe('End of a lease', () => {
  let t: TestApp;
  let tenant: TestTenant;
  let travelTo: RentSuite['travelTo'];
  let api: RentSuite['api'];
  const rule = (response: { status: number; body: { error?: { type: string; details: { rule?: string } } } }) => ({ status: response.status, type: response.body.error?.type, rule: response.body.error?.details?.rule });

  beforeAll(async () => {
    ({ t, tenant, travelTo, api } = await startRentSuite('End of lease'));
  });
  afterAll(() => t.close());

  describe('notices (art. 15, loi n° 89-462)', () => {
    // [case, lease fields, surroundings, notice, travel to, expected notice_months, expected end_date]
    it.each([
      ['lessee, unfurnished: 3 months (art. 15 I)', {}, {}, { given_by: 'lessee', reason: 'standard', received_on: '2027-09-15' }, '2027-09-20', 3, '2027-12-15'],
      ['lessee, tense-market zone: 1 month', {}, { place: { tense_zone: true } }, { given_by: 'lessee', reason: 'standard', received_on: '2027-09-15' }, '2027-09-20', 1, '2027-10-15'],
      ['lessee, furnished: 1 month (art. 25-8)', { lease_type: 'furnished' }, {}, { given_by: 'lessee', reason: 'standard', received_on: '2027-09-15' }, '2027-09-20', 1, '2027-10-15'],
      ['lessee, first job: 1 month', {}, {}, { given_by: 'lessee', reason: 'first_job', received_on: '2027-09-15' }, '2027-09-20', 1, '2027-10-15'],
      ['lessee, RSA/AAH: 1 month', {}, {}, { given_by: 'lessee', reason: 'rsa_aah', received_on: '2027-02-28' }, '2027-03-01', 1, '2027-03-28'],
      ['landlord sale, unfurnished, tacit term of 3 years', {}, {}, { given_by: 'landlord', reason: 'sale', received_on: '2029-05-01', details: { price: 245000, conditions: 'Vente libre' } }, '2029-05-02', 6, '2029-12-31'],
      ['landlord own occupation, SCI landlord: 6-year term (art. 10)', {}, { owner: { owner_category: 'sci', legal_name: 'SCI Les Tilleuls' } }, { given_by: 'landlord', reason: 'own_occupation', received_on: '2029-05-01', details: { beneficiary: 'M. Paul Dubois, fils du gérant' } }, '2029-05-02', 6, '2032-12-31'],
      ['landlord serious reason, furnished, 1-year term, 3 months before', { lease_type: 'furnished' }, {}, { given_by: 'landlord', reason: 'serious_reason', received_on: '2027-09-30', details: { description: 'Impayés répétés' } }, '2027-10-01', 3, '2027-12-31'],
      ['landlord sale, lease with its own end date', { end_date: '2030-06-30' }, {}, { given_by: 'landlord', reason: 'sale', received_on: '2029-12-01', details: { price: 200000, conditions: 'Comptant' } }, '2029-12-02', 6, '2030-06-30'],
      ['landlord, protected lessee with a rehousing offer (art. 15 III)', {}, { lessee: { birth_date: '1950-03-01', monthly_income: 1500 } }, { given_by: 'landlord', reason: 'own_occupation', received_on: '2029-05-01', details: { beneficiary: 'Mme Dubois', rehousing_offer: 'T2, 8 rue des Acacias, Lyon 3e, 690 €' } }, '2029-05-02', 6, '2029-12-31'],
      ['landlord, lessee over 65 above the income ceiling', {}, { lessee: { birth_date: '1950-03-01', monthly_income: 3000 } }, { given_by: 'landlord', reason: 'own_occupation', received_on: '2029-05-01', details: { beneficiary: 'Mme Dubois' } }, '2029-05-02', 6, '2029-12-31'],
    ] as const)('%s', async (label, lease, around, notice, today, months, endDate) => {
      const { leaseId, estateId } = await runningLease(t.http, tenant, lease, label.slice(0, 20), around);
      travelTo(today);
      const given = (await api('post', `/api/leases/${leaseId}/notices`, notice).expect(201)).body;
      expect(given).toMatchObject({ lease_id: leaseId, given_by: notice.given_by, reason: notice.reason, received_on: notice.received_on, notice_months: months, end_date: endDate });
      // The lease is in notice, ends on that day (rent runs to it), and its termination is open.
      expect((await api('get', `/api/leases/${leaseId}`).expect(200)).body).toMatchObject({ status: 'NOTICE', end_date: endDate });
      expect((await api('get', `/api/estates/${estateId}`).expect(200)).body.rental_status).toBe('NOTICE');
      expect((await api('get', `/api/leases/${leaseId}/termination`).expect(200)).body).toMatchObject({ status: 'INITIATED', effective_date: endDate, notice_id: given.id, completion_percentage: 0, can_complete: false });
      expect((await api('get', `/api/leases/${leaseId}/notices`).expect(200)).body.data).toEqual([given]);
      expect((await api('get', `/api/leases/${leaseId}/notices/${given.id}`).expect(200)).body).toEqual(given);
      // A second notice on an ending lease: 409.
      expect(rule(await api('post', `/api/leases/${leaseId}/notices`, notice))).toMatchObject({ status: 409, type: 'CONFLICT' });
    });

    it.each([
      ['sale without price and conditions', {}, {}, { given_by: 'landlord', reason: 'sale', received_on: '2029-05-01' }, '2029-05-02', 'art_15_sale_details'],
      ['own occupation without a beneficiary', {}, {}, { given_by: 'landlord', reason: 'own_occupation', received_on: '2029-05-01', details: { price: 1 } }, '2029-05-02', 'art_15_own_occupation_details'],
      ['landlord notice less than 6 months before the term', {}, {}, { given_by: 'landlord', reason: 'sale', received_on: '2029-07-15', details: { price: 1, conditions: 'x' } }, '2029-07-16', 'art_15_notice_period'],
      ['landlord notice less than 3 months before a furnished term', { lease_type: 'furnished' }, {}, { given_by: 'landlord', reason: 'serious_reason', received_on: '2027-10-15', details: { description: 'x' } }, '2027-10-16', 'art_15_notice_period'],
      ['landlord notice on a student lease', { lease_type: 'student', end_date: '2027-09-30' }, {}, { given_by: 'landlord', reason: 'sale', received_on: '2027-05-01', details: { price: 1, conditions: 'x' } }, '2027-05-02', 'art_25_9_student_lease'],
      ['landlord notice without a legal ground', {}, {}, { given_by: 'landlord', reason: 'standard', received_on: '2029-05-01' }, '2029-05-02', 'art_15_landlord_reason'],
      ['protected lessee, no rehousing offer', {}, { lessee: { birth_date: '1950-03-01', monthly_income: 1500 } }, { given_by: 'landlord', reason: 'own_occupation', received_on: '2029-05-01', details: { beneficiary: 'Mme Dubois' } }, '2029-05-02', 'art_15_III_protected_lessee'],
      ['protected lessee whose income is unknown', {}, { lessee: { birth_date: '1950-03-01' } }, { given_by: 'landlord', reason: 'own_occupation', received_on: '2029-05-01', details: { beneficiary: 'Mme Dubois' } }, '2029-05-02', 'art_15_III_protected_lessee'],
      ['a lessee giving a landlord\'s reason', {}, {}, { given_by: 'lessee', reason: 'sale', received_on: '2027-09-15' }, '2027-09-20', 'lessee_reason'],
      ['a commercial lease', { lease_type: 'commercial' }, {}, { given_by: 'lessee', reason: 'standard', received_on: '2027-09-15' }, '2027-09-20', 'loi_89_only'],
      ['a notice received in the future', {}, {}, { given_by: 'lessee', reason: 'standard', received_on: '2027-09-25' }, '2027-09-20', 'received_on_not_future'],
      ['a notice received before the lease starts', {}, {}, { given_by: 'lessee', reason: 'standard', received_on: '2026-12-15' }, '2027-09-20', 'received_on_in_lease'],
    ] as const)('refuses %s: 422 naming the rule, nothing written', async (label, lease, around, notice, today, name) => {
      const { leaseId } = await runningLease(t.http, tenant, lease, label.slice(0, 20), around);
      travelTo(today);
      expect(rule(await api('post', `/api/leases/${leaseId}/notices`, notice))).toEqual({ status: 422, type: 'RULE_VIOLATION', rule: name });
      expect((await api('get', `/api/leases/${leaseId}`).expect(200)).body.status).toBe('ACTIVE');
      expect((await api('get', `/api/leases/${leaseId}/notices`).expect(200)).body.data).toEqual([]);
      await api('get', `/api/leases/${leaseId}/termination`).expect(404);
    });

    it('refuses malformed notices with 400, and notices on a lease that is not ACTIVE with 409', async () => {
      const { leaseId } = await runningLease(t.http, tenant, {}, 'Malformed');
      travelTo('2027-09-20');
      for (const bad of [
        { given_by: 'tenant', reason: 'standard', received_on: '2027-09-15' },
        { given_by: 'lessee', reason: 'bored', received_on: '2027-09-15' },
        { given_by: 'lessee', reason: 'standard', received_on: '2027-02-30' },
        { given_by: 'lessee', reason: 'standard' },
        { given_by: 'landlord', reason: 'sale', received_on: '2027-09-15', details: { price: -1 } },
        { given_by: 'landlord', reason: 'sale', received_on: '2027-09-15', details: 'cash' },
      ]) {
        expect((await api('post', `/api/leases/${leaseId}/notices`, bad).expect(400)).body.error.type).toBe('VALIDATION_ERROR');
      }
      const draft = (await api('post', '/api/leases', { estate_id: (await api('get', `/api/leases/${leaseId}`)).body.estate_id, lease_type: 'unfurnished', start_date: '2027-01-01', rent_amount: 500 }).expect(201)).body.id;
      expect(rule(await api('post', `/api/leases/${draft}/notices`, { given_by: 'lessee', reason: 'standard', received_on: '2027-09-15' }))).toMatchObject({ status: 409, type: 'CONFLICT' });
      await api('post', `/api/leases/${randomUuid()}/notices`, { given_by: 'lessee', reason: 'standard', received_on: '2027-09-15' }).expect(404);
      await api('get', `/api/leases/${leaseId}/notices/${randomUuid()}`).expect(404);
    });

    it('after a landlord\'s notice, rent stops when the lessee actually leaves; after a lessee\'s, a relet ends it early', async () => {
      const landlord = await runningLease(t.http, tenant, {}, 'Occupation');
      travelTo('2029-05-02');
      await api('post', `/api/leases/${landlord.leaseId}/notices`, { given_by: 'landlord', reason: 'sale', received_on: '2029-05-01', details: { price: 1, conditions: 'x' } }).expect(201);
      travelTo('2029-09-20');
      const left = (await api('put', `/api/leases/${landlord.leaseId}/termination/checklist/keys_returned`, { done: true, on: '2029-09-15' }).expect(200)).body;
      expect(left).toMatchObject({ status: 'EXIT_PENDING', effective_date: '2029-09-15', checklist: { keys_returned: { done: true, on: '2029-09-15', source: 'manual' } } });
      expect((await api('get', `/api/leases/${landlord.leaseId}`)).body.end_date).toBe('2029-09-15');
      expect(rule(await api('put', `/api/leases/${landlord.leaseId}/termination/relet`, { relet_from: '2029-09-01' }))).toEqual({ status: 422, type: 'RULE_VIOLATION', rule: 'relet_after_lessee_notice' });

      const lessee = await runningLease(t.http, tenant, {}, 'Relet');
      travelTo('2027-09-20');
      await api('post', `/api/leases/${lessee.leaseId}/notices`, { given_by: 'lessee', reason: 'standard', received_on: '2027-09-15' }).expect(201);
      // Keys returned early do not stop a lessee's rent before the end of the notice...
      travelTo('2027-10-01');
      expect((await api('put', `/api/leases/${lessee.leaseId}/termination/checklist/keys_returned`, { done: true, on: '2027-09-30' }).expect(200)).body.effective_date).toBe('2027-12-15');
      // ...a new tenant taking the unit with the landlord's agreement does.
      expect(rule(await api('put', `/api/leases/${lessee.leaseId}/termination/relet`, { relet_from: '2027-12-16' }))).toEqual({ status: 422, type: 'RULE_VIOLATION', rule: 'relet_before_end' });
      expect((await api('put', `/api/leases/${lessee.leaseId}/termination/relet`, { relet_from: '2027-11-01' }).expect(200)).body.effective_date).toBe('2027-10-31');
      expect((await api('get', `/api/leases/${lessee.leaseId}`)).body.end_date).toBe('2027-10-31');
      await api('put', `/api/leases/${lessee.leaseId}/termination/relet`, { relet_from: '2027-11-31' }).expect(400);
    });
  });

  describe('the termination workflow: every step, allowed or refused', () => {
    it('follows its checklist from INITIATED to COMPLETED, and the lease to ARCHIVED', async () => {
      const { leaseId, estateId } = await runningLease(t.http, tenant, {}, 'Checklist');
      travelTo('2027-11-02');
      const path = `/api/leases/${leaseId}`;
      // [step, method, path, body, expected HTTP status, expected termination status after it (null: no termination yet), expected error rule/type]
      const steps: [string, 'get' | 'post' | 'put', string, object | undefined, number, string | null, string?][] = [
        ['no termination yet', 'get', `${path}/termination`, undefined, 404, null],
        ['PUT status TERMINATED names the workflow', 'put', `${path}/status`, { status: 'TERMINATED' }, 409, null, 'CONFLICT'],
        ['PUT status ARCHIVED names the archive route', 'put', `${path}/status`, { status: 'ARCHIVED' }, 409, null, 'CONFLICT'],
        ['archive an ACTIVE lease', 'put', `${path}/archive`, undefined, 422, null, 'INVALID_TRANSITION'],
        ['complete before it starts', 'put', `${path}/termination/complete`, undefined, 404, null],
        ['tick before it starts', 'put', `${path}/termination/checklist/keys_returned`, { done: true }, 404, null],
        ['start with a bad date', 'post', `${path}/termination`, { reason: 'Accord amiable', effective_date: '2027-12-32' }, 400, null, 'VALIDATION_ERROR'],
        ['start before the lease', 'post', `${path}/termination`, { reason: 'Accord amiable', effective_date: '2026-12-31' }, 422, null, 'effective_date_in_lease'],
        ['start', 'post', `${path}/termination`, { reason: 'Résiliation amiable', effective_date: '2027-11-30' }, 201, 'INITIATED'],
        ['start twice', 'post', `${path}/termination`, { reason: 'Encore', effective_date: '2027-11-30' }, 409, 'INITIATED', 'CONFLICT'],
        ['a notice on an ending lease', 'post', `${path}/notices`, { given_by: 'lessee', reason: 'standard', received_on: '2027-11-01' }, 409, 'INITIATED', 'CONFLICT'],
        ['an unknown checklist key', 'put', `${path}/termination/checklist/paint_done`, { done: true }, 400, 'INITIATED', 'VALIDATION_ERROR'],
        ['a checklist body without done', 'put', `${path}/termination/checklist/keys_returned`, { on: '2027-11-01' }, 400, 'INITIATED', 'VALIDATION_ERROR'],
        ['keys returned in the future', 'put', `${path}/termination/checklist/keys_returned`, { done: true, on: '2027-11-03' }, 422, 'INITIATED', 'not_in_future'],
        ['complete with nothing done', 'put', `${path}/termination/complete`, undefined, 422, 'INITIATED', 'checklist_complete'],
        ['keys returned', 'put', `${path}/termination/checklist/keys_returned`, { done: true, on: '2027-11-01' }, 200, 'EXIT_PENDING'],
        ['charges settled', 'put', `${path}/termination/checklist/charges_settled`, { done: true }, 200, 'EXIT_PENDING'],
        ['exit report signed (on paper)', 'put', `${path}/termination/checklist/exit_report_signed`, { done: true, on: '2027-11-01' }, 200, 'SETTLEMENT_PENDING'],
        ['keys untick', 'put', `${path}/termination/checklist/keys_returned`, { done: false }, 200, 'EXIT_PENDING'],
        ['keys tick again', 'put', `${path}/termination/checklist/keys_returned`, { done: true, on: '2027-11-01' }, 200, 'SETTLEMENT_PENDING'],
        ['deposit ticked by hand while the lease has a deposit', 'put', `${path}/termination/checklist/deposit_settled`, { done: true }, 422, 'SETTLEMENT_PENDING', 'deposit_settlement_required'],
        ['complete without the deposit', 'put', `${path}/termination/complete`, undefined, 422, 'SETTLEMENT_PENDING', 'checklist_complete'],
        ['deposit settlement', 'post', `${path}/deposit/return`, { deductions: [], exit_matches_entry: true }, 201, 'SETTLEMENT_PENDING'],
        ['deposit paid', 'put', `${path}/deposit/return`, { paid_on: '2027-11-02' }, 200, 'SETTLEMENT_PENDING'],
        ['deposit item follows the settlement', 'put', `${path}/termination/checklist/deposit_settled`, { done: false }, 409, 'SETTLEMENT_PENDING', 'CONFLICT'],
        ['complete', 'put', `${path}/termination/complete`, undefined, 200, 'COMPLETED'],
        ['complete twice', 'put', `${path}/termination/complete`, undefined, 409, 'COMPLETED', 'CONFLICT'],
        ['force once completed', 'post', `${path}/termination/force`, { reason: 'x' }, 409, 'COMPLETED', 'CONFLICT'],
        ['tick once completed', 'put', `${path}/termination/checklist/charges_settled`, { done: false }, 409, 'COMPLETED', 'CONFLICT'],
        ['relet once completed', 'put', `${path}/termination/relet`, { relet_from: '2027-11-15' }, 409, 'COMPLETED', 'CONFLICT'],
        ['archive', 'put', `${path}/archive`, undefined, 200, 'COMPLETED'],
        ['archive twice', 'put', `${path}/archive`, undefined, 422, 'COMPLETED', 'INVALID_TRANSITION'],
      ];
      const seen: string[] = [];
      for (const [step, method, url, body, status, terminationStatus, error] of steps) {
        const response = await api(method, url, body);
        seen.push(`${step}: ${response.status}`);
        expect(seen.at(-1)).toBe(`${step}: ${status}`);
        if (error) expect([response.body.error.type, response.body.error.details?.rule]).toContain(error);
        if (terminationStatus) expect(`${step}: ${(await api('get', `${path}/termination`)).body.status}`).toBe(`${step}: ${terminationStatus}`);
      }
      const termination = (await api('get', `${path}/termination`).expect(200)).body;
      expect(termination).toMatchObject({
        status: 'COMPLETED', completion_percentage: 100, can_complete: false, missing: [], forced_reason: null, effective_date: '2027-11-30',
        checklist: {
          keys_returned: { done: true, on: '2027-11-01', source: 'manual' },
          exit_report_signed: { done: true, on: '2027-11-01', source: 'manual' },
          deposit_settled: { done: true, on: '2027-11-02', source: 'deposit_settlement' },
          charges_settled: { done: true, on: '2027-11-02', source: 'manual' },
        },
      });
      expect((await api('get', path)).body).toMatchObject({ status: 'ARCHIVED', end_date: '2027-11-30' });
      expect((await api('get', `/api/estates/${estateId}`)).body.rental_status).toBe('VACANT');
    });

    it('forces a termination without its checklist, keeping the reason', async () => {
      const { leaseId } = await runningLease(t.http, tenant, {}, 'Forced');
      travelTo('2027-06-10');
      const forced = (await api('post', `/api/leases/${leaseId}/termination/force`, { reason: 'Abandon du logement constaté par huissier', effective_date: '2027-06-05' }).expect(200)).body;
      expect(forced).toMatchObject({ status: 'COMPLETED', forced_reason: 'Abandon du logement constaté par huissier', effective_date: '2027-06-05', completion_percentage: 0, missing: [] });
      expect((await api('get', `/api/leases/${leaseId}`)).body).toMatchObject({ status: 'TERMINATED', end_date: '2027-06-05' });
      await api('post', `/api/leases/${leaseId}/termination/force`, {}).expect(400);
    });
  });

  describe('the deposit\'s return (art. 22, loi n° 89-462)', () => {
    const ending = async (label: string, around = {}, lease = {}) => {
      const ids = await runningLease(t.http, tenant, lease, label, around);
      travelTo('2027-09-20');
      await api('post', `/api/leases/${ids.leaseId}/notices`, { given_by: 'lessee', reason: 'standard', received_on: '2027-09-15' }).expect(201);
      travelTo('2027-12-20');
      await api('put', `/api/leases/${ids.leaseId}/termination/checklist/keys_returned`, { done: true, on: '2027-12-15' }).expect(200);
      return ids;
    };

    it('refuses deductions beyond the deposit, a hold-back outside a collective building or above 20 %, and bad input', async () => {
      const { leaseId } = await ending('Deposit rules');
      const base = `/api/leases/${leaseId}/deposit/return`;
      const deduction = (amount: number) => ({ label: 'Peinture', amount, reason: 'Murs tachés' });
      expect(rule(await api('post', base, { deductions: [deduction(500), deduction(300.01)], exit_matches_entry: false }))).toEqual({ status: 422, type: 'RULE_VIOLATION', rule: 'deductions_within_deposit' });
      expect(rule(await api('post', base, { deductions: [], held_back: 160.01, exit_matches_entry: false }))).toEqual({ status: 422, type: 'RULE_VIOLATION', rule: 'art_22_held_back_max' });
      expect(rule(await api('post', base, { deductions: [deduction(700)], held_back: 160, exit_matches_entry: false }))).toEqual({ status: 422, type: 'RULE_VIOLATION', rule: 'deductions_within_deposit' });
      expect(rule(await api('post', base, { deductions: [] }))).toEqual({ status: 422, type: 'RULE_VIOLATION', rule: 'exit_matches_entry_required' });
      expect(rule(await api('post', base, { deductions: [], exit_matches_entry: true, paid_on: '2027-12-01' }))).toEqual({ status: 422, type: 'RULE_VIOLATION', rule: 'after_keys_returned' });
      expect(rule(await api('post', base, { deductions: [], exit_matches_entry: true, paid_on: '2027-12-21' }))).toEqual({ status: 422, type: 'RULE_VIOLATION', rule: 'not_in_future' });
      for (const bad of [
        { deductions: [deduction(0)], exit_matches_entry: true },
        { deductions: [deduction(10.001)], exit_matches_entry: true },
        { deductions: [{ label: 'Peinture', amount: 10 }], exit_matches_entry: true },
        { deductions: 'all', exit_matches_entry: true },
        { deductions: [], exit_matches_entry: 'yes' },
        { deductions: [], exit_matches_entry: true, keys_returned_on: '2027-02-29' },
      ]) {
        expect((await api('post', base, bad).expect(400)).body.error.type).toBe('VALIDATION_ERROR');
      }
      await api('get', base).expect(404);
      await api('put', base, { paid_on: '2027-12-20' }).expect(404);

      const individual = await ending('Deposit house', { place: { place_category: 'individual' } });
      expect(rule(await api('post', `/api/leases/${individual.leaseId}/deposit/return`, { deductions: [], held_back: 10, exit_matches_entry: true }))).toEqual({ status: 422, type: 'RULE_VIOLATION', rule: 'art_22_held_back_collective' });

      const notEnding = await runningLease(t.http, tenant, {}, 'Deposit early');
      expect(rule(await api('post', `/api/leases/${notEnding.leaseId}/deposit/return`, { deductions: [], exit_matches_entry: true }))).toMatchObject({ status: 409, type: 'CONFLICT' });
      const noDeposit = await ending('No deposit', {}, { deposit_amount: null });
      expect(rule(await api('post', `/api/leases/${noDeposit.leaseId}/deposit/return`, { deductions: [], exit_matches_entry: true }))).toEqual({ status: 422, type: 'RULE_VIOLATION', rule: 'no_deposit' });
      await api('put', `/api/leases/${noDeposit.leaseId}/termination/checklist/deposit_settled`, { done: true }).expect(200);
    });

    it('holds back up to 20 % in a collective building, pays arrears from the deposit (an account entry), and the balance when the accounts are approved', async () => {
      const { leaseId } = await ending('Hold back');
      await api('post', `/api/leases/${leaseId}/rent-calls`, { period: '2027-12' }).expect(201); // 800 + 50, prorated to the 15th
      const owed = (await api('get', `/api/leases/${leaseId}/account`).expect(200)).body.balance;
      expect(owed).toBeGreaterThan(0);
      const settlement = (await api('post', `/api/leases/${leaseId}/deposit/return`, {
        deductions: [{ label: 'Nettoyage', amount: 120, reason: 'Logement rendu sale' }], held_back: 160, deduct_arrears: true, exit_matches_entry: false, forwarding_address_on: '2027-12-15',
      }).expect(201)).body;
      expect(settlement).toMatchObject({
        deposit_amount: 800, deducted_total: 120, held_back: 160, arrears_deducted: owed, keys_returned_on: '2027-12-15', exit_matches_entry: false, due_date: '2028-02-15',
        penalty: 0, amount_returned: Math.round((800 - 120 - 160 - owed) * 100) / 100, paid_on: null, document_id: expect.any(String),
      });
      const account = (await api('get', `/api/leases/${leaseId}/account`)).body;
      expect(account.balance).toBe(0);
      expect(account.lines.at(-1)).toMatchObject({ type: 'payment', label: 'Retenue sur le dépôt de garantie', credit: owed });
      expect(rule(await api('post', `/api/leases/${leaseId}/deposit/return`, { deductions: [], exit_matches_entry: true }))).toMatchObject({ status: 409, type: 'CONFLICT' });

      travelTo('2028-06-01');
      const approved = (await api('put', `/api/leases/${leaseId}/deposit/return`, { paid_on: '2028-02-10', accounts_approved_on: '2028-05-20' }).expect(200)).body;
      expect(approved).toMatchObject({ paid_on: '2028-02-10', penalty: 0, held_back_due_date: '2028-06-20' });
      expect((await api('put', `/api/leases/${leaseId}/deposit/return`, { paid_on: '2028-02-11' })).status).toBe(409);
      expect((await api('put', `/api/leases/${leaseId}/deposit/return`, { held_back_paid_on: '2028-06-02' })).status).toBe(422);
      expect((await api('put', `/api/leases/${leaseId}/deposit/return`, { held_back_paid_on: '2028-06-01' }).expect(200)).body.held_back_paid_on).toBe('2028-06-01');
      const documents = (await api('get', `/api/leases/${leaseId}/documents`)).body.data.filter((document: { kind: string }) => document.kind === 'deposit_settlement_pdf');
      expect(documents.map((document: { version: number }) => document.version)).toEqual([3, 2, 1]); // a version per change: created, paid, held back paid
    });
  });
});
