import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import path from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { chromiumPath, describeWithChromium } from './support/browser.js';
import { buyCredits, signableLease, THREE_SIGNERS } from './support/signing.js';
import { createTenant, INTERNAL_TOKEN, ownerRoleClient, startTestApp, type TestApp, type TestTenant } from './support/test-app.js';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const SCREENSHOTS = path.resolve('test-output/signing-page');
/** The owner alone (THREE_SIGNERS lists a tenant first). */
const OWNER_ONLY = THREE_SIGNERS.filter((signer) => signer.type === 'owner');
const TOKEN_IN_URL = /https?:\/\/[^\s]+\/sign\/[A-Za-z0-9_-]{43}/;

interface AxeViolation { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }

/**
 * A real browser on the hosted signing page (Debian's chromium, headless, through playwright-core):
 * a signer opens the link from the outbox, asks for a code, types it and signs; the waiting,
 * expired, cancelled, locked and generic states too. Each state is photographed to
 * test-output/signing-page/ and scanned with axe-core: no serious or critical violation; no
 * Content-Security-Policy violation, no page error, no request leaving our origin.
 */
describeWithChromium('Signing page in a browser', () => {
  let t: TestApp;
  let tenant: TestTenant;
  let browser: Browser;
  let context: BrowserContext;
  let origin: string;
  const problems: string[] = [];
  const axeResults: Record<string, Record<string, string[]>> = {};

  beforeAll(async () => {
    if (!chromiumPath) throw new Error('REQUIRE_CHROMIUM=1 but chromium is not installed: apt-get install -y chromium');
    const port = await freePort();
    origin = `http://127.0.0.1:${port}`;
    t = await startTestApp({ PORT: String(port), PUBLIC_BASE_URL: origin, SIGNING_LINK_MIN_RESPONSE_MS: '50' });
    await t.app.listen(port, '127.0.0.1');
    tenant = await createTenant(t.http, 'Browser suite');
    await buyCredits(t.http, tenant);
    browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'] });
    // A phone-sized screen, in French.
    context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'fr-FR', reducedMotion: 'reduce' });
    mkdirSync(SCREENSHOTS, { recursive: true });
  }, 60_000);
  afterAll(async () => {
    writeFileSync(path.join(SCREENSHOTS, 'axe.json'), `${JSON.stringify(axeResults, null, 2)}\n`);
    await browser?.close();
    await t?.close();
  });

  /** A lease under signature with links; the links as the signers received them (outbox). */
  const withLinks = async (label: string, signers = THREE_SIGNERS.slice(0, 2)) => {
    const { leaseId, documentId } = await signableLease(t.http, tenant, label);
    await t.http.post(`/api/leases/${leaseId}/signature/initiate`).set(tenant.auth).send({ document_id: documentId, signers, signing_links: true }).expect(201);
    const messages = await outbox();
    const linkFor = (recipient: string) => TOKEN_IN_URL.exec(messages.find((m) => m.recipient === recipient && TOKEN_IN_URL.test(m.body))!.body)![0];
    return { leaseId, owner: linkFor('claire@example.fr'), tenant: signers.length > 1 ? linkFor('alice@example.fr') : '' };
  };
  const outbox = async (): Promise<{ recipient: string; body: string }[]> =>
    (await t.http.get(`/internal/tenants/${tenant.id}/outbox?per_page=20`).set('X-Internal-Token', INTERNAL_TOKEN).expect(200)).body.data;
  const codeFor = async (recipient: string) => /\b(\d{6})\b/.exec((await outbox()).find((m) => m.recipient === recipient && !TOKEN_IN_URL.test(m.body))!.body)![1];

  /** A page that records anything a strict page must never do. */
  const open = async (url: string): Promise<Page> => {
    const page = await context.newPage();
    page.on('console', (message) => {
      // Refused actions (a wrong code, a dead link) are answered 4xx by design: the response listener
      // below allows them on the token's own routes only.
      if (/^Failed to load resource: the server responded with a status of/.test(message.text())) return;
      if (message.type() === 'error' || /Content Security Policy/i.test(message.text())) problems.push(`console ${message.type()}: ${message.text()}`);
    });
    page.on('response', (response) => {
      if (response.status() >= 400 && !/\/sign\/[A-Za-z0-9_-]{43}(\/(otp|validate))?(\?|$)/.test(response.url())) problems.push(`${response.status()} for ${response.url()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('request', (request) => {
      if (!request.url().startsWith(origin)) problems.push(`request outside our origin: ${request.url()}`);
    });
    await page.goto(url);
    return page;
  };
  const stateOf = (page: Page) => page.locator('main').getAttribute('data-state');
  const documentShown = (page: Page) => page.waitForSelector('#pdf-pages[data-rendered]', { timeout: 15_000 });

  /** Screenshot and axe scan of the page as it stands (axe evaluated in the page: the CSP stays on). */
  const record = async (page: Page, state: string) => {
    // The phone's screen as the signer sees it at that step: the signing section when there is one.
    if ((await page.locator('#actions').count()) > 0) await page.locator('#actions').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SCREENSHOTS, `${state}.png`) });
    await page.evaluate(AXE_SOURCE);
    const violations = (await page.evaluate('axe.run(document, { resultTypes: ["violations"] }).then((result) => result.violations)')) as AxeViolation[];
    axeResults[state] = {};
    for (const violation of violations) (axeResults[state][violation.impact ?? 'none'] ??= []).push(`${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join('; ')})`);
    expect({ state, seriousOrCritical: violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id) }).toEqual({ state, seriousOrCritical: [] });
  };

  it('lets the first signer read, ask for a code, type it and sign; the next one waits, then signs', async () => {
    const links = await withLinks('Browser');

    const waiting = await open(links.tenant);
    expect(await stateOf(waiting)).toBe('waiting');
    await waiting.getByText('un autre signataire doit signer avant vous').waitFor();
    await documentShown(waiting);
    await record(waiting, 'waiting');

    const page = await open(links.owner);
    expect(await page.getAttribute('html', 'lang')).toBe('fr');
    expect(await documentShown(page).then(() => page.locator('#pdf-pages').getAttribute('data-rendered'))).toMatch(/^\d+$/);
    expect(await page.locator('#pdf-pages canvas').count()).toBeGreaterThan(1);
    await record(page, 'ready');

    await page.getByRole('button', { name: 'Recevoir un code' }).click();
    await page.waitForSelector('main[data-state="code_sent"]');
    await expect(page.locator('#status').textContent()).resolves.toBe('Code envoyé : saisissez-le ci-dessous.');
    await expect(page.locator('#code-sent-text').textContent()).resolves.toContain('Un code a été envoyé par e-mail à c***@example.fr');
    expect(await page.evaluate('document.activeElement.id')).toBe('otp');
    await record(page, 'code-sent');

    await page.getByLabel('Code à 6 chiffres').fill(await codeFor('claire@example.fr'));
    await page.getByRole('button', { name: 'Signer le document' }).click();
    await expect(page.locator('#status').textContent()).resolves.toContain('Cochez la case'); // consent first
    await page.getByLabel('J’ai lu le document et j’accepte de le signer électroniquement.').check();
    await page.getByRole('button', { name: 'Signer le document' }).click();
    await page.waitForSelector('main[data-state="signed"]');
    await expect(page.locator('#status').textContent()).resolves.toContain('vous avez signé le document');
    await record(page, 'signed');

    // The link is used: reloaded, it is the generic page, like any unknown link.
    await page.reload();
    await expect(page.locator('h1').textContent()).resolves.toBe('Lien de signature non valable');
    await record(page, 'generic');

    // Now the tenant's turn, in English.
    await waiting.goto(`${links.tenant}?lang=en`);
    expect(await stateOf(waiting)).toBe('ready');
    await waiting.getByRole('button', { name: 'Send me a code' }).click();
    await waiting.waitForSelector('main[data-state="code_sent"]');
    await waiting.getByLabel('6-digit code').fill(await codeFor('alice@example.fr'));
    await waiting.getByLabel('I have read the document and agree to sign it electronically.').check();
    await waiting.getByRole('button', { name: 'Sign the document' }).click();
    await waiting.waitForSelector('main[data-state="signed"]');
    const signature = await t.http.get(`/api/leases/${links.leaseId}/signature`).set(tenant.auth).expect(200);
    expect(signature.body.status).toBe('COMPLETED');
    await Promise.all([page.close(), waiting.close()]);
  });

  it('shows an open page expired when the time is up, cancelled when the request is withdrawn, locked after 3 wrong codes', async () => {
    // A workflow whose time is up in 3 seconds, while its page is open.
    const expiring = await withLinks('Expiring', OWNER_ONLY);
    const owner = await ownerRoleClient();
    await owner.query(`UPDATE signatures SET expires_at = now() + interval '3 seconds' WHERE tenant_id = $1 AND lease_id = $2`, [tenant.id, expiring.leaseId]);
    await owner.end();
    const page = await open(expiring.owner);
    expect(await stateOf(page)).toBe('ready');
    await documentShown(page);
    await page.waitForSelector('main[data-state="expired"]', { timeout: 6_000 });
    expect(await page.evaluate('document.activeElement.textContent')).toBe('Lien expiré');
    await record(page, 'expired');
    await page.close();

    const withdrawn = await withLinks('Withdrawn', OWNER_ONLY);
    const cancelled = await open(withdrawn.owner);
    await documentShown(cancelled);
    await t.http.post(`/api/leases/${withdrawn.leaseId}/signature/cancel`).set(tenant.auth).expect(200);
    await cancelled.getByRole('button', { name: 'Recevoir un code' }).click();
    await cancelled.waitForSelector('main[data-state="cancelled"]');
    await record(cancelled, 'cancelled');
    await cancelled.close();

    const guessed = await withLinks('Guessed', OWNER_ONLY);
    const locked = await open(guessed.owner);
    await locked.getByRole('button', { name: 'Recevoir un code' }).click();
    await locked.waitForSelector('main[data-state="code_sent"]');
    const wrong = (await codeFor('claire@example.fr')) === '123456' ? '654321' : '123456';
    await locked.getByLabel('J’ai lu le document et j’accepte de le signer électroniquement.').check();
    for (let attempt = 0; attempt < 3; attempt++) {
      await locked.getByLabel('Code à 6 chiffres').fill(wrong);
      await locked.getByRole('button', { name: 'Signer le document' }).click();
      if (attempt < 2) await locked.locator('#status', { hasText: `Essais restants : ${2 - attempt}.` }).waitFor();
    }
    await locked.waitForSelector('main[data-state="locked"]');
    await record(locked, 'locked');
    await locked.close();
  });

  it('broke no rule of the page on the way: no CSP violation, no script error, nothing fetched elsewhere', () => {
    expect(problems).toEqual([]);
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
