import { type RentSuite, runningLease, startRentSuite } from './support/rent.js';
import { latestCode } from './support/signing.js';
import type { TestApp, TestTenant } from './support/test-app.js';
import { binary, pdfText } from './support/pdf.js';

const SIGNERS = [
  { type: 'owner', name: 'Claire Bailleur', email: 'claire@example.fr' },
  { type: 'tenant', name: 'Alice Locataire', email: 'alice@example.fr' },
];

/**
 * One lease's end, start to finish, over HTTP as the app role — the walk-through of the README:
 * a lessee's notice in a tense zone (art. 15 I) → exit report worse than the entry on three items
 * → comparison with wear → deposit returned with two deductions, late (art. 22) → the penalty to
 * the cent → termination completed → lease archived.
 */
describe('End of a lease, start to finish', () => {
  let t: TestApp;
  let tenant: TestTenant;
  let travelTo: RentSuite['travelTo'];
  let api: RentSuite['api'];

  beforeAll(async () => {
    ({ t, tenant, travelTo, api } = await startRentSuite('End-of-lease scenario'));
  });
  afterAll(() => t.close());

  const sign = async (path: string, documentId: string) => {
    const signature = (await api('post', `${path}/signature/initiate`, { document_id: documentId, signers: SIGNERS }).expect(201)).body;
    for (const signer of signature.signers) {
      await api('post', `${path}/signature/signers/${signer.id}/otp`).expect(200);
      await api('post', `${path}/signature/signers/${signer.id}/validate`, { otp: (await latestCode(t.http, tenant.id)).code }).expect(200);
    }
  };

  it('notice in a tense zone → exit report → wear → late deposit with its penalty → completed → archived', async () => {
    travelTo('2027-01-01');
    // Lyon 3e, a tense-market zone; 812.50 € of rent + 50 € of charges; a deposit of one month.
    const { leaseId, estateId } = await runningLease(t.http, tenant, { rent_amount: 812.5, charges_amount: 50, deposit_amount: 812.5 }, 'Scenario', { place: { tense_zone: true } });
    const placeId = (await api('get', `/api/estates/${estateId}`)).body.place_id;
    const living = (await api('post', `/api/places/${placeId}/estates/${estateId}/rooms`, { room_type: 'living_room', designation: 'Séjour' }).expect(201)).body.id;
    const oven = (await api('post', '/api/equipment', { name: 'Four', equipment_type: 'oven', estate_id: estateId, installed_at: '2019-03-01' }).expect(201)).body.id;
    const key = { walls: `room:${living}:walls`, floor: `room:${living}:floor`, ceiling: `room:${living}:ceiling`, oven: `equipment:${oven}` };
    const reports = `/api/leases/${leaseId}/condition-reports`;

    // The entry report, all good; the walls repainted in April 2024, the parquet laid in June 2015.
    const entry = (await api('post', reports, { kind: 'entry', performed_on: '2027-01-01' }).expect(201)).body;
    await api('put', `${reports}/${entry.id}`, {
      items: [
        { key: key.walls, condition: 'good', installed_on: '2024-04-01' },
        { key: key.floor, condition: 'good', installed_on: '2015-06-01' },
        { key: key.ceiling, condition: 'good' },
        { key: key.oven, condition: 'good' },
      ],
      keys: [{ label: 'Porte d\'entrée', count: 2 }],
    }).expect(200);
    await sign(`${reports}/${entry.id}`, (await api('post', `${reports}/${entry.id}/pdf`).expect(201)).body.id);

    // 15 September: the lessee's notice. Tense zone: one month, whatever the reason (art. 15 I).
    travelTo('2027-09-20');
    const notice = (await api('post', `/api/leases/${leaseId}/notices`, { given_by: 'lessee', reason: 'standard', received_on: '2027-09-15' }).expect(201)).body;
    expect(notice).toMatchObject({ notice_months: 1, end_date: '2027-10-15' });
    expect((await api('get', `/api/leases/${leaseId}`)).body).toMatchObject({ status: 'NOTICE', end_date: '2027-10-15' });
    // Rent runs to the end of the notice: the last period is 1–15 October, prorated by days.
    const schedule = (await api('get', `/api/leases/${leaseId}/schedule?from=2027-10-01`).expect(200)).body.data;
    expect(schedule).toEqual([expect.objectContaining({ period_start: '2027-10-01', period_end: '2027-10-15', rent: 393.15 })]); // 812.50 × 15 / 31
    expect((await api('get', `/api/leases/${leaseId}/termination`)).body).toMatchObject({ status: 'INITIATED', effective_date: '2027-10-15', notice_id: notice.id });

    // 15 October: the exit report, worse on three items, with a forwarding address; keys returned.
    travelTo('2027-10-15');
    const exit = (await api('post', reports, { kind: 'exit', performed_on: '2027-10-15' }).expect(201)).body;
    await api('put', `${reports}/${exit.id}`, {
      items: [
        { key: key.walls, condition: 'poor', repair_cost: 450, notes: 'Murs tachés et percés' },
        { key: key.floor, condition: 'fair', repair_cost: 900, notes: 'Rayures profondes' },
        { key: key.ceiling, condition: 'good' },
        { key: key.oven, condition: 'broken', repair_cost: 520, notes: 'Porte cassée' },
      ],
      forwarding_address: '4 place Bellecour, 69002 Lyon',
    }).expect(200);
    await sign(`${reports}/${exit.id}`, (await api('post', `${reports}/${exit.id}/pdf`).expect(201)).body.id);
    const afterExit = (await api('put', `/api/leases/${leaseId}/termination/checklist/keys_returned`, { done: true }).expect(200)).body;
    expect(afterExit).toMatchObject({
      status: 'SETTLEMENT_PENDING', completion_percentage: 50,
      checklist: { keys_returned: { done: true, on: '2027-10-15' }, exit_report_signed: { done: true, source: 'condition_report' } },
    });

    // The comparison with wear (default grid): the tenant owes the repair × their share after wear.
    const comparison = (await api('get', `${reports}/compare`).expect(200)).body;
    const row = (itemKey: string) => comparison.items.find((item: { key: string }) => item.key === itemKey);
    expect(row(key.walls)).toMatchObject({ worsened: true, tenant_share_percent: 77.5, suggested_deduction: 348.75 }); // paint 8 y, 2 neutral: 42 months → 77.5 %
    expect(row(key.floor)).toMatchObject({ worsened: true, tenant_share_percent: 37.78, suggested_deduction: 340 }); // parquet 15 y, 3 neutral: 148 months
    expect(row(key.oven)).toMatchObject({ worsened: true, tenant_share_percent: 25.94, suggested_deduction: 134.88 }); // appliance 10 y, 2 neutral: 103 months
    expect(comparison.totals).toMatchObject({ worsened_items: 3, suggested_deductions: 823.63 });

    // The landlord keeps two deductions (the parquet's scratches are counted as normal wear).
    // The exit differs from the entry: due two months after the keys, 15 December (art. 22).
    travelTo('2027-11-02');
    const settlement = (await api('post', `/api/leases/${leaseId}/deposit/return`, {
      deductions: [
        { label: 'Peinture du séjour', amount: row(key.walls).suggested_deduction, reason: 'Murs tachés et percés ; vétusté déduite (77,5 % à la charge du locataire)' },
        { label: 'Four', amount: row(key.oven).suggested_deduction, reason: 'Porte cassée ; vétusté déduite (25,94 % à la charge du locataire)' },
      ],
    }).expect(201)).body;
    expect(settlement).toMatchObject({
      deposit_amount: 812.5, deducted_total: 483.63, exit_matches_entry: false, keys_returned_on: '2027-10-15', due_date: '2027-12-15',
      forwarding_address_on: '2027-10-15', penalty: 0, amount_returned: 328.87,
    });

    // Paid on 20 February 2028: late since 15 December, three months started → 3 × 10 % × 812.50 €.
    travelTo('2028-02-21');
    expect((await api('get', `/api/leases/${leaseId}/deposit/return`)).body).toMatchObject({ penalty: 243.75, amount_returned: 572.62, paid_on: null }); // as it stands today
    const paid = (await api('put', `/api/leases/${leaseId}/deposit/return`, { paid_on: '2028-02-20' }).expect(200)).body;
    expect(paid).toMatchObject({ paid_on: '2028-02-20', penalty: 243.75, amount_returned: 572.62 });
    const pdf = (await api('get', `/api/documents/${paid.document_id}/download`).buffer(true).parse(binary).expect(200)).body as Buffer;
    const text = await pdfText(pdf);
    for (const expected of [
      'Décompte de restitution du dépôt de garantie', 'Dépôt de garantie versé : 812,50 €', 'Date limite de restitution : 15 décembre 2027',
      'Peinture du séjour — Murs tachés et percés', '348,75 €', '134,88 €', 'pour chaque mois de retard commencé : 3 mois, soit 243,75 €',
      'Montant restitué au locataire 572,62 €', 'Restitué le : 20 février 2028',
    ]) {
      expect(text).toContain(expected);
    }

    // Charges settled: the checklist is complete; the termination completes, the lease is archived.
    await api('put', `/api/leases/${leaseId}/termination/checklist/charges_settled`, { done: true }).expect(200);
    const ready = (await api('get', `/api/leases/${leaseId}/termination`)).body;
    expect(ready).toMatchObject({ completion_percentage: 100, can_complete: true, missing: [], checklist: { deposit_settled: { done: true, on: '2028-02-20', source: 'deposit_settlement' } } });
    expect((await api('put', `/api/leases/${leaseId}/termination/complete`).expect(200)).body).toMatchObject({ status: 'COMPLETED', completed_at: expect.any(String) });
    expect((await api('get', `/api/estates/${estateId}`)).body.rental_status).toBe('VACANT');
    expect((await api('put', `/api/leases/${leaseId}/archive`).expect(200)).body).toMatchObject({ status: 'ARCHIVED', end_date: '2027-10-15' });
  });
});
