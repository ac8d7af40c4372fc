// The fetch client against a scripted fetch: what it sends, when it retries, what it throws.
// Runs on the built package (npm run build), as a user imports it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createClient, FairePlaceConnectionError, FairePlaceError } from '@faireplace/client';

const ID = '0195f3c2-7d1e-7b6a-9c61-3f5d2f1e8a90';

/**
 * A fetch that answers from a script (one entry a call: a Response, or an Error to throw) and
 * records each request.
 * @param {Array<Response | Error | (() => Response)>} script
 */
function scriptedFetch(script) {
  /** @type {{ url: string, method: string, headers: Record<string, string>, body: unknown }[]} */
  const calls = [];
  /** @param {string | URL | Request} url @param {RequestInit} [init] @returns {Promise<Response>} */
  const fetch = async (url, init = {}) => {
    calls.push({ url: String(url), method: String(init.method), headers: /** @type {Record<string, string>} */ (init.headers), body: init.body });
    const next = script.shift();
    if (next === undefined) throw new Error('unexpected call');
    if (next instanceof Error) throw next;
    return typeof next === 'function' ? next() : next;
  };
  return { fetch, calls };
}

/** @param {unknown} body @param {number} [status] @param {Record<string, string>} [headers] */
const json = (body, status = 200, headers = {}) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=utf-8', ...headers } });

/** @param {number} status @param {string} type @param {string} message @param {Record<string, unknown>} [details] @param {Record<string, string>} [headers] */
const envelope = (status, type, message, details = {}, headers = {}) =>
  json({ error: { code: status, type, message, details }, meta: { request_id: 'req-123', timestamp: '2026-11-27T10:00:00.000Z' } }, status, headers);

/** @param {typeof fetch} fetch @param {number} [retries] */
const clientWith = (fetch, retries = 2) => createClient({ baseUrl: 'http://api.test/', apiKey: 'fp_sandbox_k', fetch, retries, backoffMs: 1 });

const owner = { id: ID, owner_category: 'individual', last_name: 'Dubois', created_at: '2026-01-01T00:00:00.000Z', updated_at: '2026-01-01T00:00:00.000Z' };

describe('requests', () => {
  it('sends the key, fills path parameters, serialises the query and parses JSON', async () => {
    const { fetch, calls } = scriptedFetch([json(owner)]);
    const result = await clientWith(fetch).get('/api/owners/{id}', { path: { id: 'a/b c' } });
    assert.deepEqual(result, owner);
    assert.equal(calls[0].url, 'http://api.test/api/owners/a%2Fb%20c');
    assert.equal(calls[0].method, 'GET');
    assert.equal(calls[0].headers.authorization, 'Bearer fp_sandbox_k');
    assert.equal(calls[0].headers['idempotency-key'], undefined);

    const list = scriptedFetch([json({ data: [], meta: {} })]);
    await clientWith(list.fetch).get('/api/owners', { query: { search: 'Dubois & fils', per_page: 5, owner_category: undefined } });
    assert.equal(list.calls[0].url, 'http://api.test/api/owners?search=Dubois+%26+fils&per_page=5');
  });

  it('sends JSON bodies, PATCH as PATCH, and answers 204 with undefined and files with a Blob', async () => {
    const { fetch, calls } = scriptedFetch([json(owner), new Response(null, { status: 204 }), new Response('%PDF-1.7', { headers: { 'content-type': 'application/pdf' } })]);
    const client = clientWith(fetch);
    await client.patch('/api/owners/{id}', { path: { id: ID }, body: { city: 'Paris' } });
    assert.equal(calls[0].method, 'PATCH');
    assert.equal(calls[0].body, '{"city":"Paris"}');
    assert.equal(calls[0].headers['content-type'], 'application/json');
    assert.equal(await client.delete('/api/owners/{id}', { path: { id: ID } }), undefined);
    const pdf = await client.get('/api/documents/{id}/download', { path: { id: ID } });
    assert.ok(pdf instanceof Blob);
    assert.equal(await pdf.text(), '%PDF-1.7');
  });

  it('refuses a call with a missing path parameter before sending anything', async () => {
    const { fetch, calls } = scriptedFetch([]);
    // @ts-expect-error the path parameter is missing on purpose
    await assert.rejects(clientWith(fetch).get('/api/owners/{id}', { path: {} }), /missing path parameter id/);
    assert.equal(calls.length, 0);
  });
});

