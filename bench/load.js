// The scenarios, their correctness probes, and the load itself (autocannon's programmatic API).
import autocannon from 'autocannon';

/** An autocannon setupRequest sending a random one of `paths`, with the key paired to it. */
function randomRequest(paths, auths) {
  return (request) => {
    const i = Math.floor(Math.random() * paths.length);
    request.path = paths[i];
    request.headers = { authorization: auths[i] };
    return request;
  };
}

export const LIST_PER_PAGE = 20;

/** Every scenario id, in run order (BENCH_SCENARIOS filters on these or their prefixes). */
export const SCENARIO_IDS = [
  'owners-get',
  'owners-list',
  'estates-list-small',
  'estates-list-big',
  'estates-get-small',
  'estates-get-big',
  'leases-get',
  'leases-list',
  'leases-create',
];

/** The body of every create (POST /api/leases), with the unit of the request's tenant added. */
export const LEASE_CREATE_FIELDS = { lease_type: 'unfurnished', start_date: '2026-01-01', rent_amount: 800 };

/**
 * Which scenarios a BENCH_SCENARIOS value selects: a comma list of ids or of their prefixes up to
 * a dash ("owners", "estates", "estates-list"); empty = all. Throws on a token matching nothing.
 */
export function selectScenarioIds(filter) {
  const tokens = (filter ?? '')
    .split(',')
    .map((token) => token.trim())
    .filter(Boolean);
  if (tokens.length === 0) return [...SCENARIO_IDS];
  const matches = (id, token) => id === token || id.startsWith(`${token}-`);
  const unknown = tokens.filter((token) => !SCENARIO_IDS.some((id) => matches(id, token)));
  if (unknown.length > 0) {
    throw new Error(`BENCH_SCENARIOS: no scenario matches ${unknown.map((t) => `"${t}"`).join(', ')} (ids: ${SCENARIO_IDS.join(', ')})`);
  }
  return SCENARIO_IDS.filter((id) => tokens.some((token) => matches(id, token)));
}

const randomOf = (array) => array[Math.floor(Math.random() * array.length)];

/**
 * The owners scenarios pick, per request, a random (key, owner) pair among many tenants: every
 * request may hit another tenant, so neither the key cache nor Postgres sees one hot row.
 * The estates scenarios ("estates at scale") each stay on one tenant, the big one (BENCH_BIG_UNITS
 * units) or the small one (10 units), its one key and, for a GET, a random unit of its own.
 * The leases scenarios, like the owners ones, spread over every numbered tenant: a GET picks a
 * random (key, lease) pair, a list a random tenant's key, a create a random tenant and one of its
 * own units (`leases.estates`) for the body; a create must answer 201 (`expectStatus`).
 * `floor: false`: the floor server does not implement the route, only the API runs it.
 */
export function buildScenarios({ keys, pairs, estates, leases }, ids = SCENARIO_IDS) {
  const authByTenant = new Map(keys.map(({ tenantId, key }) => [tenantId, `Bearer ${key}`]));
  const paths = pairs.map(({ ownerId }) => `/api/owners/${ownerId}`);
  const pairAuth = pairs.map(({ tenantId }) => authByTenant.get(tenantId));
  const auths = [...authByTenant.values()];
  const listPath = `/api/owners?per_page=${LIST_PER_PAGE}`;
  const all = [
    {
      id: 'owners-get',
      group: 'owners',
      floor: true,
      title: 'GET /api/owners/{id}',
      setupRequest: randomRequest(paths, pairAuth),
    },
    {
      id: 'owners-list',
      group: 'owners',
      floor: true,
      title: `GET /api/owners?per_page=${LIST_PER_PAGE}`,
      setupRequest(request) {
        request.path = listPath;
        request.headers = { authorization: randomOf(auths) };
        return request;
      },
    },
  ];
  for (const size of ['small', 'big']) {
    const tenant = estates?.[size];
    if (!tenant) continue;
    const headers = { authorization: `Bearer ${tenant.key}` };
    const estatePaths = tenant.estateIds.map((id) => `/api/estates/${id}`);
    const who = `${size} tenant, ${tenant.units.toLocaleString('en-US')} units`;
    all.push(
      {
        id: `estates-list-${size}`,
        group: 'estates',
        kind: 'list',
        size,
        floor: false,
        title: `GET /api/estates?per_page=${LIST_PER_PAGE} (${who})`,
        setupRequest(request) {
          request.path = `/api/estates?per_page=${LIST_PER_PAGE}`;
          request.headers = headers;
          return request;
        },
      },
      {
        id: `estates-get-${size}`,
        group: 'estates',
        kind: 'get',
        size,
        floor: false,
        title: `GET /api/estates/{id} (${who})`,
        setupRequest(request) {
          request.path = randomOf(estatePaths);
          request.headers = headers;
          return request;
        },
      },
    );
  }
  if (leases) {
    const leasePaths = leases.pairs.map(({ leaseId }) => `/api/leases/${leaseId}`);
    const leaseAuth = leases.pairs.map(({ tenantId }) => authByTenant.get(tenantId));
    const creators = leases.estates
      .filter(({ tenantId }) => authByTenant.has(tenantId))
      .map(({ tenantId, estateIds }) => ({
        headers: { authorization: authByTenant.get(tenantId), 'content-type': 'application/json' },
        estateIds,
      }));
    all.push(
      {
        id: 'leases-get',
        group: 'leases',
        kind: 'get',
        floor: false,
        title: 'GET /api/leases/{id}',
        setupRequest: randomRequest(leasePaths, leaseAuth),
      },
      {
        id: 'leases-list',
        group: 'leases',
        kind: 'list',
        floor: false,
        title: `GET /api/leases?per_page=${LIST_PER_PAGE}`,
        setupRequest(request) {
          request.path = `/api/leases?per_page=${LIST_PER_PAGE}`;
          request.headers = { authorization: randomOf(auths) };
          return request;
        },
      },
      {
        id: 'leases-create',
        group: 'leases',
        kind: 'create',
        floor: false,
        method: 'POST',
        expectStatus: 201,
        title: 'POST /api/leases',
        setupRequest(request) {
          const creator = randomOf(creators);
          request.method = 'POST';
          request.path = '/api/leases';
          request.headers = creator.headers;
          request.body = JSON.stringify({ estate_id: randomOf(creator.estateIds), ...LEASE_CREATE_FIELDS });
          return request;
        },
      },
    );
  }
  return SCENARIO_IDS.filter((id) => ids.includes(id))
    .map((id) => all.find((scenario) => scenario.id === id))
    .filter(Boolean);
}

