import { createHmac, timingSafeEqual } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type pg from 'pg';
import type TestAgent from 'supertest/lib/agent.js';
import { Clock } from '../../src/core/time/clock.js';
import { runTenantJobs } from './jobs.js';
import type { TestApp, TestTenant } from './test-app.js';

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A partner's webhook receiver: a real HTTP server on 127.0.0.1 that records what it gets. */
export interface Receiver {
  url(path?: string): string;
  port: number;
  requests: ReceivedRequest[];
  /** The statuses of the next answers, in order (then 200). */
  respondWith(...statuses: number[]): void;
  /** Forgets what it received and the answers it was told to give. */
  reset(): void;
  close(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
  const requests: ReceivedRequest[] = [];
  const statuses: number[] = [];
  const server: Server = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => {
      requests.push({ method: request.method ?? '', path: request.url ?? '', headers: request.headers, body });
      const status = statuses.shift() ?? 200;
      response.writeHead(status, status >= 300 && status < 400 ? { Location: '/elsewhere' } : { 'Content-Type': 'text/plain' });
      response.end(status < 300 ? 'ok' : 'not ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    port,
    url: (path = '/hooks') => `http://127.0.0.1:${port}${path}`,
    requests,
    respondWith: (...next) => statuses.push(...next),
    reset: () => {
      requests.length = 0;
      statuses.length = 0;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * The verification a partner writes from docs/webhooks.md (not our signer): the header is
 * `t=<unix>,v1=<hex>[,v1=<hex>]`, each v1 is HMAC-SHA256 keyed by the secret string over
 * `t + "." + body`; one matching v1 is enough; the timestamp must be recent.
 */
export function verifyWebhook(header: string | undefined, body: string, secret: string, { toleranceSeconds = 300, now = Date.now() } = {}): { valid: boolean; timestamp: number; signatures: string[] } {
  const parts = (header ?? '').split(',').map((part) => part.split('='));
  const timestamp = Number(parts.find(([key]) => key === 't')?.[1]);
  const signatures = parts.filter(([key]) => key === 'v1').map(([, value]) => value);
  const expected = Buffer.from(createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex'), 'utf8');
  const matches = signatures.some((signature) => {
    const given = Buffer.from(signature, 'utf8');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  const fresh = Number.isFinite(timestamp) && Math.abs(now / 1000 - timestamp) <= toleranceSeconds;
  return { valid: matches && fresh, timestamp, signatures };
}

/** The verification snippet of docs/webhooks.md, as published (the code block after its marker). */
export async function documentedVerifier(): Promise<(rawBody: string | Buffer, header: string | undefined, secret: string, toleranceSeconds?: number) => boolean> {
  const doc = readFileSync(path.resolve('docs/webhooks.md'), 'utf8');
  const code = /<!-- verify-snippet[^>]*-->\s*```js\n([\s\S]*?)```/.exec(doc)?.[1];
  if (!code) throw new Error('docs/webhooks.md has no verify-snippet block');
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'faireplace-docs-')), 'verify.mjs');
  writeFileSync(file, code);
  return ((await import(pathToFileURL(file).href)) as { verifyFairePlaceWebhook: Awaited<ReturnType<typeof documentedVerifier>> }).verifyFairePlaceWebhook;
}

/** The tenant's due webhook deliveries, run now (see runTenantJobs). */
export function runDeliveries(t: TestApp, tenantId: string): Promise<number> {
  return runTenantJobs(t, 'webhooks.deliver', tenantId);
}

/**
 * Time travel to the next retry: the business clock past the latest due attempt of the tenant's
 * waiting deliveries, and their jobs (scheduled in database time) due now.
 */
export async function untilRetriesAreDue(t: TestApp, owner: pg.Client, tenantId: string): Promise<void> {
  const clock = t.app.get(Clock);
  const { rows } = await owner.query<{ due: Date | null }>(`SELECT max(next_attempt_at) AS due FROM webhook_deliveries WHERE tenant_id = $1 AND status = 'PENDING'`, [tenantId]);
  const due = rows[0].due;
  if (due && due > clock.now()) clock.advance(due.getTime() - clock.now().getTime() + 1);
  await owner.query(`UPDATE pgboss.job SET start_after = now() WHERE name = 'webhooks.deliver' AND state IN ('created', 'retry') AND data->>'tenant_id' = $1`, [tenantId]);
}

/** A DRAFT lease of a new unit, ready to change status (each change is one `lease.status_changed`). */
export async function draftLeases(http: TestAgent, tenant: TestTenant, count: number, label = 'Hooks'): Promise<string[]> {
  const post = async (path: string, body: object) => (await http.post(path).set(tenant.auth).send(body).expect(201)).body.id as string;
  const owner = await post('/api/owners', { owner_category: 'individual', last_name: `${label} Bailleur` });
  const place = await post('/api/places', { name: `${label} Résidence`, owner_id: owner, place_category: 'collective', street_name: 'rue des Lilas', postal_code: '69003', city: 'Lyon' });
  const estate = await post(`/api/places/${place}/estates`, { name: `${label} 3B`, estate_type: 'apartment' });
  const leases: string[] = [];
  for (let index = 0; index < count; index++) leases.push(await post('/api/leases', { estate_id: estate, lease_type: 'unfurnished', start_date: '2026-01-01', rent_amount: 700 + index }));
  return leases;
}