describe('Idempotency-Key', () => {
  it('is sent on every POST, a new one per call', async () => {
    const { fetch, calls } = scriptedFetch([json(owner, 201), json(owner, 201)]);
    const client = clientWith(fetch);
    await client.post('/api/owners', { body: { owner_category: 'individual', last_name: 'Dubois' } });
    await client.post('/api/owners', { body: { owner_category: 'individual', last_name: 'Dubois' } });
    const [first, second] = calls.map((call) => call.headers['idempotency-key']);
    assert.match(first, /^[0-9a-f-]{36}$/);
    assert.notEqual(first, second);
  });

  it('is the same on the retries of one call (network error, 503, then success)', async () => {
    const { fetch, calls } = scriptedFetch([new TypeError('fetch failed'), envelope(503, 'SERVICE_UNAVAILABLE', 'Database unreachable'), json(owner, 201)]);
    const created = await clientWith(fetch).post('/api/owners', { body: { owner_category: 'individual', last_name: 'Dubois' } });
    assert.equal(created.id, ID);
    assert.equal(calls.length, 3);
    assert.equal(new Set(calls.map((call) => call.headers['idempotency-key'])).size, 1);
    assert.deepEqual(new Set(calls.map((call) => call.body)).size, 1);
  });

  it('can be chosen by the caller', async () => {
    const { fetch, calls } = scriptedFetch([json(owner, 201)]);
    await clientWith(fetch).post('/api/owners', { body: { owner_category: 'sci', legal_name: 'SCI' }, idempotencyKey: 'order-42' });
    assert.equal(calls[0].headers['idempotency-key'], 'order-42');
  });

  it('retries a 409 only when an earlier attempt may still hold the key', async () => {
    const first = scriptedFetch([envelope(409, 'CONFLICT', 'Duplicate')]);
    await assert.rejects(clientWith(first.fetch).post('/api/owners', { body: { owner_category: 'sci' } }), { status: 409 });
    assert.equal(first.calls.length, 1);

    const lost = scriptedFetch([new TypeError('socket hang up'), envelope(409, 'CONFLICT', 'A request with this Idempotency-Key is still being processed'), json(owner, 201)]);
    assert.equal((await clientWith(lost.fetch).post('/api/owners', { body: { owner_category: 'sci' } })).id, ID);
    assert.equal(lost.calls.length, 3);
  });
});

describe('retries', () => {
  it('retries GET on 5xx and 429 (Retry-After honoured), then succeeds', async () => {
    const { fetch, calls } = scriptedFetch([envelope(500, 'INTERNAL_ERROR', 'Unexpected'), envelope(429, 'RATE_LIMITED', 'Slow down', {}, { 'retry-after': '0' }), json(owner)]);
    assert.equal((await clientWith(fetch).get('/api/owners/{id}', { path: { id: ID } })).id, ID);
    assert.equal(calls.length, 3);
  });

  it('does not wait for a Retry-After beyond 30 s: the 429 is thrown at once', async () => {
    const { fetch, calls } = scriptedFetch([envelope(429, 'RATE_LIMITED', 'Rate limit exceeded', {}, { 'retry-after': '1200' })]);
    await assert.rejects(clientWith(fetch).get('/api/owners'), (error) => error instanceof FairePlaceError && error.type === 'RATE_LIMITED' && error.retryAfterSeconds === 1200);
    assert.equal(calls.length, 1);
  });

  it('never retries other 4xx', async () => {
    const { fetch, calls } = scriptedFetch([envelope(422, 'RULE_VIOLATION', 'Deposit too high')]);
    await assert.rejects(clientWith(fetch).post('/api/owners', { body: { owner_category: 'sci' } }), { type: 'RULE_VIOLATION' });
    assert.equal(calls.length, 1);
  });

  it('gives up after `retries` and says how often it tried', async () => {
    const down = scriptedFetch([new TypeError('fetch failed'), new TypeError('fetch failed'), new TypeError('fetch failed')]);
    await assert.rejects(clientWith(down.fetch).get('/api/owners'), (error) => error instanceof FairePlaceConnectionError && error.attempts === 3);
    const none = scriptedFetch([envelope(503, 'SERVICE_UNAVAILABLE', 'Database unreachable')]);
    await assert.rejects(clientWith(none.fetch, 0).get('/api/owners'), { status: 503, type: 'SERVICE_UNAVAILABLE' });
  });

  it('stops waiting when the call is aborted', async () => {
    const { fetch } = scriptedFetch([envelope(503, 'SERVICE_UNAVAILABLE', 'Database unreachable', {}, { 'retry-after': '20' })]);
    const controller = new AbortController();
    const call = clientWith(fetch).get('/api/owners', { signal: controller.signal });
    setTimeout(() => controller.abort(new Error('cancelled')), 10);
    await assert.rejects(call, /cancelled/);
  });
});