async function getJson(url, key, { method = 'GET', json } = {}) {
  const headers = key ? { authorization: `Bearer ${key}` } : {};
  if (json !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(url, {
    method,
    headers,
    body: json === undefined ? undefined : JSON.stringify(json),
    signal: AbortSignal.timeout(10_000),
  });
  const text = await response.text();
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    body = text;
  }
  return { status: response.status, body, headers: response.headers };
}

const pick = (array) => array[Math.floor(Math.random() * array.length)];

/**
 * Before any load: does this server answer the right thing? The owner asked for, the tenant's own
 * list with its full total, 404 for another tenant's owner, 401 without a key; with `estates`
 * (the API only), the same for the big and small estates tenants: each list's total is its own
 * unit count, a unit of the one is a 404 for the other. Returns problems.
 */
export async function probe(
  baseUrl,
  { keys, pairs, ownersPerTenant, estates, leases },
  { withEstates = false, withLeases = false, rateLimit, observed = {} } = {},
) {
  const problems = [];
  if (rateLimit !== undefined) {
    // The API's per-tenant limiter must be out of the way: its limit header (when it sends one) says so.
    const { status, headers } = await getJson(`${baseUrl}/api/owners?per_page=1`, keys[0].key);
    const limit = headers.get('x-ratelimit-limit');
    observed.rateLimit = limit;
    if (status !== 200 || (limit !== null && limit !== String(rateLimit))) {
      problems.push(`rate limit: ${status}, X-RateLimit-Limit ${limit} (expected ${rateLimit})`);
    }
  }
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
  if (withEstates && estates) problems.push(...(await probeEstates(baseUrl, estates)));
  if (withLeases && leases) problems.push(...(await probeLeases(baseUrl, keys, leases)));
  return problems;
}

/**
 * The leases routes (API only): a tenant's lease by id, its list with its own total (counted in
 * the database as the owner role, `leases.facts`) and only its own rows, 404 for another tenant's
 * lease; a create on one of its units answers 201 with a DRAFT that reads back, and 404 (the unit
 * "not found") on another tenant's unit. The leases the probe creates are deleted with the load's.
 */
