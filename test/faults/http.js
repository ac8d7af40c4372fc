// A small HTTP client for the fault suite: keep-alive sockets to 127.0.0.1 only, a hard timeout on
// every request, and the outcome as data (status, parsed body, latency, or the network error).
import http from 'node:http';

export const INTERNAL_TOKEN = 'faults-internal-token-0123456789abcdef0123456789';

export const ALL_PERMISSIONS = [
  'properties:read', 'properties:write', 'leases:read', 'leases:write', 'lessees:read', 'lessees:write',
  'signatures:read', 'signatures:write', 'credits:read', 'credits:write', 'media:read', 'media:write',
  'webhooks:read', 'webhooks:write',
];

export function createClient(baseUrl, { maxSockets = 64, timeoutMs = 15_000 } = {}) {
  const base = new URL(baseUrl);
  if (base.hostname !== '127.0.0.1') throw new Error(`traffic only to 127.0.0.1, not ${base.hostname}`);
  const agent = new http.Agent({ keepAlive: true, maxSockets });

  /**
   * Never throws: { status, body, ms, started, ended } or { status: 0, error, ms, ... } when no
   * response came (refused, reset, or the timeout).
   */
  function request(method, path, { headers = {}, body, timeout = timeoutMs } = {}) {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const started = performance.now();
    return new Promise((resolve) => {
      let settled = false;
      const finish = (result) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        const ended = performance.now();
        resolve({ ...result, started, ended, ms: ended - started });
      };
      const req = http.request(
        {
          host: '127.0.0.1',
          port: base.port,
          method,
          path,
          agent,
          headers: {
            accept: 'application/json',
            ...(payload ? { 'content-type': 'application/json', 'content-length': payload.length } : {}),
            ...headers,
          },
        },
        (res) => {
          const chunks = [];
          res.on('data', (chunk) => chunks.push(chunk));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let parsed;
            try {
              parsed = text ? JSON.parse(text) : undefined;
            } catch {
              parsed = text;
            }
            finish({ status: res.statusCode, body: parsed, headers: res.headers });
          });
          res.on('error', (error) => finish({ status: 0, error: `response: ${error.code ?? error.message}` }));
        },
      );
      const timer = setTimeout(() => {
        finish({ status: 0, error: `timeout after ${timeout} ms` });
        req.destroy(new Error('client timeout'));
      }, timeout);
      req.on('error', (error) => finish({ status: 0, error: error.code ?? error.message }));
      if (payload) req.write(payload);
      req.end();
    });
  }

  return { request, close: () => agent.destroy() };
}

export const bearer = (key) => ({ authorization: `Bearer ${key}` });
const internal = { 'x-internal-token': INTERNAL_TOKEN };

async function expectStatus(promise, status, what) {
  const response = await promise;
  if (response.status !== status) {
    throw new Error(`${what}: expected ${status}, got ${response.status} ${response.error ?? JSON.stringify(response.body)}`);
  }
  return response.body;
}

/** A tenant through the internal API (as test/support/test-app.ts createTenant): admin user, full key. */
export async function createTenant(client, name) {
  const tenant = await expectStatus(client.request('POST', '/internal/tenants', { headers: internal, body: { name } }), 201, 'POST /internal/tenants');
  const user = await expectStatus(
    client.request('POST', `/internal/tenants/${tenant.id}/users`, {
      headers: internal,
      body: { email: 'admin@faults.example', display_name: 'Admin', permissions: ALL_PERMISSIONS },
    }),
    201,
    'POST /internal/tenants/{id}/users',
  );
  const key = await expectStatus(
    client.request('POST', `/internal/tenants/${tenant.id}/api-keys`, { headers: internal, body: { name: 'faults key', user_id: user.id } }),
    201,
    'POST /internal/tenants/{id}/api-keys',
  );
  return { id: tenant.id, key: key.key, auth: bearer(key.key) };
}

export async function createOwner(client, tenant, body) {
  return expectStatus(client.request('POST', '/api/owners', { headers: tenant.auth, body }), 201, 'POST /api/owners');
}

/** Runs `task(index)` for 0..count-1 with at most `concurrency` at once. */
export async function inParallel(count, concurrency, task) {
  const results = new Array(count);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const index = next++;
      results[index] = await task(index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return results;
}

export function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index];
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
