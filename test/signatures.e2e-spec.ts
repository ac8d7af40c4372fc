import { jest } from '@jest/globals';
import { Jobs } from '../src/core/jobs/jobs.js';
import { Clock } from '../src/core/time/clock.js';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { eventHash, type Proof, sha256Hex, verifyProof } from '../src/modules/signatures/proof/proof-chain.js';
import { pdfsig, withPdfsig } from './support/pdfsig.js';
import { SignatureExpirySweeper } from '../src/modules/signatures/signature-expiry.sweeper.js';
import { SignatureWorkflow } from '../src/modules/signatures/signature-workflow.service.js';
import { buyCredits, latestCode, signableLease, THREE_SIGNERS } from './support/signing.js';
import { bearer, createKey, createTenant, INTERNAL_TOKEN, ownerRoleClient, startTestApp, type TestApp, type TestTenant } from './support/test-app.js';
import { binary, readPdf } from './support/pdf.js';

describe('Signatures', () => {
  let t: TestApp;
  let tenant: TestTenant;
  let clock: Clock;

  const api = (method: 'get' | 'post', path: string, body?: object, auth = tenant.auth) => {
    const request = t.http[method](path).set(auth);
    return body ? request.send(body) : request;
  };
  const balance = async () => (await api('get', '/api/credits/balance').expect(200)).body.balance as number;
  const initiate = (leaseId: string, documentId: string, signers: object[] = THREE_SIGNERS) => api('post', `/api/leases/${leaseId}/signature/initiate`, { document_id: documentId, signers });
  const leaseStatus = async (leaseId: string) => (await api('get', `/api/leases/${leaseId}`).expect(200)).body.status as string;

  beforeAll(async () => {
    t = await startTestApp();
    clock = t.app.get(Clock);
    tenant = await createTenant(t.http, 'Signatures suite');
    await buyCredits(t.http, tenant, 'credits_10');
  });
  afterAll(() => t.close());

  it('runs the whole workflow for an owner and two tenants, with a verifiable proof', async () => {
    const started = Date.now();
    const { leaseId, documentId } = await signableLease(t.http, tenant, 'Happy');
    const before = await balance();
    const created = await initiate(leaseId, documentId).expect(201);
    expect(created.headers.location).toBe(`/api/leases/${leaseId}/signature`);
    expect(created.body.status).toBe('PENDING');
    expect(created.body.signers.map((s: { type: string; name: string }) => `${s.type}:${s.name}`)).toEqual(['owner:Claire Bailleur', 'tenant:Alice Locataire', 'tenant:Bruno Locataire']);
    expect(created.body.signers[0]).toMatchObject({ status: 'PENDING', channel: 'email', contact: 'c***@example.fr', attempts_remaining: 3 });
    expect(created.body.signers[2]).toMatchObject({ channel: 'sms', contact: '+336******78' });
    expect(JSON.stringify(created.body)).not.toMatch(/claire@example\.fr|\+33612345678|otp_hash/);
    expect(await balance()).toBe(before - 1);
    expect(await leaseStatus(leaseId)).toBe('PENDING_SIGNATURE');

    for (const signer of created.body.signers) {
      const sent = await api('post', `/api/leases/${leaseId}/signature/signers/${signer.id}/otp`).expect(200);
      const { code, recipient } = await latestCode(t.http, tenant.id);
      expect(recipient).toBe({ 'Claire Bailleur': 'claire@example.fr', 'Alice Locataire': 'alice@example.fr', 'Bruno Locataire': '+33612345678' }[signer.name as string]);
      expect(JSON.stringify(sent.body)).not.toContain(code);
      const signed = await api('post', `/api/leases/${leaseId}/signature/signers/${signer.id}/validate`, { otp: code }).expect(200);
      expect(signed.body.signers.find((s: { id: string }) => s.id === signer.id).status).toBe('COMPLETED');
    }
    const done = await api('get', `/api/leases/${leaseId}/signature`).expect(200);
    expect(done.body).toMatchObject({ status: 'COMPLETED', signed_document_id: expect.any(String) });
    expect(await leaseStatus(leaseId)).toBe('ACTIVE');
    expect(await balance()).toBe(before - 1);

    const signedPdf = (await api('get', `/api/leases/${leaseId}/signature/document`).buffer(true).parse(binary).expect(200)).body as Buffer;
    const original = (await api('get', `/api/documents/${documentId}/download`).buffer(true).parse(binary).expect(200)).body as Buffer;
    const { text } = await readPdf(signedPdf);
    for (const expected of ['Contrat de location', 'Certificat de signature électronique', 'Claire Bailleur', 'Alice Locataire', 'Bruno Locataire', created.body.document_sha256]) expect(text).toContain(expected);

    const proof = (await api('get', `/api/leases/${leaseId}/signature/proof`).expect(200)).body as Proof;
    expect(proof.events.map((e) => e.type)).toEqual(['initiated', 'otp_sent', 'otp_validated', 'signed', 'otp_sent', 'otp_validated', 'signed', 'otp_sent', 'otp_validated', 'signed', 'completed']);
    expect(proof.signers.map((s) => s.events.length)).toEqual([3, 3, 3]);
    expect(proof.events[1].details).toMatchObject({ channel: 'email', contact: 'c***@example.fr', ip: expect.any(String), user_agent: expect.any(String) });
    expect(verifyProof(proof, { document: original, signedDocument: signedPdf })).toEqual({ valid: true, problems: [] });
    for (let index = 0; index < proof.events.length; index++) {
      const tampered = structuredClone(proof);
      tampered.events[index].details = { ...tampered.events[index].details, ip: '203.0.113.66' };
      expect(verifyProof(tampered).valid).toBe(false);
    }
    expect(verifyProof(proof, { document: signedPdf }).valid).toBe(false);
    console.log(`Three-signer workflow through HTTP (lease set-up included): ${Date.now() - started} ms`);
    signed = { leaseId, documentId, signedDocumentId: done.body.signed_document_id, signedPdf, original, proof };
  });

  let signed: { leaseId: string; documentId: string; signedDocumentId: string; signedPdf: Buffer; original: Buffer; proof: Proof };

  describe('the signed document and its proof, checked independently', () => {
    it('has the contract\'s pages then the certificate page, no blank page between', async () => {
      const [signedPages, originalPages] = await Promise.all([PDFDocument.load(signed.signedPdf), PDFDocument.load(signed.original)]);
      expect(signedPages.getPageCount()).toBe(originalPages.getPageCount() + 1);
      const pages = (await readPdf(signed.signedPdf)).pages.map((page) => page.trim());
      expect(pages.every((text) => text.length > 0)).toBe(true);
      expect(pages.at(-1)).toContain('Certificat de signature électronique');
    });

    withPdfsig('is sealed by the platform: pdfsig finds a valid PAdES signature over the whole document', () => {
      const report = pdfsig(signed.signedPdf);
      expect(report).toContain('Signature Type: ETSI.CAdES.detached');
      expect(report).toContain('Total document signed');
      expect(report).toMatch(/Signature Validation: Signature is Valid/);
    });

    it('has a proof sealed with the key published at /api/signatures/proof-keys, and the CLI agrees', async () => {
      const keys = (await t.http.get('/api/signatures/proof-keys').expect(200)).body; // no API key needed
      expect(keys.keys).toEqual([expect.objectContaining({ kty: 'OKP', crv: 'Ed25519', kid: signed.proof.seal?.key_id })]);
      expect(verifyProof(signed.proof, { document: signed.original, signedDocument: signed.signedPdf }, keys)).toEqual({ valid: true, problems: [] });

      const folder = mkdtempSync(path.join(tmpdir(), 'faireplace-proof-'));
      const file = (name: string, content: string | Buffer) => {
        writeFileSync(path.join(folder, name), content);
        return path.join(folder, name);
      };
      const cli = (...args: string[]) => spawnSync(process.execPath, ['dist/src/cli/proof-verify.js', ...args], { encoding: 'utf8' });
      const keysFile = file('keys.json', JSON.stringify(keys));
      const intact = cli(file('proof.json', JSON.stringify(signed.proof)), '--keys', keysFile, '--signed', file('signed.pdf', signed.signedPdf));
      expect({ status: intact.status, out: intact.stdout }).toEqual({ status: 0, out: expect.stringContaining('Proof intact') });
      // Rewriting an event and recomputing every hash is invisible to the chain, not to the seal.
      const forged = structuredClone(signed.proof);
      forged.events[1].details.ip = '203.0.113.66';
      for (let index = 1; index < forged.events.length; index++) {
        forged.events[index].previous_hash = forged.events[index - 1].hash;
        forged.events[index].hash = eventHash(forged.signature_id, forged.events[index].previous_hash, forged.events[index]);
      }
      for (const signer of forged.signers) signer.events = forged.events.filter((event) => event.signer_id === signer.id);
      const rejected = cli(file('forged.json', JSON.stringify(forged)), '--keys', keysFile);
      expect({ status: rejected.status, err: rejected.stderr }).toEqual({ status: 1, err: expect.stringContaining('platform seal') });
      expect(cli(file('again.json', JSON.stringify(signed.proof))).status).toBe(2); // --keys is required
      rmSync(folder, { recursive: true, force: true });
    });

    it('serves the signed PDF only through the signature route (signatures:read), never as a lease document', async () => {
      const leasesOnly = bearer(await createKey(t.http, tenant.id, { user_id: tenant.adminUserId, permissions: ['leases:read'] }));
      const signaturesOnly = bearer(await createKey(t.http, tenant.id, { user_id: tenant.adminUserId, permissions: ['signatures:read'] }));
      for (const auth of [leasesOnly, tenant.auth]) {
        await t.http.get(`/api/documents/${signed.signedDocumentId}`).set(auth).expect(404);
        await t.http.get(`/api/documents/${signed.signedDocumentId}/download`).set(auth).expect(404);
        const listed = await t.http.get(`/api/leases/${signed.leaseId}/documents`).set(auth).expect(200);
        expect(listed.body.data.map((document: { kind: string }) => document.kind)).toEqual(['lease_pdf']);
      }
      await t.http.get(`/api/leases/${signed.leaseId}/signature/document`).set(leasesOnly).expect(403);
      const served = await t.http.get(`/api/leases/${signed.leaseId}/signature/document`).set(signaturesOnly).buffer(true).parse(binary).expect(200);
      expect(sha256Hex(served.body as Buffer)).toBe(signed.proof.signed_document?.sha256);
    });
  });

  describe('failure paths', () => {
    let leaseId: string;
    let signers: { id: string }[];

    beforeEach(async () => {
      const lease = await signableLease(t.http, tenant, 'Fail');
      leaseId = lease.leaseId;
      signers = (await initiate(leaseId, lease.documentId).expect(201)).body.signers;
    });
    afterEach(async () => {
      await api('post', `/api/leases/${leaseId}/signature/cancel`);
    });
    const sendOtp = (index: number) => api('post', `/api/leases/${leaseId}/signature/signers/${signers[index].id}/otp`);
    const validate = (index: number, otp: string, auth = tenant.auth) => api('post', `/api/leases/${leaseId}/signature/signers/${signers[index].id}/validate`, { otp }, auth);

    it('counts wrong codes down, then locks the signer (429 with Retry-After)', async () => {
      await sendOtp(0).expect(200);
      const { code } = await latestCode(t.http, tenant.id);
      const wrong = code === '111111' ? '222222' : '111111';
      expect((await validate(0, wrong).expect(422)).body.error).toMatchObject({ type: 'OTP_INVALID', details: { attempts_remaining: 2 } });
      expect((await validate(0, wrong).expect(422)).body.error).toMatchObject({ type: 'OTP_INVALID', details: { attempts_remaining: 1 } });
      const locked = await validate(0, wrong).expect(429);
      expect(locked.body.error.type).toBe('OTP_LOCKED');
      expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
      expect((await validate(0, code).expect(429)).body.error.type).toBe('OTP_LOCKED');
      expect((await sendOtp(0).expect(429)).body.error.type).toBe('OTP_LOCKED');
      const current = await api('get', `/api/leases/${leaseId}/signature`).expect(200);
      expect(current.body.signers[0]).toMatchObject({ status: 'LOCKED', attempts_remaining: 0 });
    });

    it('counts wrong codes across resends: fail twice, resend, fail once more and the signer is locked', async () => {
      await sendOtp(0).expect(200);
      const first = (await latestCode(t.http, tenant.id)).code;
      const wrongFor = (code: string) => (code === '111111' ? '222222' : '111111');
      await validate(0, wrongFor(first)).expect(422);
      expect((await validate(0, wrongFor(first)).expect(422)).body.error.details.attempts_remaining).toBe(1);
      clock.advance(61_000);
      await sendOtp(0).expect(200);
      const second = (await latestCode(t.http, tenant.id)).code;
      expect((await validate(0, wrongFor(second)).expect(429)).body.error.type).toBe('OTP_LOCKED');
      expect((await validate(0, second).expect(429)).body.error.type).toBe('OTP_LOCKED');
      const current = await api('get', `/api/leases/${leaseId}/signature`).expect(200);
      expect(current.body.signers[0]).toMatchObject({ status: 'LOCKED', attempts_remaining: 0 });
    });

    it('sends at most 5 codes to a signer, then locks it', async () => {
      for (let sent = 1; sent <= 5; sent++) {
        const response = await sendOtp(0).expect(200);
        expect(response.body.signer_id).toBe(signers[0].id);
        clock.advance(61_000);
      }
      expect((await api('get', `/api/leases/${leaseId}/signature`).expect(200)).body.signers[0].codes_remaining).toBe(0);
      expect((await sendOtp(0).expect(429)).body.error.type).toBe('OTP_LOCKED');
      const proof = await api('get', `/api/leases/${leaseId}/signature/proof`).expect(200);
      expect(proof.body.events.filter((event: { type: string }) => event.type === 'otp_sent')).toHaveLength(5);
      expect(proof.body.events.at(-1)).toMatchObject({ type: 'locked', details: { reason: 'too_many_codes', codes_sent: 5 } });
    });

    it('refuses an expired code (the clock moved 5 minutes)', async () => {
      await sendOtp(0).expect(200);
      const { code } = await latestCode(t.http, tenant.id);
      clock.advance(5 * 60_000 + 1_000);
      expect((await validate(0, code).expect(422)).body.error.type).toBe('OTP_EXPIRED');
    });

    it('enforces the signing order', async () => {
      const outOfTurn = await sendOtp(1).expect(422);
      expect(outOfTurn.body.error).toMatchObject({ type: 'INVALID_TRANSITION', details: { next_signer_id: signers[0].id } });
      await validate(2, '123456').expect(422);
    });

    it('holds resends for 60 s, and a new code replaces the old', async () => {
      await sendOtp(0).expect(200);
      const first = (await latestCode(t.http, tenant.id)).code;
      const tooSoon = await sendOtp(0).expect(429);
      expect(tooSoon.body.error.type).toBe('RATE_LIMITED');
      expect(Number(tooSoon.headers['retry-after'])).toBeGreaterThan(50);
      clock.advance(61_000);
      await sendOtp(0).expect(200);
      const second = (await latestCode(t.http, tenant.id)).code;
      if (first !== second) await validate(0, first).expect(422);
      await validate(0, second).expect(200);
    });

    it('never accepts the sandbox code 000000 from a live key, and a sandbox key cannot even see the live lease', async () => {
      await sendOtp(0).expect(200);
      const { code } = await latestCode(t.http, tenant.id);
      if (code !== '000000') expect((await validate(0, '000000').expect(422)).body.error.type).toBe('OTP_INVALID');
      const sandbox = bearer(await createKey(t.http, tenant.id, { user_id: tenant.adminUserId, environment: 'sandbox' }));
      expect((await validate(0, '000000', sandbox).expect(404)).body.error.type).toBe('NOT_FOUND');
      await validate(0, code).expect(200);
    });

    it('refunds the credit and reopens the lease on cancel; a cancelled signature takes no code', async () => {
      const before = await balance();
      const cancelled = await api('post', `/api/leases/${leaseId}/signature/cancel`).expect(200);
      expect(cancelled.body.status).toBe('CANCELLED');
      expect(await balance()).toBe(before + 1);
      expect(await leaseStatus(leaseId)).toBe('DRAFT');
      expect((await sendOtp(0).expect(409)).body.error.type).toBe('CONFLICT');
      await api('post', `/api/leases/${leaseId}/signature/cancel`).expect(422);
    });

    it('refuses a second open signature on the same lease', async () => {
      const documents = await api('get', `/api/leases/${leaseId}/documents`).expect(200);
      expect((await initiate(leaseId, documents.body.data[0].id).expect(409)).body.error.message).toMatch(/open signature/);
    });

    it('expires lazily after 14 days: refunded, lease back to DRAFT', async () => {
      const before = await balance();
      clock.advance(15 * 86_400_000);
      expect((await api('get', `/api/leases/${leaseId}/signature`).expect(200)).body.status).toBe('EXPIRED');
      expect(await balance()).toBe(before + 1);
      expect(await leaseStatus(leaseId)).toBe('DRAFT');
      await sendOtp(0).expect(409);
    });
  });

  it('expires forgotten signatures in the recurring sweep job', async () => {
    const { leaseId, documentId } = await signableLease(t.http, tenant, 'Sweep');
    const signature = (await initiate(leaseId, documentId).expect(201)).body;
    const owner = await ownerRoleClient();
    await owner.query(`UPDATE signatures SET expires_at = now() - interval '1 minute' WHERE id = $1`, [signature.id]);
    await owner.end();
    const before = await balance();
    const jobs = t.app.get(Jobs);
    await jobs.enqueue('signatures.expire-due', {});
    expect(await jobs.runPending('signatures.expire-due')).toBe(1);
    expect(await balance()).toBe(before + 1);
    expect(await leaseStatus(leaseId)).toBe('DRAFT');
  });

  it('skips a signature that fails to expire, logs it, and expires the others (other tenants too)', async () => {
    const neighbour = await createTenant(t.http, 'Sweep neighbour');
    await buyCredits(t.http, neighbour, 'credits_1');
    const broken = await signableLease(t.http, tenant, 'Broken sweep');
    const brokenSignature = (await initiate(broken.leaseId, broken.documentId).expect(201)).body;
    const healthy = await signableLease(t.http, neighbour, 'Healthy sweep');
    const healthySignature = (await t.http.post(`/api/leases/${healthy.leaseId}/signature/initiate`).set(neighbour.auth).send({ document_id: healthy.documentId, signers: THREE_SIGNERS }).expect(201)).body;
    const owner = await ownerRoleClient();
    // The broken one is found first (expired earlier).
    await owner.query(`UPDATE signatures SET expires_at = now() - interval '2 minutes' WHERE id = $1`, [brokenSignature.id]);
    await owner.query(`UPDATE signatures SET expires_at = now() - interval '1 minute' WHERE id = $1`, [healthySignature.id]);
    await owner.end();
    const workflow = t.app.get(SignatureWorkflow);
    const expireIfDue = workflow.expireIfDue.bind(workflow);
    const spy = jest.spyOn(workflow, 'expireIfDue').mockImplementation(async (signature) => {
      if (signature.id === brokenSignature.id) throw new Error('simulated failure');
      return expireIfDue(signature);
    });
    try {
      const outcome = await t.app.get(SignatureExpirySweeper).sweep();
      expect(outcome.failed).toBeGreaterThanOrEqual(1);
      expect(outcome.expired).toBeGreaterThanOrEqual(1);
    } finally {
      spy.mockRestore();
    }
    expect((await t.http.get(`/api/leases/${healthy.leaseId}/signature`).set(neighbour.auth).expect(200)).body.status).toBe('EXPIRED');
    expect(await leaseStatus(broken.leaseId)).toBe('PENDING_SIGNATURE');
  });

  it('needs a credit, and writes nothing without one', async () => {
    const poor = await createTenant(t.http, 'Poor tenant');
    const { leaseId, documentId } = await signableLease(t.http, poor, 'Poor');
    const refused = await t.http.post(`/api/leases/${leaseId}/signature/initiate`).set(poor.auth).send({ document_id: documentId, signers: THREE_SIGNERS }).expect(422);
    expect(refused.body.error).toMatchObject({ type: 'INSUFFICIENT_CREDITS', details: { balance: 0, required: 1 } });
    expect((await t.http.get(`/api/leases/${leaseId}`).set(poor.auth).expect(200)).body.status).toBe('DRAFT');
    await t.http.get(`/api/leases/${leaseId}/signature`).set(poor.auth).expect(404);
    expect((await t.http.get('/api/credits/transactions').set(poor.auth).expect(200)).body.data).toEqual([]);
  });

  it('debits exactly 5 of 20 concurrent initiations at a balance of 5', async () => {
    const rich = await createTenant(t.http, 'Concurrent tenant');
    await buyCredits(t.http, rich, 'credits_5');
    const leases = [];
    for (let i = 0; i < 20; i++) leases.push(await signableLease(t.http, rich, `C${i}`));
    const responses = await Promise.all(leases.map(({ leaseId, documentId }) => t.http.post(`/api/leases/${leaseId}/signature/initiate`).set(rich.auth).send({ document_id: documentId, signers: THREE_SIGNERS.slice(1, 2) })));
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(5);
    expect(statuses.filter((s) => s === 422)).toHaveLength(15);
    expect(responses.filter((r) => r.status === 422).every((r) => r.body.error.type === 'INSUFFICIENT_CREDITS')).toBe(true);
    expect((await t.http.get('/api/credits/balance').set(rich.auth).expect(200)).body.balance).toBe(0);
    const ledger = (await t.http.get('/api/credits/transactions?per_page=100').set(rich.auth).expect(200)).body.data;
    expect(ledger.filter((entry: { type: string }) => entry.type === 'consumption')).toHaveLength(5);
    expect(ledger.map((entry: { balance_after: number }) => entry.balance_after).sort()).toEqual([0, 1, 2, 3, 4, 5]);
    const pending = await Promise.all(leases.map(({ leaseId }) => t.http.get(`/api/leases/${leaseId}`).set(rich.auth)));
    expect(pending.filter((r) => r.body.status === 'PENDING_SIGNATURE')).toHaveLength(5);
  });

  it('never shows a code or its hash in any response, and keeps codes in their tenant\'s outbox', async () => {
    const { leaseId, documentId } = await signableLease(t.http, tenant, 'Secret');
    const signature = (await initiate(leaseId, documentId).expect(201)).body;
    const sent = await api('post', `/api/leases/${leaseId}/signature/signers/${signature.signers[0].id}/otp`).expect(200);
    const { code } = await latestCode(t.http, tenant.id);
    const owner = await ownerRoleClient();
    const [{ otp_hash: hash }] = (await owner.query(`SELECT otp_hash FROM signature_signers WHERE id = $1`, [signature.signers[0].id])).rows;
    await owner.end();
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    const responses = [
      sent.body,
      (await api('get', `/api/leases/${leaseId}/signature`).expect(200)).body,
      (await api('get', `/api/leases/${leaseId}/signature/proof`).expect(200)).body,
    ].map((body) => JSON.stringify(body));
    for (const body of responses) {
      expect(body).not.toContain(code);
      expect(body).not.toContain(hash);
      expect(body).not.toContain('otp_hash');
    }
    const other = await createTenant(t.http, 'Outbox neighbour');
    const theirs = await t.http.get(`/internal/tenants/${other.id}/outbox?per_page=100`).set('X-Internal-Token', INTERNAL_TOKEN).expect(200);
    expect(theirs.body.data).toEqual([]);
    await api('post', `/api/leases/${leaseId}/signature/cancel`).expect(200);
  });
});
