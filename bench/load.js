// The two scenarios, their correctness probes, and the load itself (autocannon's programmatic API).
import autocannon from 'autocannon';

export const LIST_PER_PAGE = 20;

/**
 * Each scenario picks, per request, a random (key, owner) pair among many tenants: every request
 * may hit another tenant, so neither the key cache nor Postgres sees one hot row.
 */
export function buildScenarios({ keys, pairs }) {
  const authByTenant = new Map(keys.map(({ tenantId, key }) => [tenantId, `Bearer ${key}`]));
  const paths = pairs.map(({ ownerId }) => `/api/owners/${ownerId}`);
  const pairAuth = pairs.map(({ tenantId }) => authByTenant.get(tenantId));
  const auths = [...authByTenant.values()];
  const listPath = `/api/owners?per_page=${LIST_PER_PAGE}`;
  return [
    {
      id: 'get',
      title: 'GET /api/owners/{id}',
      setupRequest(request) {
        const i = Math.floor(Math.random() * paths.length);
        request.path = paths[i];
        request.headers = { authorization: pairAuth[i] };
        return request;
      },
    },
    {
      id: 'list',
      title: `GET /api/owners?per_page=${LIST_PER_PAGE}`,
      setupRequest(request) {
        request.path = listPath;
        request.headers = { authorization: auths[Math.floor(Math.random() * auths.length)] };
        return request;
      },
    },
  ];
}

async function getJson(url, key) {
  const response = await fetch(url, {
    headers: key ? { authorization: `Bearer ${key}` } : {},
    signal: AbortSignal.timeout(10_000),
  });
  const text = await response.text();
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    body = text;
  }
  return { status: response.status, body };
}

const pick = (array) => array[Math.floor(Math.random() * array.length)];

/**
 * Before any load: does this server answer the right thing? The owner asked for, the tenant's own
 * list with its full total, 404 for another tenant's owner, 401 without a key. Returns problems.
 */
export async function probe(baseUrl, { keys, pairs, ownersPerTenant }) {
  const problems = [];
  const keyByTenant = new Map(keys.map(({ tenantId, key }) => [tenantId, key]));
  for (let n = 0; n < 5; n++) {
    const pair = pick(pairs);
    const { status, body } = await getJson(`${baseUrl}/api/owners/${pair.ownerId}`, keyByTenant.get(pair.tenantId));
    if (status !== 200 || body?.id !== pair.ownerId) {
      problems.push(`GET owner ${pair.ownerId}: ${status} ${JSON.stringify(body).slice(0, 200)}`);
    }
  }
  const tenant = pick(keys);
  const list = await getJson(`${baseUrl}/api/owners?per_page=${LIST_PER_PAGE}`, tenant.key);
  const expected = Math.min(LIST_PER_PAGE, ownersPerTenant);
  if (list.status !== 200 || list.body?.data?.length !== expected || list.body?.meta?.pagination?.total !== ownersPerTenant) {
    problems.push(
      `list: ${list.status}, ${list.body?.data?.length} rows (expected ${expected}), total ${list.body?.meta?.pagination?.total} (expected ${ownersPerTenant})`,
    );
  }
  if (keys.length > 1) {
    const foreign = pairs.find((pair) => pair.tenantId !== tenant.tenantId);
    const { status } = await getJson(`${baseUrl}/api/owners/${foreign.ownerId}`, tenant.key);
    if (status !== 404) problems.push(`another tenant's owner answered ${status}, expected 404`);
  }
  const anonymous = await getJson(`${baseUrl}/api/owners/${pairs[0].ownerId}`);
  if (anonymous.status !== 401) problems.push(`no key answered ${anonymous.status}, expected 401`);
  return problems;
}

/** One autocannon run (the scenario's setupRequest picks each request). */
export async function measure(baseUrl, scenario, { connections, duration }) {
  const result = await autocannon({
    url: baseUrl,
    connections,
    duration,
    pipelining: 1,
    timeout: 10,
    requests: [{ method: 'GET', setupRequest: scenario.setupRequest }],
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    ok: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes: Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, { count }]) => [code, count])),
    duration: result.duration,
  };
}

/** A run is clean when every request got a 2xx: no other status, no socket error, no timeout. */
export function runProblems(stats) {
  const problems = [];
  if (stats.non2xx > 0) problems.push(`${stats.non2xx} non-2xx (${JSON.stringify(stats.statusCodes)})`);
  if (stats.errors > 0) problems.push(`${stats.errors} errors`);
  if (stats.timeouts > 0) problems.push(`${stats.timeouts} timeouts`);
  if (stats.ok === 0) problems.push('no successful request');
  return problems;
}