describe('errors', () => {
  it('reads the envelope: status, type, message, details, request id, fields', async () => {
    const fields = [{ field: 'owner_category', message: 'owner_category must be one of: individual, company, sci' }];
    const { fetch } = scriptedFetch([envelope(400, 'VALIDATION_ERROR', 'Invalid request', { fields })]);
    const error = await clientWith(fetch).post('/api/owners', { body: { owner_category: 'sci' } }).catch((caught) => caught);
    assert.ok(error instanceof FairePlaceError);
    assert.equal(error.name, 'FairePlaceError');
    assert.deepEqual({ status: error.status, type: error.type, message: error.message, requestId: error.requestId }, { status: 400, type: 'VALIDATION_ERROR', message: 'Invalid request', requestId: 'req-123' });
    assert.deepEqual(error.fields, fields);
  });

  it('turns what is not the envelope into UNEXPECTED_RESPONSE, with the X-Request-Id header', async () => {
    const page = () => new Response('<html>Bad gateway</html>', { status: 502, headers: { 'content-type': 'text/html', 'x-request-id': 'edge-1' } });
    const { fetch } = scriptedFetch([page, page, page]);
    await assert.rejects(clientWith(fetch).get('/api/owners'), { status: 502, type: 'UNEXPECTED_RESPONSE', message: 'HTTP 502: <html>Bad gateway</html>', requestId: 'edge-1' });
  });
});

describe('paginate', () => {
  /** @param {number} page @param {number} perPage @param {boolean} hasNext @param {string[]} ids */
  const page = (page, perPage, hasNext, ids) =>
    json({ data: ids.map((id) => ({ ...owner, id })), meta: { pagination: { current_page: page, per_page: perPage, total: 0, total_pages: 0, has_next: hasNext, has_prev: page > 1 } } });

  it('follows has_next, 100 a page by default, and yields an item that slid to the next page once', async () => {
    const { fetch, calls } = scriptedFetch([page(1, 100, true, ['a', 'b']), page(2, 100, true, ['b', 'c']), page(3, 100, false, ['d'])]);
    const ids = [];
    for await (const item of clientWith(fetch).paginate('/api/owners', { query: { owner_category: 'sci' } })) ids.push(item.id);
    assert.deepEqual(ids, ['a', 'b', 'c', 'd']);
    assert.deepEqual(
      calls.map((call) => new URL(call.url).search),
      ['?owner_category=sci&per_page=100&page=1', '?owner_category=sci&per_page=100&page=2', '?owner_category=sci&per_page=100&page=3'],
    );
  });

  it('keeps the caller’s page size and first page, and stops early when the loop breaks', async () => {
    const { fetch, calls } = scriptedFetch([page(3, 2, true, ['e', 'f']), page(4, 2, true, ['g', 'h'])]);
    for await (const item of clientWith(fetch).paginate('/api/owners', { query: { limit: 2, page: 3 } })) if (item.id === 'g') break;
    assert.deepEqual(calls.map((call) => new URL(call.url).search), ['?page=3&per_page=2', '?page=4&per_page=2']);
  });
});
