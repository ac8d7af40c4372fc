import { Jobs } from '../src/core/jobs/jobs.js';
import { RentCallRunsService } from '../src/modules/rent/calls/rent-call-runs.service.js';
import { type RentSuite, runningLease, startRentSuite } from './support/rent.js';
import { createTenant, type TestApp, type TestTenant } from './support/test-app.js';

/**
 * A year of a lease's rent, over HTTP, against a table computed by hand: monthly calls, a partial
 * payment, a late one, an overpayment carried as a credit, and the IRL revision at month 12.
 */
describe('Rent cycle', () => {
  let t: TestApp;
  let tenant: TestTenant;
  let travelTo: RentSuite['travelTo'];
  let api: RentSuite['api'];

  beforeAll(async () => {
    ({ t, tenant, travelTo, api } = await startRentSuite('Rent cycle'));
  });
  afterAll(() => t.close());

  it('runs twelve months to the cent: calls, partial, late and over-payments, receipts, arrears, and the IRL revision', async () => {
    const { leaseId } = await runningLease(t.http, tenant);
    const call = async (month: string) => {
      travelTo(`${month}-01`);
      return (await api('post', `/api/leases/${leaseId}/rent-calls`, { period: month }).expect(201)).body;
    };
    const pay = async (amount: number, on: string) => {
      travelTo(on);
      return (await api('post', `/api/leases/${leaseId}/payments-received`, { amount, received_on: on, method: 'transfer' }).expect(201)).body;
    };

    const january = await call('2027-01');
    expect(january).toMatchObject({ period_start: '2027-01-01', period_end: '2027-01-31', due_date: '2027-01-05', rent_amount: 800, charges_amount: 50, total: 850 });
    await pay(850, '2027-01-04');
    await call('2027-02');
    await pay(500, '2027-02-06'); // partial: charges 50 + rent 450 → a reçu
    await pay(350, '2027-02-20'); // completes February → its quittance
    await call('2027-03');
    await call('2027-04');
    travelTo('2027-04-08');
    const arrears = (await api('get', '/api/arrears').expect(200)).body.data;
    expect(arrears).toEqual([{ lease_id: leaseId, overdue_amount: 1700, oldest_due_date: '2027-03-05', days_late: 34 }]);
    await pay(850, '2027-04-10'); // late: pays March, the oldest
    await pay(850, '2027-04-25');
    await call('2027-05');
    await pay(1000, '2027-05-03'); // 150 too much: a credit
    expect((await api('get', `/api/leases/${leaseId}/account`).expect(200)).body).toMatchObject({ balance: -150, credit: 150 });
    await call('2027-06'); // the credit pays 150 of June at once (charges 50, rent 100)
    await pay(700, '2027-06-05');
    for (const month of ['07', '08', '09', '10', '11', '12']) {
      await call(`2027-${month}`);
      await pay(850, `2027-${month}-04`);
    }

    // Month 12: the yearly revision for 2028-01-01, on the lease's reference quarter T3.
    travelTo('2027-12-15');
    const revision = { new_irl_quarter: 'T3-2027', effective_date: '2028-01-01' };
    const simulated = (await api('post', `/api/leases/${leaseId}/rent-revisions/simulate`, revision).expect(200)).body;
    // 800 × 146.02 ÷ 143.27 = 815.3556… → 815.36 (art. 17-1)
    expect(simulated).toMatchObject({ previous_rent: 800, new_rent: 815.36, previous_quarter: 'T3-2026', effective_date: '2028-01-01', claimed_on: '2027-12-15' });
    expect((await api('get', `/api/leases/${leaseId}/rent-revisions`).expect(200)).body.data).toEqual([]); // simulating stores nothing
    const recorded = (await api('post', `/api/leases/${leaseId}/rent-revisions`, revision).expect(201)).body;
    await api('post', `/api/leases/${leaseId}/rent-revisions/${recorded.id}/apply`).expect(200);
    const nextYear = await call('2028-01');
    expect(nextYear).toMatchObject({ rent_amount: 815.36, charges_amount: 50, total: 865.36 });

    travelTo('2028-01-10');
    const account = (await api('get', `/api/leases/${leaseId}/account`).expect(200)).body;
    // Calls: 12 × 850 + 865.36 = 11 065.36. Received: 10 200. Owed: 865.36, overdue since 2028-01-05.
    expect({ balance: account.balance, credit: account.credit, overdue: account.overdue }).toEqual({ balance: 865.36, credit: 0, overdue: 865.36 });
    expect(account.periods.map((period: { period_start: string; status: string; paid_in_full_on: string | null }) => [period.period_start.slice(0, 7), period.status, period.paid_in_full_on])).toEqual([
      ['2027-01', 'PAID', '2027-01-04'], ['2027-02', 'PAID', '2027-02-20'], ['2027-03', 'PAID', '2027-04-10'], ['2027-04', 'PAID', '2027-04-25'],
      ['2027-05', 'PAID', '2027-05-03'], ['2027-06', 'PAID', '2027-06-05'], ['2027-07', 'PAID', '2027-07-04'], ['2027-08', 'PAID', '2027-08-04'],
      ['2027-09', 'PAID', '2027-09-04'], ['2027-10', 'PAID', '2027-10-04'], ['2027-11', 'PAID', '2027-11-04'], ['2027-12', 'PAID', '2027-12-04'],
      ['2028-01', 'UNPAID', null],
    ]);
    expect(account.lines.at(-1)).toMatchObject({ type: 'rent_call', debit: 865.36, balance: 865.36 });

    const receipts = (await api('get', `/api/leases/${leaseId}/receipts?per_page=100&sort=number`).expect(200)).body.data;
    const quittances = receipts.filter((receipt: { kind: string }) => receipt.kind === 'quittance');
    const recus = receipts.filter((receipt: { kind: string }) => receipt.kind === 'recu');
    expect(quittances.map((q: { number: string }) => q.number)).toEqual(Array.from({ length: 12 }, (_, i) => `Q-2027-${String(i + 1).padStart(6, '0')}`));
    expect(quittances.map((q: { rent_amount: number; charges_amount: number; paid_on: string }) => [q.rent_amount, q.charges_amount, q.paid_on])).toEqual([
      [800, 50, '2027-01-04'], [800, 50, '2027-02-20'], [800, 50, '2027-04-10'], [800, 50, '2027-04-25'], [800, 50, '2027-05-03'], [800, 50, '2027-06-05'],
      [800, 50, '2027-07-04'], [800, 50, '2027-08-04'], [800, 50, '2027-09-04'], [800, 50, '2027-10-04'], [800, 50, '2027-11-04'], [800, 50, '2027-12-04'],
    ]);
    expect(recus).toEqual([expect.objectContaining({ number: 'R-2027-000001', rent_amount: 450, charges_amount: 50, total: 500, paid_on: '2027-02-06' })]);
    const pdf = await api('get', `/api/leases/${leaseId}/receipts/${quittances[0].id}/pdf`).expect(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(await api('get', '/api/arrears').expect(200).then((r) => r.body.data)).toEqual([{ lease_id: leaseId, overdue_amount: 865.36, oldest_due_date: '2028-01-05', days_late: 5 }]);
  });

  it('allocates each cent exactly once when 10 payments arrive at the same time', async () => {
    const { leaseId } = await runningLease(t.http, tenant, {}, 'Concurrent');
    travelTo('2027-01-02');
    await api('post', `/api/leases/${leaseId}/rent-calls`, { period: '2027-01' }).expect(201);
    const responses = await Promise.all(Array.from({ length: 10 }, () => api('post', `/api/leases/${leaseId}/payments-received`, { amount: 100, received_on: '2027-01-03', method: 'card' })));
    expect(responses.map((response) => response.status)).toEqual(Array(10).fill(201));
    const account = (await api('get', `/api/leases/${leaseId}/account`).expect(200)).body;
    expect({ balance: account.balance, credit: account.credit, status: account.periods[0].status, paid: account.periods[0].paid }).toEqual({ balance: -150, credit: 150, status: 'PAID', paid: 850 });
    const receipts = (await api('get', `/api/leases/${leaseId}/receipts?per_page=100`).expect(200)).body.data;
    expect(receipts.filter((receipt: { kind: string }) => receipt.kind === 'quittance')).toHaveLength(1);
    // 8 payments left January partly unpaid (a reçu each), the 9th completed it, the 10th is a credit.
    expect(receipts.filter((receipt: { kind: string }) => receipt.kind === 'recu').map((r: { total: number }) => r.total)).toEqual(Array(8).fill(100));
  });

  it('runs a month\'s calls in the background, once per lease and period even when asked again while running', async () => {
    const batch = await createTenant(t.http, 'Rent run');
    const leases = [];
    for (let i = 0; i < 6; i++) leases.push((await runningLease(t.http, batch, {}, `Run ${i}`)).leaseId);
    travelTo('2027-03-01');
    const first = await t.http.post('/api/rent-calls/runs').set(batch.auth).send({ month: '2027-03' }).expect(202);
    const again = await t.http.post('/api/rent-calls/runs').set(batch.auth).send({ month: '2027-03' }).expect(202);
    expect(again.body.id).toBe(first.body.id);
    // The job, twice at once (a retried delivery racing the first): still one call per lease.
    const runs = t.app.get(RentCallRunsService);
    await Promise.all([runs.execute(batch.id, first.body.id), runs.execute(batch.id, first.body.id)]);
    await t.app.get(Jobs).runPending('rent-calls.run', (job) => job.tenant_id === batch.id);
    const run = (await t.http.get(`/api/rent-calls/runs/${first.body.id}`).set(batch.auth).expect(200)).body;
    expect(run).toMatchObject({ status: 'COMPLETED', total: 6, done: 6, failed: 0 });
    for (const leaseId of leases) {
      const calls = (await t.http.get(`/api/leases/${leaseId}/rent-calls`).set(batch.auth).expect(200)).body.data;
      expect(calls.map((c: { period_start: string }) => c.period_start)).toEqual(['2027-03-01']);
    }
  });
});
