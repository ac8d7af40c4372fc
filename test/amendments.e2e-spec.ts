import { type Proof, verifyProof } from '../src/modules/signatures/proof/proof-chain.js';
import { type RentSuite, runningLease, startRentSuite } from './support/rent.js';
import { buyCredits, latestCode } from './support/signing.js';
import { createTenant, INTERNAL_TOKEN, randomUuid, sandboxOf, type TestApp, type TestTenant, withoutMeta } from './support/test-app.js';
import { binary, pdfText } from './support/pdf.js';

const OWNER = { type: 'owner', name: 'Claire Bailleur', email: 'claire@example.fr' };
const TENANT = { type: 'tenant', name: 'Alice Locataire', email: 'alice@example.fr' };

/** Amendments (avenants): drafted per type, signed through the one workflow, applied to the lease. */
describe('Amendments', () => {
  let t: TestApp;
  let tenant: TestTenant;
  let travelTo: RentSuite['travelTo'];
  let api: RentSuite['api'];
  const rule = (response: { status: number; body: { error: { type: string; details: { rule?: string } } } }) => ({ status: response.status, type: response.body.error?.type, rule: response.body.error?.details?.rule });
  const balance = async (as = tenant) => (await t.http.get('/api/credits/balance').set(as.auth).expect(200)).body.balance as number;
  const amendmentsOf = (leaseId: string) => `/api/leases/${leaseId}/amendments`;

  /** Drafts an amendment, makes its PDF, and has it signed by everyone in `signers`: SIGNED. */
  async function signed(leaseId: string, body: object, signers: object[] = [OWNER], as = tenant, code?: string): Promise<{ id: string; documentId: string }> {
    const call = (method: 'get' | 'post', path: string, payload?: object) => (payload ? t.http[method](path).set(as.auth).send(payload) : t.http[method](path).set(as.auth));
    const id = (await call('post', amendmentsOf(leaseId), body).expect(201)).body.id as string;
    const documentId = (await call('post', `${amendmentsOf(leaseId)}/${id}/pdf`).expect(201)).body.id as string;
    const signature = (await call('post', `${amendmentsOf(leaseId)}/${id}/signature/initiate`, { document_id: documentId, signers }).expect(201)).body;
    for (const signer of signature.signers) {
      await call('post', `${amendmentsOf(leaseId)}/${id}/signature/signers/${signer.id}/otp`).expect(200);
      const otp = code ?? (await latestCode(t.http, as.id)).code;
      await call('post', `${amendmentsOf(leaseId)}/${id}/signature/signers/${signer.id}/validate`, { otp }).expect(200);
    }
    expect((await call('get', `${amendmentsOf(leaseId)}/${id}`).expect(200)).body).toMatchObject({ status: 'SIGNED', signed_at: expect.any(String) });
    return { id, documentId };
  }

  beforeAll(async () => {
    ({ t, tenant, travelTo, api } = await startRentSuite('Amendments'));
    await buyCredits(t.http, tenant, 'credits_10');
    travelTo('2027-08-20');
  });
  afterAll(() => t.close());

  it('changes the rent by a signed amendment: PDF, signatures, one credit, a verifiable proof, applied from its date, every step in its history', async () => {
    const { leaseId } = await runningLease(t.http, tenant, { reference_number: 'BAIL-AV-1' }, 'Avenant');
    const before = await balance();
    const created = await api('post', amendmentsOf(leaseId), { type: 'rent_change', effective_date: '2027-09-01', changes: { rent_amount: 820 }, description: 'Après travaux d\'isolation.' }).expect(201);
    const id = created.body.id as string;
    const base = `${amendmentsOf(leaseId)}/${id}`;
    expect(created.headers.location).toBe(base);
    expect(created.body).toMatchObject({ lease_id: leaseId, type: 'rent_change', status: 'DRAFT', changes: { rent_amount: 820 }, effective_date: '2027-09-01', signed_at: null, applied_at: null });

    const pdf = (await api('post', `${base}/pdf`).expect(201)).body;
    expect(pdf).toMatchObject({ kind: 'amendment_pdf', subject_id: id, version: 1 });
    const original = (await api('get', `/api/documents/${pdf.id}/download`).buffer(true).parse(binary).expect(200)).body as Buffer;
    const text = await pdfText(original);
    for (const expected of ['Avenant au contrat de location', 'ayant pris effet le 1er janvier 2027, référence BAIL-AV-1', 'Claire Avenant Bailleur', 'Alice Avenant Locataire',
      'À compter du 1er septembre 2027, le loyer hors charges passe de 800,00 € à 820,00 € par mois.', 'Toutes les autres clauses et conditions du bail demeurent inchangées', 'Lu et approuvé']) {
      expect(text).toContain(expected);
    }

    const signature = await api('post', `${base}/signature/initiate`, { document_id: pdf.id, signers: [TENANT, OWNER] }).expect(201);
    expect(signature.headers.location).toBe(`${base}/signature`);
    expect(await balance()).toBe(before - 1);
    expect((await api('get', base).expect(200)).body.status).toBe('PENDING_SIGNATURE');
    await api('put', base, { effective_date: '2027-10-01' }).expect(409);
    await api('post', `${base}/signature/initiate`, { document_id: pdf.id, signers: [OWNER] }).expect(409);
    for (const signer of signature.body.signers) {
      await api('post', `${base}/signature/signers/${signer.id}/otp`).expect(200);
      await api('post', `${base}/signature/signers/${signer.id}/validate`, { otp: (await latestCode(t.http, tenant.id)).code }).expect(200);
    }
    expect((await api('get', `${base}/signature`).expect(200)).body.status).toBe('COMPLETED');
    expect((await api('get', base).expect(200)).body).toMatchObject({ status: 'SIGNED', signed_at: expect.any(String) });
    expect(await balance()).toBe(before - 1);

    const proof = (await api('get', `${base}/signature/proof`).expect(200)).body as Proof;
    expect(proof.subject).toEqual({ kind: 'amendment', id });
    const signedPdf = (await api('get', `${base}/signature/document`).buffer(true).parse(binary).expect(200)).body as Buffer;
    const keys = (await t.http.get('/api/signatures/proof-keys').expect(200)).body;
    expect(verifyProof(proof, { document: original, signedDocument: signedPdf }, keys)).toEqual({ valid: true, problems: [] });
    expect(await pdfText(signedPdf)).toContain('Certificat de signature électronique');

    const applied = await api('post', `${base}/apply`).expect(200);
    expect(applied.body).toMatchObject({ status: 'APPLIED', applied_at: expect.any(String) });
    await api('post', `${base}/apply`).expect(409);
    await api('post', `${base}/cancel`).expect(409);
    expect((await api('get', `/api/leases/${leaseId}/rent`).expect(200)).body).toMatchObject({
      rent_amount: 800, // today is 20 August: the new rent is not in force yet
      changes: [expect.objectContaining({ effective_date: '2027-09-01', rent_amount: 820, charges_amount: 50, reason: 'amendment' })],
    });
    travelTo('2027-09-02');
    expect((await api('get', `/api/leases/${leaseId}/rent`).expect(200)).body).toMatchObject({ rent_amount: 820, charges_amount: 50 });

    const history = (await api('get', `${base}/history`).expect(200)).body;
    expect(history.data.map((entry: { action: string }) => entry.action)).toEqual(['created', 'pdf_generated', 'signature_started', 'signed', 'applied']);
    for (const entry of history.data) {
      expect(entry).toMatchObject({ actor: { kind: 'api-key', user_id: tenant.adminUserId, key_prefix: tenant.key.slice(0, 12) }, at: expect.any(String) });
    }
    expect(history.data[0]).toMatchObject({ previous: null, next: { status: 'DRAFT', type: 'rent_change', changes: { rent_amount: 820 } } });
    expect(history.data[4]).toMatchObject({ previous: { status: 'SIGNED', lease: { rent_amount: 800, charges_amount: 50 } }, next: { status: 'APPLIED', lease: { rent_amount: 820, charges_amount: 50 } } });
    expect(JSON.stringify(history)).not.toContain(tenant.key);
  });

  it('refuses at apply a rent rise of F or G housing (art. 159, loi n° 2021-1104): the amendment stays SIGNED, the rent unchanged', async () => {
    const { leaseId } = await runningLease(t.http, tenant, { energy_label: 'G' }, 'Passoire');
    const { id } = await signed(leaseId, { type: 'rent_change', effective_date: '2027-10-01', changes: { rent_amount: 830, charges_amount: 60 } });
    expect(rule(await api('post', `${amendmentsOf(leaseId)}/${id}/apply`))).toEqual({ status: 422, type: 'RULE_VIOLATION', rule: 'dpe_rent_freeze' });
    expect((await api('get', `${amendmentsOf(leaseId)}/${id}`).expect(200)).body.status).toBe('SIGNED');
    expect((await api('get', `/api/leases/${leaseId}/rent`).expect(200)).body.changes).toEqual([]);
  });

  it('ends a departing co-tenant\'s solidarity six months after the congé takes effect, or when a newcomer joins (art. 8-1 VI, loi n° 89-462)', async () => {
    const { leaseId } = await runningLease(t.http, tenant, {}, 'Coloc');
    const lessee = async (first_name: string) => (await api('post', '/api/lessees', { category: 'individual', first_name, last_name: 'Coloc' }).expect(201)).body.id as string;
    const bruno = await lessee('Bruno');
    await api('post', `/api/leases/${leaseId}/lessees`, { lessee_id: bruno, role: 'tenant', start_date: '2027-01-01' }).expect(201);
    const partyOf = async (lesseeId: string) => (await api('get', `/api/leases/${leaseId}/lessees`).expect(200)).body.data.find((party: { lessee_id: string; role: string }) => party.lessee_id === lesseeId && party.role === 'tenant');

    const leaving = await signed(leaseId, { type: 'co_tenant_removed', effective_date: '2027-09-10', changes: { lessee_id: bruno, notice_date: '2027-06-10' } });
    const applied = await api('post', `${amendmentsOf(leaseId)}/${leaving.id}/apply`).expect(200);
    expect(applied.body.status).toBe('APPLIED');
    expect(await partyOf(bruno)).toMatchObject({ end_date: '2027-09-10', solidarity_until: '2028-03-10' });

    const chloe = await lessee('Chloé');
    const joining = await signed(leaseId, { type: 'co_tenant_added', effective_date: '2027-10-15', changes: { lessee_id: chloe, role: 'tenant' } });
    await api('post', `${amendmentsOf(leaseId)}/${joining.id}/apply`).expect(200);
    expect(await partyOf(chloe)).toMatchObject({ start_date: '2027-10-15', end_date: null, solidarity_until: null });
    expect(await partyOf(bruno)).toMatchObject({ end_date: '2027-09-10', solidarity_until: '2027-10-15' });
    await api('post', amendmentsOf(leaseId), { type: 'co_tenant_added', effective_date: '2027-11-01', changes: { lessee_id: chloe, role: 'tenant' } }).expect(409);
    await api('post', amendmentsOf(leaseId), { type: 'co_tenant_removed', effective_date: '2027-11-01', changes: { lessee_id: bruno, notice_date: '2027-10-01' } }).expect(409);
  });

  it('refuses a last tenant\'s departure at apply: a lease keeps a tenant', async () => {
    const { leaseId, lesseeId } = await runningLease(t.http, tenant, {}, 'Seul');
    const { id } = await signed(leaseId, { type: 'co_tenant_removed', effective_date: '2027-12-01', changes: { lessee_id: lesseeId, notice_date: '2027-09-01' } });
    expect(rule(await api('post', `${amendmentsOf(leaseId)}/${id}/apply`))).toEqual({ status: 422, type: 'RULE_VIOLATION', rule: 'needs_tenant' });
    expect((await api('get', `/api/leases/${leaseId}/lessees`).expect(200)).body.data[0]).toMatchObject({ end_date: null });
  });

  it('renews a lease: its end date moves, after the current end', async () => {
    const { leaseId } = await runningLease(t.http, tenant, { end_date: '2029-12-31' }, 'Renouvellement');
    expect(rule(await api('post', amendmentsOf(leaseId), { type: 'renewal', effective_date: '2029-12-31', changes: { end_date: '2029-06-30' } }))).toEqual({ status: 422, type: 'RULE_VIOLATION', rule: 'end_after_current_end' });
    const { id } = await signed(leaseId, { type: 'renewal', effective_date: '2030-01-01', changes: { end_date: '2032-12-31' } });
    await api('post', `${amendmentsOf(leaseId)}/${id}/apply`).expect(200);
    expect((await api('get', `/api/leases/${leaseId}`).expect(200)).body.end_date).toBe('2032-12-31');
    const history = (await api('get', `${amendmentsOf(leaseId)}/${id}/history`).expect(200)).body.data;
    expect(history.at(-1)).toMatchObject({ action: 'applied', previous: { lease: { end_date: '2029-12-31' } }, next: { lease: { end_date: '2032-12-31' } } });
  });

  it('gives the credit back and the amendment back to DRAFT when its signature is cancelled; then it can be cancelled', async () => {
    const { leaseId } = await runningLease(t.http, tenant, {}, 'Annulation');
    const id = (await api('post', amendmentsOf(leaseId), { type: 'duration_change', effective_date: '2027-09-01', changes: { end_date: '2030-12-31' } }).expect(201)).body.id;
    const base = `${amendmentsOf(leaseId)}/${id}`;
    expect(rule(await api('post', `${base}/signature/initiate`, { document_id: randomUuid(), signers: [OWNER] }))).toEqual({ status: 422, type: 'RULE_VIOLATION', rule: 'has_pdf' });
    const first = (await api('post', `${base}/pdf`).expect(201)).body;
    await api('put', base, { changes: { end_date: '2031-12-31' } }).expect(200);
    expect(rule(await api('post', `${base}/signature/initiate`, { document_id: first.id, signers: [OWNER] }))).toEqual({ status: 422, type: 'RULE_VIOLATION', rule: 'pdf_outdated' });
    const latest = (await api('post', `${base}/pdf`).expect(201)).body;
    expect(rule(await api('post', `${base}/signature/initiate`, { document_id: first.id, signers: [OWNER] }))).toEqual({ status: 422, type: 'RULE_VIOLATION', rule: 'latest_pdf' });
    const before = await balance();
    await api('post', `${base}/signature/initiate`, { document_id: latest.id, signers: [OWNER] }).expect(201);
    expect(await balance()).toBe(before - 1);
    await api('post', `${base}/cancel`).expect(409); // being signed: cancel the signature first
    expect((await api('post', `${base}/signature/cancel`).expect(200)).body.status).toBe('CANCELLED');
    expect(await balance()).toBe(before);
    expect((await api('get', base).expect(200)).body.status).toBe('DRAFT');
    expect((await api('post', `${base}/cancel`).expect(200)).body.status).toBe('CANCELLED');
    await api('post', `${base}/cancel`).expect(409);
    await api('put', base, { description: 'Trop tard' }).expect(409);
    const actions = (await api('get', `${base}/history`).expect(200)).body.data.map((entry: { action: string }) => entry.action);
    expect(actions).toEqual(['created', 'pdf_generated', 'updated', 'pdf_generated', 'signature_started', 'signature_ended', 'cancelled']);
  });

  it('refuses bad changes per type (400 naming the fields), unsigned application (409), foreign lessees (404) and leases that do not run (422)', async () => {
    const { leaseId } = await runningLease(t.http, tenant, {}, 'Refus');
    const fields = async (body: object) => {
      const response = await api('post', amendmentsOf(leaseId), body).expect(400);
      expect(response.body.error.type).toBe('VALIDATION_ERROR');
      return [...new Set(response.body.error.details.fields.map((field: { field: string }) => field.field))].sort();
    };
    const effective_date = '2027-09-01';
    expect(await fields({ type: 'duration_change', effective_date, changes: {} })).toEqual(['changes.end_date']);
    expect(await fields({ type: 'renewal', effective_date, changes: { end_date: '2030-02-30' } })).toEqual(['changes.end_date']);
    expect(await fields({ type: 'rent_change', effective_date, changes: { rent_amount: -5, charges_amount: 'x' } })).toEqual(['changes.charges_amount', 'changes.rent_amount']);
    expect(await fields({ type: 'co_tenant_added', effective_date, changes: { lessee_id: 'nope', role: 'owner' } })).toEqual(['changes.lessee_id', 'changes.role']);
    expect(await fields({ type: 'co_tenant_removed', effective_date, changes: { lessee_id: randomUuid() } })).toEqual(['changes.notice_date']);
    expect(await fields({ type: 'other', effective_date, changes: {} })).toEqual(['description']);
    expect(await fields({ type: 'other', effective_date, changes: { clause: 'x' }, description: 'x' })).toEqual(['changes.clause']);
    expect(await fields({ type: 'rent_change', effective_date, changes: [] })).toEqual(['changes']);
    expect(await fields({ type: 'merger', effective_date: '2027-02-30', changes: {}, extra: 1 })).toEqual(['effective_date', 'extra', 'type']);

    const draft = (await api('post', amendmentsOf(leaseId), { type: 'other', effective_date, changes: {}, description: 'Le jardin est à l\'usage exclusif du locataire.' }).expect(201)).body.id;
    await api('post', `${amendmentsOf(leaseId)}/${draft}/apply`).expect(409);
    expect((await api('put', `${amendmentsOf(leaseId)}/${draft}`, { type: 'duration_change' }).expect(400)).body.error.details.fields[0].field).toBe('changes.end_date');

    const other = await createTenant(t.http, 'Amendments other');
    const foreign = (await t.http.post('/api/lessees').set(other.auth).send({ category: 'individual', last_name: 'Étranger' }).expect(201)).body.id;
    const byForeign = await api('post', amendmentsOf(leaseId), { type: 'co_tenant_added', effective_date, changes: { lessee_id: foreign, role: 'tenant' } }).expect(404);
    const byMissing = await api('post', amendmentsOf(leaseId), { type: 'co_tenant_added', effective_date, changes: { lessee_id: randomUuid(), role: 'tenant' } }).expect(404);
    expect(withoutMeta(byForeign.body)).toEqual(withoutMeta(byMissing.body));
    await t.http.get(`${amendmentsOf(leaseId)}/${draft}`).set(other.auth).expect(404);

    const estateId = (await api('get', `/api/leases/${leaseId}`).expect(200)).body.estate_id;
    const drafted = (await api('post', '/api/leases', { estate_id: estateId, lease_type: 'unfurnished', start_date: '2027-01-01', rent_amount: 500 }).expect(201)).body.id;
    expect(rule(await api('post', amendmentsOf(drafted), { type: 'duration_change', effective_date, changes: { end_date: '2030-12-31' } }))).toEqual({ status: 422, type: 'RULE_VIOLATION', rule: 'lease_running' });
    expect(rule(await api('post', amendmentsOf(leaseId), { type: 'duration_change', effective_date: '2026-12-01', changes: { end_date: '2030-12-31' } }))).toEqual({ status: 422, type: 'RULE_VIOLATION', rule: 'effective_in_lease' });
  });

  it('signs in the sandbox with 000000 and play credits, on a specimen PDF', async () => {
    const sandbox = await sandboxOf(t.http, tenant);
    await t.http.post(`/internal/tenants/${tenant.id}/credits/grants?environment=sandbox`).set('X-Internal-Token', INTERNAL_TOKEN).send({ credits: 2, reason: 'amendment tests' }).expect(201);
    const { leaseId } = await runningLease(t.http, sandbox, {}, 'Bac à sable');
    const { id, documentId } = await signed(leaseId, { type: 'duration_change', effective_date: '2027-09-01', changes: { end_date: '2030-12-31' } }, [OWNER], sandbox, '000000');
    expect(await balance(sandbox)).toBe(1);
    const pdf = (await t.http.get(`/api/documents/${documentId}/download`).set(sandbox.auth).buffer(true).parse(binary).expect(200)).body as Buffer;
    expect(await pdfText(pdf)).toContain('SPECIMEN');
    const proof = (await t.http.get(`${amendmentsOf(leaseId)}/${id}/signature/proof`).set(sandbox.auth).expect(200)).body as Proof;
    expect(proof.events.find((event) => event.type === 'otp_validated')?.details).toMatchObject({ sandbox_code: true });
    await t.http.get(`${amendmentsOf(leaseId)}/${id}`).set(tenant.auth).expect(404);
  });
});