async function probeLeases(baseUrl, keys, { pairs, estates, facts }) {
  const problems = [];
  const keyByTenant = new Map(keys.map(({ tenantId, key }) => [tenantId, key]));
  for (let n = 0; n < 5; n++) {
    const pair = pick(pairs);
    const { status, body } = await getJson(`${baseUrl}/api/leases/${pair.leaseId}`, keyByTenant.get(pair.tenantId));
    if (status !== 200 || body?.id !== pair.leaseId) problems.push(`GET lease ${pair.leaseId}: ${status} ${JSON.stringify(body).slice(0, 200)}`);
  }
  const tenant = pick(keys);
  const list = await getJson(`${baseUrl}/api/leases?per_page=${LIST_PER_PAGE}`, tenant.key);
  const rows = Array.isArray(list.body?.data) ? list.body.data : [];
  const { total, foreign_ids: foreign } = await facts(tenant.tenantId, rows.map((row) => row?.id));
  const expected = Math.min(LIST_PER_PAGE, total);
  if (list.status !== 200 || rows.length !== expected || list.body?.meta?.pagination?.total !== total || foreign > 0) {
    problems.push(
      `lease list: ${list.status}, ${rows.length} rows (expected ${expected}), total ${list.body?.meta?.pagination?.total} (expected ${total})` +
        (foreign > 0 ? `, ${foreign} rows not of this tenant` : ''),
    );
  }
  const foreignPair = pairs.find((pair) => pair.tenantId !== tenant.tenantId);
  if (foreignPair) {
    const { status } = await getJson(`${baseUrl}/api/leases/${foreignPair.leaseId}`, tenant.key);
    if (status !== 404) problems.push(`another tenant's lease answered ${status}, expected 404`);
  }
  const own = estates.find((entry) => entry.tenantId === tenant.tenantId);
  if (!own) return [...problems, `no unit sampled for tenant ${tenant.tenantId}`];
  const estateId = pick(own.estateIds);
  const created = await getJson(`${baseUrl}/api/leases`, tenant.key, { method: 'POST', json: { estate_id: estateId, ...LEASE_CREATE_FIELDS } });
  if (created.status !== 201 || created.body?.estate_id !== estateId || created.body?.status !== 'DRAFT') {
    problems.push(`POST lease: ${created.status} ${JSON.stringify(created.body).slice(0, 200)}`);
  } else {
    const back = await getJson(`${baseUrl}/api/leases/${created.body.id}`, tenant.key);
    if (back.status !== 200 || back.body?.id !== created.body.id) problems.push(`the created lease read back ${back.status}`);
  }
  const other = estates.find((entry) => entry.tenantId !== tenant.tenantId);
  if (other) {
    const { status } = await getJson(`${baseUrl}/api/leases`, tenant.key, {
      method: 'POST',
      json: { estate_id: other.estateIds[0], ...LEASE_CREATE_FIELDS },
    });
    if (status !== 404) problems.push(`POST lease on another tenant's unit answered ${status}, expected 404`);
  }
  return problems;
}

async function probeEstates(baseUrl, { big, small }) {
  const problems = [];
  for (const [size, tenant] of [['small', small], ['big', big]]) {
    const expected = Math.min(LIST_PER_PAGE, tenant.units);
    for (const path of [`/api/estates?per_page=${LIST_PER_PAGE}`, `/api/places/${tenant.placeId}/estates?per_page=${LIST_PER_PAGE}`]) {
      const list = await getJson(`${baseUrl}${path}`, tenant.key);
      const rows = list.body?.data;
      const total = list.body?.meta?.pagination?.total;
      const foreign = Array.isArray(rows) ? rows.filter((row) => row?.tenant_id !== undefined && row.tenant_id !== tenant.tenantId).length : 0;
      if (list.status !== 200 || rows?.length !== expected || total !== tenant.units || foreign > 0) {
        problems.push(
          `${size} tenant, ${path}: ${list.status}, ${rows?.length} rows (expected ${expected}), total ${total} (expected ${tenant.units})` +
            (foreign > 0 ? `, ${foreign} rows of another tenant` : ''),
        );
      }
    }
    for (let n = 0; n < 3; n++) {
      const id = pick(tenant.estateIds);
      const { status, body } = await getJson(`${baseUrl}/api/estates/${id}`, tenant.key);
      if (status !== 200 || body?.id !== id) problems.push(`${size} tenant, GET estate ${id}: ${status} ${JSON.stringify(body).slice(0, 200)}`);
    }
  }
  for (const [who, tenant, other] of [['small', small, big], ['big', big, small]]) {
    const id = pick(other.estateIds);
    const { status } = await getJson(`${baseUrl}/api/estates/${id}`, tenant.key);
    if (status !== 404) problems.push(`${who} tenant, GET the other tenant's estate ${id}: ${status}, expected 404`);
  }
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
    requests: [{ method: scenario.method ?? 'GET', setupRequest: scenario.setupRequest }],
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

/**
 * A run is clean when every request got a 2xx (the scenario's `expectStatus`, when it has one):
 * no other status, no socket error, no timeout.
 */
export function runProblems(stats, scenario) {
  const problems = [];
  if (stats.non2xx > 0) problems.push(`${stats.non2xx} non-2xx (${JSON.stringify(stats.statusCodes)})`);
  const expected = scenario?.expectStatus;
  if (expected !== undefined) {
    const other = Object.entries(stats.statusCodes).filter(([code, count]) => Number(code) !== expected && count > 0 && Number(code) < 300);
    if (other.length > 0) problems.push(`2xx other than ${expected}: ${JSON.stringify(Object.fromEntries(other))}`);
  }
  if (stats.errors > 0) problems.push(`${stats.errors} errors`);
  if (stats.timeouts > 0) problems.push(`${stats.timeouts} timeouts`);
  if (stats.ok === 0) problems.push('no successful request');
  return problems;
}
