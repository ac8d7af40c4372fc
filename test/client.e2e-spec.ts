import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { createClient } from '../client/src/index.js';
import { canonicalDocumentText } from '../src/core/swagger/openapi-export.js';
import { createTenant, startTestApp, type TestApp } from './support/test-app.js';

const CLIENT = path.resolve('client');
const run = promisify(execFile);
const REGENERATE = 'run `npm run client:generate` and commit client/';

/**
 * The typed client in client/ is generated from the API (issue 14): it fails here when a route or
 * schema changed without regenerating it; its quickstart and its retries run against the real API. The client's
 * own type-check and unit tests run in `npm run client:check` (a CI leg); `npm test`'s pretest builds
 * it (client/dist) after installing its dependencies when needed (scripts/client-deps.mjs).
 */
describe('typed client (client/)', () => {
  let t: TestApp;
  let baseUrl: string;

  beforeAll(async () => {
    t = await startTestApp();
    await t.app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
  });
  afterAll(() => t.close());

  it('was generated from the document the API serves', async () => {
    const served = JSON.parse(canonicalDocumentText((await t.http.get('/docs/openapi.json').expect(200)).body));
    const committedText = readFileSync(path.join(CLIENT, 'openapi.json'), 'utf8');
    const committed = JSON.parse(committedText);
    expect({ differences: differences(served, committed), fix: REGENERATE }).toEqual({ differences: [], fix: REGENERATE });
    expect({ canonicalForm: canonicalDocumentText(committed) === committedText, fix: REGENERATE }).toEqual({ canonicalForm: true, fix: REGENERATE });
  });

  it('has the types openapi-typescript makes from that document', async () => {
    expect({ installed: existsSync(path.join(CLIENT, 'node_modules/openapi-typescript')), fix: 'npm run client:build (npm test does it first)' }).toEqual({ installed: true, fix: expect.any(String) });
    // Exits 1 (and this rejects, quoting its message) when client/src/schema.ts is stale.
    await run(process.execPath, [path.join(CLIENT, 'scripts/generate.mjs'), '--check'], { env: childEnv() });
  });

  it('runs the quickstart example against the API: owners created once, listed page by page, errors typed', async () => {
    expect({ built: existsSync(path.join(CLIENT, 'dist/index.js')), fix: 'npm run client:build (npm test does it first)' }).toEqual({ built: true, fix: expect.any(String) });
    const tenant = await createTenant(t.http, 'Quickstart');
    const { stdout } = await run(process.execPath, [path.join(CLIENT, 'examples/quickstart.mjs')], {
      env: childEnv({ FAIREPLACE_BASE_URL: baseUrl, FAIREPLACE_API_KEY: tenant.key }),
      timeout: 30_000,
    });
    expect(stdout.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<uuid>').trim().split('\n')).toEqual([
      'created owner <uuid> (SCI Les Tilleuls); the same call again returned the same owner',
      'created owner <uuid> (Claire Dubois)',
      'created owner <uuid> (Claire Martin)',
      'owner 1: sci SCI Les Tilleuls',
      'owner 2: individual Claire Dubois',
      'owner 3: individual Claire Martin',
      'listed 3 owners',
      'error 400 VALIDATION_ERROR: The request has invalid fields',
      '  last_name: last_name is required for an individual owner',
      '  request id: <uuid>',
      'error 404 NOT_FOUND: Owner not found',
    ]);
    // The replayed POST made no second owner.
    const owners = await t.http.get('/api/owners').set(tenant.auth).expect(200);
    expect(owners.body.meta.pagination.total).toBe(3);
  });

  it('sends a POST whose answer was lost again with the same Idempotency-Key: the API replays it, one owner is made', async () => {
    const tenant = await createTenant(t.http, 'Lost answers');
    const sent: { key: string | undefined; replayed: string | null }[] = [];
    const losingTheFirstAnswer: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      sent.push({ key: (init?.headers as Record<string, string>)['idempotency-key'], replayed: response.headers.get('idempotent-replayed') });
      if (sent.length > 1) return response;
      await response.arrayBuffer();
      throw new TypeError('fetch failed', { cause: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }) });
    };
    const client = createClient({ baseUrl, apiKey: tenant.key, fetch: losingTheFirstAnswer, backoffMs: 1 });

    const owner = await client.post('/api/owners', { body: { owner_category: 'company', legal_name: 'Gestion Rhône SAS' } });
    expect(owner).toMatchObject({ owner_category: 'company', legal_name: 'Gestion Rhône SAS' });
    expect(sent).toEqual([
      { key: expect.stringMatching(/^[0-9a-f-]{36}$/), replayed: null },
      { key: sent[0].key, replayed: 'true' },
    ]);
    const owners = await t.http.get('/api/owners').set(tenant.auth).expect(200);
    expect(owners.body.data.map((item: { id: string }) => item.id)).toEqual([owner.id]);
  });
});

/** The environment of a child node: the suite's, without jest's --experimental-vm-modules. */
function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...process.env, NODE_OPTIONS: '', ...extra };
}

/** Where two JSON values differ, as readable JSON pointers (the first 20): a diff of 20 000 lines helps no one. */
function differences(served: unknown, committed: unknown, pointer = '', found: string[] = []): string[] {
  if (found.length >= 20) return found;
  const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object';
  if (isObject(served) && isObject(committed) && Array.isArray(served) === Array.isArray(committed)) {
    for (const key of new Set([...Object.keys(served), ...Object.keys(committed)])) {
      const at = `${pointer}/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`;
      if (!(key in committed)) found.push(`${at}: served, not in client/openapi.json`);
      else if (!(key in served)) found.push(`${at}: in client/openapi.json, no longer served`);
      else differences(served[key], committed[key], at, found);
    }
  } else if (JSON.stringify(served) !== JSON.stringify(committed)) {
    found.push(`${pointer || '/'}: served ${JSON.stringify(served).slice(0, 80)}, committed ${JSON.stringify(committed).slice(0, 80)}`);
  }
  return found.slice(0, 20);
}
