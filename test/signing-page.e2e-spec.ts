import { createHash, randomBytes } from 'node:crypto';
import type pg from 'pg';
import type { Proof } from '../src/modules/signatures/proof/proof-chain.js';
import { SIGNING_PAGE_CSP } from '../src/modules/signing-page/signing-page.headers.js';
import { runningLease } from './support/rent.js';
import { buyCredits, signableLease, THREE_SIGNERS } from './support/signing.js';
import { createTenant, INTERNAL_TOKEN, ownerRoleClient, randomUuid, sandboxOf, startTestApp, type TestApp, type TestTenant, withoutMeta } from './support/test-app.js';

const MIN_MS = 150;
const BASE = 'https://app.faireplace.test';
/** The owner alone (THREE_SIGNERS lists a tenant first). */
const OWNER_ONLY = THREE_SIGNERS.filter((signer) => signer.type === 'owner');
const TOKEN_IN_URL = /\/sign\/([A-Za-z0-9_-]{43})/;

interface OutboxMessage { id: string; recipient: string; channel: string; body: string; subject: string | null; created_at: string }

/** Hosted signing pages: links issued at initiation, the HTML page, its JSON actions, the generic answer. */
describe('Signing pages', () => {
  let t: TestApp;
  let tenant: TestTenant;
  let owner: pg.Client;

  beforeAll(async () => {
    t = await startTestApp({ PUBLIC_BASE_URL: BASE, SIGNING_LINK_MIN_RESPONSE_MS: String(MIN_MS) });
    tenant = await createTenant(t.http, 'Signing page suite');
    await buyCredits(t.http, tenant, 'credits_50');
    owner = await ownerRoleClient();
  });
  afterAll(async () => {
    await owner.end();
    await t.close();
  });

  const api = (method: 'get' | 'post', path: string, body?: object, as: TestTenant = tenant) => {
    const request = t.http[method](path).set(as.auth);
    return body ? request.send(body) : request;
  };
  const outbox = async (as: TestTenant = tenant): Promise<OutboxMessage[]> => {
    const path = `/internal/tenants/${as.id}/outbox?per_page=100${as.environment === 'sandbox' ? '&environment=sandbox' : ''}`;
    return (await t.http.get(path).set('X-Internal-Token', INTERNAL_TOKEN).expect(200)).body.data;
  };
  /** The newest code sent to `recipient` (what the signer reads). */
  const codeFor = async (recipient: string, as: TestTenant = tenant) => {
    const message = (await outbox(as)).find((m) => m.recipient === recipient && /\b\d{6}\b/.test(m.body) && !TOKEN_IN_URL.test(m.body));
    return /\b(\d{6})\b/.exec(message!.body)![1];
  };
  const tokenOf = (url: string) => TOKEN_IN_URL.exec(url)![1];
  const page = (token: string) => t.http.get(`/sign/${token}`);
  const sendCode = (token: string) => t.http.post(`/sign/${token}/otp`);
  const validate = (token: string, otp: string) => t.http.post(`/sign/${token}/validate`).send({ otp });

  /** A lease under signature with links for the three signers (owner first, then Alice, then Bruno by SMS). */
  const leaseWithLinks = async (label: string, as: TestTenant = tenant, signers: object[] = THREE_SIGNERS) => {
    const { leaseId, documentId } = await signableLease(t.http, as, label);
    const response = await api('post', `/api/leases/${leaseId}/signature/initiate`, { document_id: documentId, signers, signing_links: true }, as).expect(201);
    const tokens = (response.body.signers as { signing_url: string }[]).map((signer) => tokenOf(signer.signing_url));
    return { leaseId, documentId, signature: response.body, tokens };
  };

  describe('links at initiation', () => {
    it('returns each signer\'s link once, and sends it through the outbox in signing order', async () => {
      const before = (await outbox()).length;
      const { leaseId, signature, tokens } = await leaseWithLinks('Links');
      expect(signature.signers.map((s: { name: string; signing_url: string }) => [s.name, s.signing_url])).toEqual([
        ['Claire Bailleur', `${BASE}/sign/${tokens[0]}`], ['Alice Locataire', `${BASE}/sign/${tokens[1]}`], ['Bruno Locataire', `${BASE}/sign/${tokens[2]}`],
      ]);
      expect(new Set(tokens).size).toBe(3);

      const sent = (await outbox()).slice(0, (await outbox()).length - before).reverse(); // oldest first
      expect(sent.map((m) => [m.recipient, m.channel, tokenOf(m.body)])).toEqual([
        ['claire@example.fr', 'email', tokens[0]], ['alice@example.fr', 'email', tokens[1]], ['+33612345678', 'sms', tokens[2]],
      ]);
      expect(sent[0].body).toContain(`${BASE}/sign/${tokens[0]}`);
      expect(sent[1].body).toContain('Vous signerez après un autre signataire');
      expect(sent[2].body.length).toBeLessThan(200); // one SMS-sized line

      // Never shown again: not in the workflow as read back, nor in the proof (which records the sending).
      const read = await api('get', `/api/leases/${leaseId}/signature`).expect(200);
      expect(JSON.stringify(read.body)).not.toMatch(/signing_url|\/sign\//);
      const proof = (await api('get', `/api/leases/${leaseId}/signature/proof`).expect(200)).body as Proof;
      expect(proof.events.map((e) => e.type)).toEqual(['initiated', 'signing_link_sent', 'signing_link_sent', 'signing_link_sent']);
      expect(proof.events[3].details).toEqual({ channel: 'sms', contact: '+336******78' });
      expect(JSON.stringify(proof)).not.toContain(tokens[0]);
    });

    it('issues no link unless asked, and never replays one (Idempotency-Key)', async () => {
      const plain = await signableLease(t.http, tenant, 'NoLinks');
      const before = (await outbox()).length;
      const without = await api('post', `/api/leases/${plain.leaseId}/signature/initiate`, { document_id: plain.documentId, signers: THREE_SIGNERS }).expect(201);
      expect(JSON.stringify(without.body)).not.toContain('signing_url');
      expect((await outbox()).length).toBe(before);

      const keyed = await signableLease(t.http, tenant, 'Replay');
      const body = { document_id: keyed.documentId, signers: OWNER_ONLY, signing_links: true };
      const key = `links-${randomUuid()}`;
      const first = await api('post', `/api/leases/${keyed.leaseId}/signature/initiate`).set('Idempotency-Key', key).send(body);
      const replay = await api('post', `/api/leases/${keyed.leaseId}/signature/initiate`).set('Idempotency-Key', key).send(body);
      expect([first.status, replay.status, replay.headers['idempotent-replayed']]).toEqual([201, 201, 'true']);
      expect(first.body.signers[0].signing_url).toMatch(TOKEN_IN_URL);
      expect(replay.body.signers[0]).not.toHaveProperty('signing_url');
      expect(withoutUrl(replay.body)).toEqual(withoutUrl(first.body));
    });

    it('refuses a signing_links that is not a boolean (400)', async () => {
      const { leaseId, documentId } = await signableLease(t.http, tenant, 'BadFlag');
      const response = await api('post', `/api/leases/${leaseId}/signature/initiate`, { document_id: documentId, signers: THREE_SIGNERS, signing_links: 'yes' }).expect(400);
      expect(response.body.error.details.fields.map((f: { field: string }) => f.field)).toEqual(['signing_links']);
    });

    it('keeps only the token\'s SHA-256: once delivered, the token is in no table at all', async () => {
      const { tokens } = await leaseWithLinks('Hashed');
      const { rows } = await owner.query('SELECT encode(token_hash, \'hex\') AS hash FROM signing_links WHERE tenant_id = $1', [tenant.id]);
      for (const token of tokens) expect(rows.map((row) => row.hash)).toContain(createHash('sha256').update(token).digest('hex'));

      // Until the dashboard delivers them, the messages carrying the links are the only place they are.
      for (const token of tokens) expect(await tablesContaining(owner, token)).toEqual(['public.outbox_messages']);
      for (const message of (await outbox()).filter((m) => tokens.some((token) => m.body.includes(token)))) {
        const delivered = await t.http.post(`/internal/tenants/${tenant.id}/outbox/${message.id}/delivered`).set('X-Internal-Token', INTERNAL_TOKEN).expect(200);
        expect(delivered.body.body).toContain('/sign/•••');
      }
      for (const token of tokens) expect(await tablesContaining(owner, token)).toEqual([]);
    });
  });

  describe('the page', () => {
    it('shows the first signer the document and "Recevoir un code", later signers that they wait', async () => {
      const { tokens } = await leaseWithLinks('Page');
      const ready = await page(tokens[0]).expect(200).expect('Content-Type', /text\/html; charset=utf-8/);
      expect(ready.text).toMatch(/^<!doctype html>\n<html lang="fr">/);
      for (const text of ['Contrat de location à signer', 'Bonjour Claire Bailleur', 'en tant que bailleur', 'rue des Lilas, 69003 Lyon', 'Page 3B', 'Claire Page Bailleur',
        'Alice Page Locataire, Bruno Page Locataire', '750,00', 'Recevoir un code', 'par e-mail à c***@example.fr', `/sign/${tokens[0]}/document`]) {
        expect({ text, found: ready.text.includes(text) }).toEqual({ text, found: true });
      }
      expect(ready.text).toContain('data-state="ready"');
      expect(ready.text).not.toContain('claire@example.fr');

      const alice = await page(tokens[1]).expect(200);
      expect(alice.text).toContain('data-state="waiting"');
      expect(alice.text).toContain('un autre signataire doit signer avant vous');
      expect((await page(tokens[2]).expect(200)).text).toContain('2 autres signataires doivent signer avant vous');
    });

    it('speaks English with ?lang=en or an English Accept-Language, French otherwise', async () => {
      const { tokens } = await leaseWithLinks('Lang');
      const english = await page(`${tokens[0]}?lang=en`).expect(200);
      expect(english.text).toContain('<html lang="en">');
      expect(english.text).toContain('Send me a code');
      expect(english.headers['content-language']).toBe('en');
      expect((await page(tokens[0]).set('Accept-Language', 'en-GB,en;q=0.9,fr;q=0.5').expect(200)).text).toContain('Send me a code');
      expect((await page(`${tokens[0]}?lang=fr`).set('Accept-Language', 'en').expect(200)).text).toContain('Recevoir un code');
      expect((await page(tokens[0]).set('Accept-Language', 'de-DE').expect(200)).text).toContain('<html lang="fr">');
    });

    it('sends a strict CSP, no referrer, no caching; loads only its own scripts and styles, none inline', async () => {
      const { tokens } = await leaseWithLinks('Headers');
      for (const response of [await page(tokens[0]), await page('x'.repeat(43)), await sendCode('y'.repeat(43))]) {
        expect(response.headers['content-security-policy']).toBe(SIGNING_PAGE_CSP);
        expect(response.headers['referrer-policy']).toBe('no-referrer');
        expect(response.headers['cache-control']).toBe('no-store');
        expect(response.headers['x-frame-options']).toBe('DENY');
      }
      expect(SIGNING_PAGE_CSP).toMatch(/default-src 'none'.*script-src 'self'.*style-src 'self'.*worker-src 'self'.*frame-ancestors 'none'/);
      const html = (await page(tokens[0])).text;
      expect(html).not.toMatch(/<style|\sstyle=|\son\w+=|javascript:/i);
      const scripts = [...html.matchAll(/<script([^>]*)>/g)].map((match) => match[1]);
      expect(scripts.every((attributes) => /src="\/sign\/assets\//.test(attributes) || /type="application\/json"/.test(attributes))).toBe(true);
      const urls = [...html.matchAll(/(?:src|href|data-pdfjs(?:-worker)?)="([^"]+)"/g)].map((match) => match[1]);
      expect(urls.filter((url) => /^(https?:)?\/\//.test(url))).toEqual([]);
      for (const asset of urls.filter((url) => url.startsWith('/sign/assets/'))) {
        const served = await t.http.get(asset).expect(200);
        expect(served.headers['content-type']).toMatch(/^(text\/(javascript|css); charset=utf-8|image\/svg\+xml)$/);
        expect(served.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      }
      await t.http.get('/sign/assets/unknown.js').expect(404);
    });

    it('serves the PDF being signed, and the summary of an amendment and of a condition report', async () => {
      const { documentId, tokens } = await leaseWithLinks('Pdf');
      const pdf = await t.http.get(`/sign/${tokens[0]}/document`).buffer(true).parse(binary).expect(200).expect('Content-Type', 'application/pdf');
      const original = await api('get', `/api/documents/${documentId}/download`).buffer(true).parse(binary).expect(200);
      expect(Buffer.compare(pdf.body as Buffer, original.body as Buffer)).toBe(0);

      const { leaseId } = await runningLease(t.http, tenant, { start_date: '2026-01-01' }, 'Kinds');
      const amendment = (await api('post', `/api/leases/${leaseId}/amendments`, { type: 'duration_change', effective_date: '2027-06-01', changes: { end_date: '2030-12-31' }, description: 'Prolongation de trois ans' }).expect(201)).body.id;
      const amendmentPdf = (await api('post', `/api/leases/${leaseId}/amendments/${amendment}/pdf`).expect(201)).body.id;
      const amended = await api('post', `/api/leases/${leaseId}/amendments/${amendment}/signature/initiate`, { document_id: amendmentPdf, signers: THREE_SIGNERS.slice(1, 2), signing_links: true }).expect(201);
      const amendmentPage = (await page(tokenOf(amended.body.signers[0].signing_url)).expect(200)).text;
      for (const text of ['Avenant au contrat de location à signer', 'Changement de durée', '1 juin 2027', 'Prolongation de trois ans']) expect({ text, found: amendmentPage.includes(text) }).toEqual({ text, found: true });

      const report = (await api('post', `/api/leases/${leaseId}/condition-reports`, { kind: 'entry', performed_on: '2026-01-01' }).expect(201)).body.id;
      const reportPdf = (await api('post', `/api/leases/${leaseId}/condition-reports/${report}/pdf`).expect(201)).body.id;
      const reported = await api('post', `/api/leases/${leaseId}/condition-reports/${report}/signature/initiate`, { document_id: reportPdf, signers: THREE_SIGNERS.slice(1, 2), signing_links: true }).expect(201);
      const reportPage = (await page(`${tokenOf(reported.body.signers[0].signing_url)}?lang=en`).expect(200)).text;
      for (const text of ['Condition report to sign', 'Move-in condition report', '1 January 2026']) expect({ text, found: reportPage.includes(text) }).toEqual({ text, found: true });
    });
  });

  describe('signing on the page', () => {
    it('acts for its own signer only, in turn, with the API\'s code rules, and the proof notes the page', async () => {
      const { leaseId, tokens } = await leaseWithLinks('Turn');
      // Alice's link cannot act before the owner has signed, and never for the owner.
      expect((await sendCode(tokens[1]).expect(422)).body.error.type).toBe('INVALID_TRANSITION');
      const sent = await sendCode(tokens[0]).set('User-Agent', 'SigningPageTest/1.0').expect(200);
      expect(sent.body).toMatchObject({ channel: 'email', contact: 'c***@example.fr' });
      expect((await sendCode(tokens[0]).expect(429)).body.error.type).toBe('RATE_LIMITED'); // the 60 s cooldown
      const code = await codeFor('claire@example.fr');
      expect((await validate(tokens[1], code).expect(422)).body.error.type).toBe('INVALID_TRANSITION');
      const wrong = await validate(tokens[0], code === '111111' ? '222222' : '111111').expect(422);
      expect(wrong.body.error).toMatchObject({ type: 'OTP_INVALID', details: { attempts_remaining: 2 } });
      expect((await validate(tokens[0], code).set('User-Agent', 'SigningPageTest/1.0').expect(200)).body).toEqual({ state: 'signed', signature_status: 'IN_PROGRESS' });

      // Now Alice's turn: her code goes to her, not to the owner.
      expect((await page(tokens[1]).expect(200)).text).toContain('data-state="ready"');
      expect((await sendCode(tokens[1]).expect(200)).body.contact).toBe('a***@example.fr');
      expect((await page(tokens[1]).expect(200)).text).toContain('data-state="code_sent"');

      const proof = (await api('get', `/api/leases/${leaseId}/signature/proof`).expect(200)).body as Proof;
      const claire = proof.signers[0].events;
      expect(claire.map((e) => e.type)).toEqual(['signing_link_sent', 'otp_sent', 'otp_failed', 'otp_validated', 'signed']);
      for (const event of claire.slice(1)) expect(event.details).toMatchObject({ via: 'signing_page', ip: expect.stringContaining('127.0.0.1') });
      expect(claire[1].details).toMatchObject({ channel: 'email', contact: 'c***@example.fr', user_agent: 'SigningPageTest/1.0' });
    });

    it('completes the signature when the last signer signs on the page', async () => {
      const { leaseId, tokens } = await leaseWithLinks('Complete', tenant, THREE_SIGNERS.slice(0, 2));
      for (const [index, recipient] of ['claire@example.fr', 'alice@example.fr'].entries()) {
        await sendCode(tokens[index]).expect(200);
        const done = await validate(tokens[index], await codeFor(recipient)).expect(200);
        expect(done.body.signature_status).toBe(index === 1 ? 'COMPLETED' : 'IN_PROGRESS');
      }
      expect((await api('get', `/api/leases/${leaseId}`).expect(200)).body.status).toBe('ACTIVE');
    });

    it('accepts 000000 only in the sandbox, recorded as such', async () => {
      const live = await leaseWithLinks('LiveCode', tenant, OWNER_ONLY);
      await sendCode(live.tokens[0]).expect(200);
      if ((await codeFor('claire@example.fr')) !== '000000') expect((await validate(live.tokens[0], '000000').expect(422)).body.error.type).toBe('OTP_INVALID');

      const sandbox = await sandboxOf(t.http, tenant);
      await buyCreditsInSandbox(sandbox);
      const links = await leaseWithLinks('SandboxCode', sandbox, OWNER_ONLY);
      const sandboxPage = (await page(links.tokens[0]).expect(200)).text;
      expect(sandboxPage).toContain('le code 000000 est accepté');
      await sendCode(links.tokens[0]).expect(200);
      expect((await validate(links.tokens[0], '000000').expect(200)).body.signature_status).toBe('COMPLETED');
      const proof = (await api('get', `/api/leases/${links.leaseId}/signature/proof`, undefined, sandbox).expect(200)).body as Proof;
      expect(proof.events.find((e) => e.type === 'otp_validated')!.details).toMatchObject({ sandbox_code: true, via: 'signing_page' });
    });

    it('locks the signer after 3 wrong codes: the page\'s answer is OTP_LOCKED, then the link is dead', async () => {
      const { tokens } = await leaseWithLinks('Locked', tenant, OWNER_ONLY);
      await sendCode(tokens[0]).expect(200);
      const code = await codeFor('claire@example.fr');
      const wrong = code === '123456' ? '654321' : '123456';
      await validate(tokens[0], wrong).expect(422);
      await validate(tokens[0], wrong).expect(422);
      expect((await validate(tokens[0], wrong).expect(429)).body.error.type).toBe('OTP_LOCKED');
      await page(tokens[0]).expect(404);
    });
  });

  describe('a token that cannot act', () => {
    it('gets the same generic page and the same JSON answer whether unknown, malformed, expired, signed, locked or cancelled, never faster than the minimum', async () => {
      const signed = await leaseWithLinks('DeadSigned', tenant, THREE_SIGNERS.slice(0, 2));
      await sendCode(signed.tokens[0]).expect(200);
      await validate(signed.tokens[0], await codeFor('claire@example.fr')).expect(200);
      const cancelled = await leaseWithLinks('DeadCancelled', tenant, OWNER_ONLY);
      await api('post', `/api/leases/${cancelled.leaseId}/signature/cancel`).expect(200);
      const locked = await leaseWithLinks('DeadLocked', tenant, OWNER_ONLY);
      await sendCode(locked.tokens[0]).expect(200);
      const wrong = (await codeFor('claire@example.fr')) === '123456' ? '654321' : '123456';
      for (const status of [422, 422, 429]) await validate(locked.tokens[0], wrong).expect(status);
      const expired = await leaseWithLinks('DeadExpired', tenant, OWNER_ONLY);
      await owner.query(`UPDATE signatures SET expires_at = now() - interval '1 minute' WHERE tenant_id = $1 AND id = $2`, [tenant.id, expired.signature.id]);
      const tokens = {
        unknown: randomBytes(32).toString('base64url'),
        malformed: 'not-a-token',
        signed: signed.tokens[0],
        locked: locked.tokens[0],
        cancelled: cancelled.tokens[0],
        expired: expired.tokens[0],
      };

      const pages: Record<string, { status: number; body: string }> = {};
      const actions: Record<string, unknown> = {};
      for (const [name, token] of Object.entries(tokens)) {
        const started = performance.now();
        const response = await page(token);
        expect({ name, fastEnough: performance.now() - started >= MIN_MS - 5 }).toEqual({ name, fastEnough: true });
        pages[name] = { status: response.status, body: response.text };
        const otp = await sendCode(token);
        const sign = await validate(token, '123456');
        actions[name] = [otp.status, withoutMeta(otp.body), sign.status, withoutMeta(sign.body)];
      }
      const generic = pages.unknown;
      expect(generic.status).toBe(404);
      expect(generic.body).toContain('Lien de signature non valable');
      for (const name of Object.keys(tokens)) {
        expect({ name, ...pages[name] }).toEqual({ name, ...generic });
        expect({ name, action: actions[name] }).toEqual({ name, action: actions.unknown });
      }
      expect(actions.unknown).toEqual([404, { error: { code: 404, type: 'NOT_FOUND', message: 'This signing link is not valid, or no longer', details: {} } }, 404, expect.anything()]);
      expect(generic.body).not.toMatch(/signing-page\.js|data-state/); // no script, nothing of a workflow
      // The PDF of a dead link is refused the same way.
      expect(withoutMeta((await t.http.get(`/sign/${tokens.signed}/document`).expect(404)).body)).toEqual(withoutMeta((await t.http.get(`/sign/${tokens.unknown}/document`).expect(404)).body));
    });

    it('never shows a tenant another tenant\'s data: each token shows its own workflow only', async () => {
      const other = await createTenant(t.http, 'Signing page other tenant');
      await buyCredits(t.http, other);
      const mine = await leaseWithLinks('Alphamarker');
      const theirs = await leaseWithLinks('Bravomarker', other);
      const minePage = (await page(mine.tokens[0]).expect(200)).text;
      const theirPage = (await page(theirs.tokens[0]).expect(200)).text;
      expect(minePage).toContain('Alphamarker');
      expect(minePage).not.toContain('Bravomarker');
      expect(theirPage).toContain('Bravomarker');
      expect(theirPage).not.toContain('Alphamarker');
      for (const text of [minePage, theirPage]) {
        expect(text).not.toContain(tenant.id);
        expect(text).not.toContain(other.id);
      }
      // Acting with their token changes their workflow only.
      await sendCode(theirs.tokens[0]).expect(200);
      expect((await outbox(other)).some((m) => m.recipient === 'claire@example.fr' && /\b\d{6}\b/.test(m.body) && !TOKEN_IN_URL.test(m.body))).toBe(true);
      expect((await api('get', `/api/leases/${mine.leaseId}/signature`).expect(200)).body.signers[0].status).toBe('PENDING');
    });
  });

  const buyCreditsInSandbox = async (sandbox: TestTenant) => {
    const payment = await api('post', '/api/credits/purchase', { package_id: 'credits_5', success_url: 'https://a.fr/ok', cancel_url: 'https://a.fr/ko' }, sandbox).expect(201);
    await t.http.post(`/internal/tenants/${sandbox.id}/payments/${payment.body.id}/complete?environment=sandbox`).set('X-Internal-Token', INTERNAL_TOKEN).expect(200);
  };
});

/** Rate limits with small numbers, on an app of their own; the client IP comes from X-Forwarded-For. */
describe('Signing pages: limits per token and per IP', () => {
  let t: TestApp;
  let tenant: TestTenant;
  const ip = () => `198.51.100.${1 + Math.floor(Math.random() * 250)}`;

  beforeAll(async () => {
    t = await startTestApp({ TRUST_PROXY: 'true', SIGNING_LINK_MIN_RESPONSE_MS: '0', SIGNING_LINK_REQUESTS_PER_MINUTE: '3', SIGNING_PAGE_REQUESTS_PER_MINUTE_PER_IP: '4' });
    tenant = await createTenant(t.http, 'Signing limits');
    await buyCredits(t.http, tenant);
  });
  afterAll(() => t.close());

  it('limits one token, whatever the addresses, then answers 429 (HTML for the page, the envelope for actions)', async () => {
    const { leaseId, documentId } = await signableLease(t.http, tenant, 'Limits');
    const created = await t.http.post(`/api/leases/${leaseId}/signature/initiate`).set(tenant.auth).send({ document_id: documentId, signers: OWNER_ONLY, signing_links: true }).expect(201);
    const token = TOKEN_IN_URL.exec(created.body.signers[0].signing_url)![1];
    for (let attempt = 0; attempt < 3; attempt++) await t.http.get(`/sign/${token}`).set('X-Forwarded-For', ip()).expect(200);
    const refused = await t.http.post(`/sign/${token}/otp`).set('X-Forwarded-For', ip()).expect(429);
    expect(refused.body.error).toMatchObject({ type: 'RATE_LIMITED', details: { limit: 'signing_link' } });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    const pageRefused = await t.http.get(`/sign/${token}`).set('X-Forwarded-For', ip()).expect(429).expect('Content-Type', /text\/html/);
    expect(pageRefused.text).toContain('Trop de demandes');
    expect(pageRefused.headers['retry-after']).toBeDefined();
  });

  it('limits one address, whatever the tokens (guessing costs)', async () => {
    const address = ip();
    for (let attempt = 0; attempt < 4; attempt++) await t.http.get(`/sign/${randomBytes(32).toString('base64url')}`).set('X-Forwarded-For', address).expect(404);
    const refused = await t.http.post(`/sign/${randomBytes(32).toString('base64url')}/otp`).set('X-Forwarded-For', address).expect(429);
    expect(refused.body.error.type).toBe('RATE_LIMITED');
    await t.http.get(`/sign/${randomBytes(32).toString('base64url')}`).set('X-Forwarded-For', ip()).expect(404); // another address is not affected
  });
});

/** Every tenant-data table (any schema but the catalogs) whose rows contain `text`, as the owner role sees them. */
async function tablesContaining(owner: pg.Client, text: string): Promise<string[]> {
  const { rows: tables } = await owner.query<{ name: string }>(
    `SELECT format('%I.%I', table_schema, table_name) AS name FROM information_schema.tables
      WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1`,
  );
  const found: string[] = [];
  for (const { name } of tables) {
    const { rows } = await owner.query(`SELECT count(*)::int AS n FROM ${name} t WHERE strpos(t::text, $1) > 0`, [text]);
    if (rows[0].n > 0) found.push(name);
  }
  return found;
}

function withoutUrl(body: { signers: Record<string, unknown>[] }) {
  return { ...body, signers: body.signers.map(({ signing_url: _url, ...signer }) => signer) };
}

function binary(response: import('superagent').Response, done: (error: Error | null, body: Buffer) => void) {
  const chunks: Buffer[] = [];
  response.on('data', (chunk: Buffer) => chunks.push(chunk));
  response.on('end', () => done(null, Buffer.concat(chunks)));
}
