import { type Proof, verifyProof } from '../src/modules/signatures/proof/proof-chain.js';
import { furnishedLease, type FurnishedLease, unitPhoto } from './support/condition-reports.js';
import { runningLease } from './support/rent.js';
import { latestCode } from './support/signing.js';
import { createTenant, sandboxOf, startTestApp, type TestApp, type TestTenant } from './support/test-app.js';
import { binary, pdfText } from './support/pdf.js';

const SIGNERS = [
  { type: 'tenant', name: 'Alice Locataire', email: 'alice@example.fr' },
  { type: 'owner', name: 'Claire Bailleur', email: 'claire@example.fr' },
];

/** États des lieux: drafted from the unit, filled, rendered, signed free through the one workflow, compared with wear. */
describe('Condition reports', () => {
  let t: TestApp;
  let tenant: TestTenant;
  let unit: FurnishedLease;
  let entryId: string;

  const api = (method: 'get' | 'post' | 'put' | 'delete', path: string, body?: object, auth = tenant.auth) => {
    const request = t.http[method](path).set(auth);
    return body ? request.send(body) : request;
  };
  const reports = (leaseId: string, rest = '') => `/api/leases/${leaseId}/condition-reports${rest}`;
  const keysOf = (u: FurnishedLease) => ({
    bedroomWalls: `room:${u.rooms.bedroom}:walls`, bedroomFloor: `room:${u.rooms.bedroom}:floor`, bedroomCeiling: `room:${u.rooms.bedroom}:ceiling`,
    kitchenWalls: `room:${u.rooms.kitchen}:walls`, kitchenFloor: `room:${u.rooms.kitchen}:floor`, kitchenCeiling: `room:${u.rooms.kitchen}:ceiling`,
    oven: `equipment:${u.equipment.oven}`, tap: `equipment:${u.equipment.tap}`, intercom: `equipment:${u.equipment.intercom}`,
  });
  const error = (response: { status: number; body: { error?: { type: string; message: string; details?: { rule?: string } } } }) => ({
    status: response.status, type: response.body.error?.type, rule: response.body.error?.details?.rule,
  });

  beforeAll(async () => {
    t = await startTestApp();
    tenant = await createTenant(t.http, 'Condition reports suite');
    unit = await furnishedLease(t.http, tenant);
  });
  afterAll(() => t.close());

  it('drafts the entry report from the unit and signs it through the one workflow, free, with a verifiable proof', async () => {
    const key = keysOf(unit);
    const created = await api('post', reports(unit.leaseId), { kind: 'entry', performed_on: '2020-01-15', notes: 'Remise des clés' }).expect(201);
    entryId = created.body.id;
    expect(created.headers.location).toBe(reports(unit.leaseId, `/${entryId}`));
    expect(created.body).toMatchObject({ kind: 'entry', status: 'DRAFT', performed_on: '2020-01-15', meters: [], keys: [], document_id: null, signed_at: null });
    expect(created.body.items.map((item: { key: string; label: string; item_kind: string }) => [item.key, item.label, item.item_kind])).toEqual([
      [key.bedroomWalls, 'Murs', 'paint'], [key.bedroomFloor, 'Sol', 'flooring_parquet'], [key.bedroomCeiling, 'Plafond', 'paint'],
      [key.kitchenWalls, 'Murs', 'paint'], [key.kitchenFloor, 'Sol', 'flooring_tiles'], [key.kitchenCeiling, 'Plafond', 'paint'],
      [key.oven, 'Four', 'appliance'], [key.tap, 'Mitigeur', 'sanitary'], [key.intercom, 'Interphone', 'electrical'],
    ]);
    expect(created.body.items[6]).toMatchObject({ room_id: unit.rooms.kitchen, equipment_id: unit.equipment.oven, installed_on: '2014-03-01', condition: null, media_ids: [] });
    expect(JSON.stringify(created.body)).not.toContain(tenant.id);

    const photo = await unitPhoto(t.http, tenant, unit.estateId);
    const conditions: Record<string, string> = { [key.kitchenWalls]: 'fair', [key.oven]: 'fair', [key.tap]: 'new' };
    const filled = await api('put', reports(unit.leaseId, `/${entryId}`), {
      items: Object.values(key).map((itemKey) => ({
        key: itemKey, condition: conditions[itemKey] ?? 'good', ...(itemKey === key.bedroomWalls ? { notes: 'Trou de cheville', media_ids: [photo] } : {}),
      })),
      meters: [{ type: 'electricity', number: '09 123 456', reading: 12345.6, unit: 'kWh' }, { type: 'water_cold', reading: 321 }],
      keys: [{ label: 'Porte d\'entrée', count: 2 }],
    }).expect(200);
    expect(filled.body.items[0]).toMatchObject({ key: key.bedroomWalls, condition: 'good', notes: 'Trou de cheville', media_ids: [photo], label: 'Murs' });
    expect(filled.body.meters[1]).toEqual({ type: 'water_cold', number: null, reading: 321, unit: null });

    const pdf = await api('post', reports(unit.leaseId, `/${entryId}/pdf`)).expect(201);
    expect(pdf.headers.location).toBe(`/api/documents/${pdf.body.id}`);
    expect(pdf.body).toMatchObject({ kind: 'condition_report_pdf', subject_id: entryId, version: 1 });
    expect((await api('get', reports(unit.leaseId, `/${entryId}`)).expect(200)).body.document_id).toBe(pdf.body.id);
    const original = (await api('get', `/api/documents/${pdf.body.id}/download`).buffer(true).parse(binary).expect(200)).body as Buffer;
    const text = await pdfText(original);
    for (const expected of ['État des lieux d\'entrée', 'Réalisé le 15 janvier 2020', 'Chambre', 'Murs Peinture Bon état Trou de cheville — 1 photo jointe', 'Four Appareil État d\'usage', 'délai de dix jours', 'Le bailleur ou son mandataire : Claire EDL Bailleur', 'Le locataire : Alice EDL Locataire']) {
      expect(text).toContain(expected);
    }

    const initiated = await api('post', reports(unit.leaseId, `/${entryId}/signature/initiate`), { document_id: pdf.body.id, signers: SIGNERS }).expect(201);
    expect(initiated.headers.location).toBe(reports(unit.leaseId, `/${entryId}/signature`));
    expect(initiated.body.signers.map((signer: { type: string }) => signer.type)).toEqual(['owner', 'tenant']);
    expect((await api('get', reports(unit.leaseId, `/${entryId}`)).expect(200)).body.status).toBe('PENDING_SIGNATURE');
    expect(error(await api('put', reports(unit.leaseId, `/${entryId}`), { notes: 'x' }))).toMatchObject({ status: 409, type: 'CONFLICT' });
    for (const signer of initiated.body.signers) {
      await api('post', reports(unit.leaseId, `/${entryId}/signature/signers/${signer.id}/otp`)).expect(200);
      const { code } = await latestCode(t.http, tenant.id);
      await api('post', reports(unit.leaseId, `/${entryId}/signature/signers/${signer.id}/validate`), { otp: code }).expect(200);
    }
    expect((await api('get', reports(unit.leaseId, `/${entryId}/signature`)).expect(200)).body.status).toBe('COMPLETED');
    const signed = (await api('get', reports(unit.leaseId, `/${entryId}`)).expect(200)).body;
    expect(signed).toMatchObject({ status: 'SIGNED', signed_at: expect.any(String), document_id: pdf.body.id });
    // A condition report costs no credit: none bought, none debited, nothing recorded.
    expect((await api('get', '/api/credits/balance').expect(200)).body.balance).toBe(0);
    expect((await api('get', '/api/credits/transactions').expect(200)).body.data).toEqual([]);

    const signedPdf = (await api('get', reports(unit.leaseId, `/${entryId}/signature/document`)).buffer(true).parse(binary).expect(200)).body as Buffer;
    expect(await pdfText(signedPdf)).toContain('Certificat de signature électronique');
    const proof = (await api('get', reports(unit.leaseId, `/${entryId}/signature/proof`)).expect(200)).body as Proof;
    expect(proof.events.map((event) => event.type)).toEqual(['initiated', 'otp_sent', 'otp_validated', 'signed', 'otp_sent', 'otp_validated', 'signed', 'completed']);
    const keys = (await t.http.get('/api/signatures/proof-keys').expect(200)).body;
    expect(verifyProof(proof, { document: original, signedDocument: signedPdf }, keys)).toEqual({ valid: true, problems: [] });

    expect(error(await api('put', reports(unit.leaseId, `/${entryId}`), { notes: 'x' }))).toMatchObject({ status: 409, type: 'CONFLICT' });
    expect(error(await api('delete', reports(unit.leaseId, `/${entryId}`)))).toMatchObject({ status: 409, type: 'CONFLICT' });
    expect(error(await api('post', reports(unit.leaseId, `/${entryId}/pdf`)))).toMatchObject({ status: 409, type: 'CONFLICT' });
    expect(error(await api('post', reports(unit.leaseId, `/${entryId}/signature/initiate`), { document_id: pdf.body.id, signers: SIGNERS }))).toMatchObject({ status: 409, type: 'CONFLICT' });
  });

  it('compares the exit with the entry: wear shares and deductions to the cent, by the hand-computed table', async () => {
    const key = keysOf(unit);
    expect(error(await api('get', reports(unit.leaseId, '/compare')))).toEqual({ status: 422, type: 'RULE_VIOLATION', rule: 'entry_and_exit' });
    const exit = (await api('post', reports(unit.leaseId), { kind: 'exit', performed_on: '2026-07-15' }).expect(201)).body;
    expect(exit.items.map((item: { key: string }) => item.key)).toEqual(Object.values(key));
    expect(exit.items.every((item: { condition: null }) => item.condition === null)).toBe(true);
    const exitConditions: Record<string, object> = {
      [key.bedroomWalls]: { condition: 'poor', repair_cost: 400.2 },
      [key.bedroomFloor]: { condition: 'good', repair_cost: 120 }, // not worse: nothing owed
      [key.kitchenWalls]: { condition: 'good' }, // better than at entry
      [key.kitchenCeiling]: { condition: null }, // not observed
      [key.oven]: { condition: 'broken', repair_cost: 650 },
      [key.tap]: { condition: 'poor', repair_cost: 89.99 },
    };
    await api('put', reports(unit.leaseId, `/${exit.id}`), {
      items: Object.values(key).map((itemKey) => ({ key: itemKey, condition: 'good', ...exitConditions[itemKey] })),
      forwarding_address: '4 place Bellecour, 69002 Lyon',
    }).expect(200);

    const compared = (await api('get', reports(unit.leaseId, '/compare')).expect(200)).body;
    expect(compared).toMatchObject({ entry_report_id: entryId, exit_report_id: exit.id, entry_performed_on: '2020-01-15', exit_performed_on: '2026-07-15', wear_grid: 'template' });
    const table = compared.items.map((row: Record<string, unknown>) => [row.key, row.entry_condition, row.exit_condition, row.worsened, row.wear_from, row.age_years, row.tenant_share_percent, row.repair_cost, row.suggested_deduction]);
    // Default grid: paint 8 y / 2 neutral / 10 %, parquet 15/3/20, tiles 20/5/20, appliance 10/2/10, sanitary 15/3/20, electrical 15/3/20.
    // Age in whole months from installed_on, else the entry (2020-01-15), to the exit (2026-07-15): 78 months.
    expect(table).toEqual([
      // 100 − 90 × (78 − 24) ÷ 72 = 32.5 %; 400.20 × 32.5 % = 130.065 → 130.07
      [key.bedroomWalls, 'good', 'poor', true, '2020-01-15', 6.5, 32.5, 400.2, 130.07],
      // 100 − 80 × (78 − 36) ÷ 144 = 76.666… %; not worse: 0
      [key.bedroomFloor, 'good', 'good', false, '2020-01-15', 6.5, 76.67, 120, 0],
      [key.bedroomCeiling, 'good', 'good', false, '2020-01-15', 6.5, 32.5, null, 0],
      [key.kitchenWalls, 'fair', 'good', false, '2020-01-15', 6.5, 32.5, null, 0],
      // 100 − 80 × (78 − 60) ÷ 180 = 92 %
      [key.kitchenFloor, 'good', 'good', false, '2020-01-15', 6.5, 92, null, 0],
      [key.kitchenCeiling, 'good', null, false, '2020-01-15', 6.5, 32.5, null, 0],
      // installed 2014-03-01: 148 months, past 10 years → the residual 10 %; 650 × 10 % = 65
      [key.oven, 'fair', 'broken', true, '2014-03-01', 12.33, 10, 650, 65],
      // installed 2025-01-10: 18 months, within 3 neutral years → 100 %
      [key.tap, 'new', 'poor', true, '2025-01-10', 1.5, 100, 89.99, 89.99],
      [key.intercom, 'good', 'good', false, '2020-01-15', 6.5, 76.67, null, 0],
    ]);
    expect(compared.totals).toEqual({ items: 9, worsened_items: 3, repair_costs: 1140.19, suggested_deductions: 285.06 });
    expect(compared.items[0]).toMatchObject({ label: 'Murs', item_kind: 'paint', lifetime_years: 8, neutral_years: 2, residual_percent: 10, installed_on: null });

    // The organisation's grid decides for a lease never signed here: a longer paint life, a smaller share.
    const grid = (await api('get', '/api/wear-grid').expect(200)).body;
    const paint = { item_kind: 'paint', lifetime_years: 10, neutral_years: 2, residual_percent: 10 };
    await api('put', '/api/wear-grid', { items: [paint] }).expect(200);
    const longer = (await api('get', reports(unit.leaseId, '/compare')).expect(200)).body;
    // 100 − 90 × (78 − 24) ÷ 96 = 49.375 %; 400.20 × 49.375 % = 197.59875 → 197.60; the others by the default grid
    expect(longer.items[0]).toMatchObject({ tenant_share_percent: 49.38, suggested_deduction: 197.6 });
    expect(longer.totals.suggested_deductions).toBe(352.59);
    await api('put', '/api/wear-grid', grid).expect(200);

    const exitPdf = (await api('post', reports(unit.leaseId, `/${exit.id}/pdf`)).expect(201)).body;
    const text = await pdfText((await api('get', `/api/documents/${exitPdf.id}/download`).buffer(true).parse(binary).expect(200)).body as Buffer);
    for (const expected of ['État des lieux de sortie', 'État des lieux d\'entrée : du 15 janvier 2020', 'Nouvelle adresse : 4 place Bellecour, 69002 Lyon', 'Four Appareil Hors service']) expect(text).toContain(expected);
  });

  it('refuses bad input with a 4xx in the envelope', async () => {
    const other = await furnishedLease(t.http, tenant, 'Bad input');
    const key = keysOf(other);
    await api('post', reports(other.leaseId), { kind: 'entry', performed_on: '2020-02-30' }).expect(400);
    await api('post', reports(other.leaseId), { kind: 'inventory', performed_on: '2020-01-15' }).expect(400);
    await api('post', reports(other.leaseId), { kind: 'entry', performed_on: '2020-01-15', items: [] }).expect(400);
    const entry = (await api('post', reports(other.leaseId), { kind: 'entry', performed_on: '2020-01-15' }).expect(201)).body;
    const exit = (await api('post', reports(other.leaseId), { kind: 'exit', performed_on: '2026-01-15' }).expect(201)).body;
    const put = (id: string, body: object) => api('put', reports(other.leaseId, `/${id}`), body);
    for (const change of [{ condition: 'excellent' }, { repair_cost: -5 }, { repair_cost: 10.005 }, { repair_cost: '12' }, { installed_on: '2020-13-01' }, { installed_on: 'yesterday' }, { media_ids: ['not-a-uuid'] }, { colour: 'red' }]) {
      const refused = await put(exit.id, { items: [{ key: key.oven, ...change }] });
      expect({ change, status: refused.status, type: refused.body.error?.type }).toEqual({ change, status: 400, type: 'VALIDATION_ERROR' });
    }
    await put(exit.id, { meters: [{ type: 'water_cold', reading: 1.2345 }] }).expect(400);
    await put(exit.id, { keys: [{ label: 'Cave', count: -1 }] }).expect(400);
    await put(exit.id, { items: [{ key: 'custom:cellar', condition: 'good' }] }).expect(400); // a new item needs a label and a kind
    await put(exit.id, { remove_items: ['custom:nothing'] }).expect(400);

    const stranger = await createTenant(t.http, 'Condition reports stranger');
    const strangerUnit = await furnishedLease(t.http, stranger, 'Stranger');
    const theirPhoto = await unitPhoto(t.http, stranger, strangerUnit.estateId);
    const foreign = await put(exit.id, { items: [{ key: key.oven, media_ids: [theirPhoto] }] }).expect(404);
    expect(foreign.body.error).toMatchObject({ type: 'NOT_FOUND', message: 'Media not found' });
    expect((await put(exit.id, { items: [{ key: key.oven, room_id: strangerUnit.rooms.kitchen }] }).expect(404)).body.error.message).toBe('Room not found');
    expect((await put(exit.id, { items: [{ key: key.oven, room_id: unit.rooms.kitchen }] }).expect(404)).body.error.message).toBe('Room not found'); // ours, another unit

    expect(error(await put(entry.id, { items: [{ key: key.oven, repair_cost: 10 }] }))).toEqual({ status: 422, type: 'RULE_VIOLATION', rule: 'repair_cost_on_exit' });
    expect(error(await put(entry.id, { forwarding_address: '1 rue X' }))).toEqual({ status: 422, type: 'RULE_VIOLATION', rule: 'forwarding_address_on_exit' });
    expect(error(await put(exit.id, { performed_on: '2019-12-31' }))).toEqual({ status: 422, type: 'RULE_VIOLATION', rule: 'exit_after_entry' });
    expect(error(await api('post', reports(other.leaseId), { kind: 'entry', performed_on: '2020-01-15' }))).toMatchObject({ status: 409, type: 'CONFLICT' });

    // Added and removed items; any edit makes the PDF out of date, and only a current PDF is signed.
    const pdf = (await api('post', reports(other.leaseId, `/${entry.id}/pdf`)).expect(201)).body;
    const edited = (await put(entry.id, { items: [{ key: 'custom:cellar', label: 'Cave', item_kind: 'other', condition: 'fair' }], remove_items: [key.intercom] }).expect(200)).body;
    expect(edited.items.map((item: { key: string }) => item.key)).toEqual([...Object.values(key).filter((k) => k !== key.intercom), 'custom:cellar']);
    expect(edited.document_id).toBeNull();
    const stale = await api('post', reports(other.leaseId, `/${entry.id}/signature/initiate`), { document_id: pdf.id, signers: SIGNERS });
    expect(error(stale)).toEqual({ status: 422, type: 'RULE_VIOLATION', rule: 'current_pdf' });
    const theirPdf = (await t.http.post(`/api/leases/${strangerUnit.leaseId}/pdf`).set(stranger.auth).expect(201)).body.id;
    const theirs = await api('post', reports(other.leaseId, `/${entry.id}/signature/initiate`), { document_id: theirPdf, signers: SIGNERS });
    expect(error(theirs)).toMatchObject({ status: 404, type: 'NOT_FOUND' });
    await api('delete', reports(other.leaseId, `/${entry.id}`)).expect(204);
    await api('get', reports(other.leaseId, `/${entry.id}`)).expect(404);
  });

  it('needs an ACTIVE or NOTICE lease', async () => {
    const estateId = (await api('get', `/api/leases/${unit.leaseId}`).expect(200)).body.estate_id;
    const draft = (await api('post', '/api/leases', { estate_id: estateId, lease_type: 'unfurnished', start_date: '2031-01-01', rent_amount: 500 }).expect(201)).body.id;
    expect(error(await api('post', reports(draft), { kind: 'entry', performed_on: '2031-01-01' }))).toEqual({ status: 422, type: 'RULE_VIOLATION', rule: 'lease_running' });
  });

  it('validates the wear grid', async () => {
    const line = { item_kind: 'paint', lifetime_years: 8, neutral_years: 2, residual_percent: 10 };
    for (const items of [[{ ...line, neutral_years: 8 }], [{ ...line, residual_percent: 101 }], [{ ...line, residual_percent: -1 }], [line, line], [{ ...line, item_kind: 'gold' }], [{ ...line, lifetime_years: 7.5 }], []]) {
      const refused = await api('put', '/api/wear-grid', { items });
      expect({ items, status: refused.status, type: refused.body.error?.type }).toEqual({ items, status: 400, type: 'VALIDATION_ERROR' });
    }
    expect((await api('get', '/api/wear-grid').expect(200)).body.items).toHaveLength(10);
  });

  it('signs a sandbox report with the code 000000, its PDFs stamped as specimens', async () => {
    const sandbox = await sandboxOf(t.http, tenant);
    const { leaseId } = await runningLease(t.http, sandbox, { start_date: '2020-01-01' }, 'Sandbox');
    const report = (await api('post', reports(leaseId), { kind: 'entry', performed_on: '2020-01-15' }, sandbox.auth).expect(201)).body;
    const pdf = (await api('post', reports(leaseId, `/${report.id}/pdf`), undefined, sandbox.auth).expect(201)).body;
    const bytes = (await api('get', `/api/documents/${pdf.id}/download`, undefined, sandbox.auth).buffer(true).parse(binary).expect(200)).body as Buffer;
    expect(await pdfText(bytes)).toContain('SPECIMEN – SANDBOX');
    const signature = (await api('post', reports(leaseId, `/${report.id}/signature/initiate`), { document_id: pdf.id, signers: SIGNERS }, sandbox.auth).expect(201)).body;
    for (const signer of signature.signers) {
      await api('post', reports(leaseId, `/${report.id}/signature/signers/${signer.id}/otp`), undefined, sandbox.auth).expect(200);
      await api('post', reports(leaseId, `/${report.id}/signature/signers/${signer.id}/validate`), { otp: '000000' }, sandbox.auth).expect(200);
    }
    expect((await api('get', reports(leaseId, `/${report.id}`), undefined, sandbox.auth).expect(200)).body.status).toBe('SIGNED');
    await api('get', reports(leaseId, `/${report.id}`)).expect(404); // the live space does not see it
  });
});
