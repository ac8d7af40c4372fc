// The floor: what the same two endpoints cost with no framework at all, node:http and pg only.
// Started by bench/run.js with child_process.fork(); it receives the key → tenant map over IPC
// (known in memory, as the API's warm key cache would have it), then listens on 127.0.0.1.
//
//   FLOOR_ISOLATION=on : app role, per request `BEGIN; SELECT set_config('app.tenant_id', '<uuid>',
//                        true)` in one round trip, SELECT ...; COMMIT on one pooled connection (the
//                        API's tenant transaction, RLS applies).
//   FLOOR_ISOLATION=off: owner role (BYPASSRLS), the SELECT alone through the pool.
// Both filter on tenant_id explicitly, like the API's repositories.
import http from 'node:http';
import pg from 'pg';

const isolation = process.env.FLOOR_ISOLATION === 'on';
const port = Number(process.env.FLOOR_PORT);
const pool = new pg.Pool({
  connectionString: process.env.FLOOR_DATABASE_URL,
  max: Number(process.env.FLOOR_POOL_SIZE || 10),
  connectionTimeoutMillis: 5_000,
  idleTimeoutMillis: 30_000,
  application_name: 'faireplace-bench-floor',
});
pool.on('error', () => undefined); // an idle client's error: the pool drops it

const COLUMNS = `id, owner_category, title, first_name, last_name, legal_name, registration_number, email,
                 mobile_phone, street_name, postal_code, city, country, created_at, updated_at`;
const GET_OWNER = `SELECT ${COLUMNS} FROM owners WHERE tenant_id = $1 AND id = $2`;
const LIST_OWNERS = `SELECT ${COLUMNS}, count(*) OVER () AS total_count FROM owners
                      WHERE tenant_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2`;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const BEARER = /^Bearer (\S+)$/;

let tenantByKey = new Map();

async function asTenant(tenantId, text, values) {
  if (!isolation) return (await pool.query(text, values)).rows;
  const client = await pool.connect();
  let broken;
  try {
    if (!UUID.test(tenantId)) throw new Error('tenant id is not a UUID');
    await client.query(`BEGIN; SELECT set_config('app.tenant_id', '${tenantId}', true)`);
    const { rows } = await client.query(text, values);
    await client.query('COMMIT');
    return rows;
  } catch (error) {
    broken = error; // never reuse a connection left mid-transaction: destroy it
    throw error;
  } finally {
    client.release(broken);
  }
}

function send(response, status, body) {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  response.end(text);
}

async function handle(request, response) {
  const [path, search = ''] = (request.url ?? '/').split('?');
  if (request.method !== 'GET') return send(response, 405, { error: 'method not allowed' });
  if (path === '/api/health') return send(response, 200, { status: 'ok' });

  const key = BEARER.exec(request.headers.authorization ?? '')?.[1];
  const tenantId = key && tenantByKey.get(key);
  if (!tenantId) return send(response, 401, { error: 'unauthorized' });

  if (path === '/api/owners') {
    const perPage = Number(new URLSearchParams(search).get('per_page') ?? 20);
    if (!Number.isInteger(perPage) || perPage < 1 || perPage > 100) return send(response, 400, { error: 'per_page' });
    const rows = await asTenant(tenantId, LIST_OWNERS, [tenantId, perPage]);
    const total = rows.length > 0 ? Number(rows[0].total_count) : 0;
    const data = rows.map(({ total_count: _count, ...owner }) => owner);
    const totalPages = Math.ceil(total / perPage);
    return send(response, 200, {
      data,
      meta: { pagination: { current_page: 1, per_page: perPage, total, total_pages: totalPages, has_next: totalPages > 1, has_prev: false } },
    });
  }
  if (path.startsWith('/api/owners/')) {
    const id = path.slice('/api/owners/'.length);
    if (!UUID.test(id)) return send(response, 400, { error: 'id must be a UUID' });
    const [owner] = await asTenant(tenantId, GET_OWNER, [tenantId, id]);
    return owner ? send(response, 200, owner) : send(response, 404, { error: 'not found' });
  }
  return send(response, 404, { error: 'no such route' });
}

const server = http.createServer((request, response) => {
  handle(request, response).catch((error) => {
    if (!response.headersSent) send(response, 500, { error: String(error?.message ?? error) });
    else response.destroy();
  });
});

let closing = false;
async function shutdown(code) {
  if (closing) return;
  closing = true;
  server.closeAllConnections?.();
  server.close();
  await pool.end().catch(() => undefined);
  process.exit(code);
}
process.once('SIGTERM', () => void shutdown(0));
process.once('SIGINT', () => void shutdown(0));
// The runner is gone (the IPC channel closed): never outlive it.
process.once('disconnect', () => void shutdown(0));

process.on('message', (message) => {
  if (!message || !Array.isArray(message.keys)) return;
  tenantByKey = new Map(message.keys);
  if (server.listening) return;
  server.listen(port, '127.0.0.1', () => process.send?.({ listening: port }));
});
server.on('error', (error) => {
  console.error(`floor server: ${error.message}`);
  void shutdown(1);
});
