// The results as markdown: printed, and written to bench/results.md with the context to read them.
import { spread } from './common.js';

const number = (value, digits = 0) =>
  value === undefined || value === null || Number.isNaN(value)
    ? '–'
    : value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/**
 * A ratio of two servers' runs of one scenario, computed round by round (round n of the one with
 * round n of the other: they ran back to back) and reported as its median with its min–max.
 */
export function roundRatios(on, off, key = 'rps') {
  const pairs = (on?.rounds ?? []).map((stats, i) => [stats?.[key], off?.rounds?.[i]?.[key]]);
  const values = pairs.filter(([a, b]) => Number.isFinite(a) && Number.isFinite(b) && b > 0).map(([a, b]) => a / b);
  return spread(values);
}

const shown = (value, digits = 2) => (value ? `${value.median.toFixed(digits)} (${value.min.toFixed(digits)}–${value.max.toFixed(digits)})` : '–');

function ratio(on, off) {
  return shown(roundRatios(on, off, 'rps'));
}

function latencyRatio(on, off) {
  const value = roundRatios(on, off, 'p50');
  return value ? `${shown(value)}×` : '–';
}

function cpuRatio(on, off) {
  const value = roundRatios(on, off, 'cpuPerRequestUs');
  return value ? `${shown(value)}×` : '–';
}

export function resultsTable(rows) {
  const lines = [
    '| scenario | server | isolation | req/s median (min–max) | p50 ms | p99 ms | CPU µs / request | 2xx | non-2xx | errors / timeouts |',
    '|---|---|---|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const row of rows) {
    const s = row.stats;
    lines.push(
      `| ${row.scenario.title} | ${row.server} | ${row.isolation} | ${s ? `${number(s.rps, 0)} (${number(s.rpsMin, 0)}–${number(s.rpsMax, 0)})` : 'FAILED'} | ${number(s?.p50)} | ${number(s?.p99)} | ${number(s?.cpuPerRequestUs)} | ${number(s?.ok)} | ${number(s?.non2xx)} | ${s ? `${s.errors} / ${s.timeouts}` : '–'} |`,
    );
  }
  return lines.join('\n');
}

export function ratioTable(rows, scenarios) {
  const find = (scenario, server, isolation) =>
    rows.find((row) => row.scenario.id === scenario.id && row.server === server && row.isolation === isolation);
  const lines = [
    '| scenario | API req/s on ÷ off | API p50 on ÷ off | API CPU/request on ÷ off | floor req/s on ÷ off | API on ÷ floor on (req/s) | API ÷ floor on (CPU/request) |',
    '|---|---:|---:|---:|---:|---:|---:|',
  ];
  for (const scenario of scenarios) {
    const apiOn = find(scenario, 'API', 'on');
    const apiOff = find(scenario, 'API', 'off');
    const floorOn = find(scenario, 'floor', 'on');
    const floorOff = find(scenario, 'floor', 'off');
    lines.push(
      `| ${scenario.title} | ${ratio(apiOn, apiOff)} | ${latencyRatio(apiOn, apiOff)} | ${cpuRatio(apiOn, apiOff)} | ${ratio(floorOn, floorOff)} | ${floorOn ? ratio(apiOn, floorOn) : '–'} | ${floorOn ? cpuRatio(apiOn, floorOn) : '–'} |`,
    );
  }
  return lines.join('\n');
}

const GET_BY_ID = ['owners-get', 'estates-get-small', 'estates-get-big', 'leases-get'];

/** The issue's goals, each against the figure this run measured (isolation on unless said). */
export function goalsTable(rows, settings) {
  const find = (id, server, isolation) => rows.find((row) => row.scenario.id === id && row.server === server && row.isolation === isolation);
  const lines = ['| figure | measured (median, min–max over rounds) | goal | met? |', '|---|---|---|---|'];
  const verdict = (ok) => (ok === undefined ? '–' : ok ? 'yes' : '**no**');
  const ids = [...new Set(rows.map((row) => row.scenario.id))];
  const perScenario = ids
    .map((id) => ({ id, value: roundRatios(find(id, 'API', 'on'), find(id, 'API', 'off')) }))
    .filter(({ value }) => value);
  if (perScenario.length > 0) {
    const worst = perScenario.reduce((a, b) => (b.value.median < a.value.median ? b : a));
    lines.push(
      `| API isolation on ÷ off, req/s, per scenario | lowest median ${worst.value.median.toFixed(2)} (${worst.id}); all: ${perScenario.map(({ id, value }) => `${id} ${value.median.toFixed(2)}`).join(', ')} | ≥ 0.85 on every scenario | ${verdict(perScenario.every(({ value }) => value.median >= 0.85))} |`,
    );
  }
  const floor = roundRatios(find('owners-get', 'API', 'on'), find('owners-get', 'floor', 'on'));
  if (floor) lines.push(`| API on ÷ floor on, req/s, \`GET /api/owners/{id}\` | ${shown(floor)} | ≥ 0.50 | ${verdict(floor.median >= 0.5)} |`);
  const scale = roundRatios(find('estates-list-big', 'API', 'on'), find('estates-list-small', 'API', 'on'), 'p50');
  if (scale) lines.push(`| list p50, ${number(settings.bigUnits)}-unit tenant ÷ 10-unit tenant | ${shown(scale)}× | ≤ 1.20× | ${verdict(scale.median <= 1.2)} |`);
  const p99s = GET_BY_ID.map((id) => ({ id, p99: find(id, 'API', 'on')?.stats?.p99 })).filter(({ p99 }) => p99 !== undefined);
  if (p99s.length > 0) {
    const worst = p99s.reduce((a, b) => (b.p99 > a.p99 ? b : a));
    lines.push(
      `| p99 of \`GET\` by id (median over rounds) | ${p99s.map(({ id, p99 }) => `${id} ${p99} ms`).join(', ')} at ${settings.connections} connections | < 60 ms at 64 connections | ${verdict(settings.connections >= 64 ? worst.p99 < 60 : undefined)} |`,
    );
  }
  return lines.join('\n');
}

const findRow = (rows, id, isolation) => rows.find((row) => row.scenario.id === id && row.server === 'API' && row.isolation === isolation);

/** "Estates at scale": per request and isolation, the small tenant next to the big one. */
export function estatesTable(rows) {
  const lines = [
    '| request | isolation | small: req/s | small: p50 ms | small: p99 ms | big: req/s | big: p50 ms | big: p99 ms | small ÷ big (req/s) | big ÷ small (p50) |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const [kind, title] of [
    ['list', `GET /api/estates?per_page=20`],
    ['get', 'GET /api/estates/{id}'],
  ]) {
    for (const isolation of ['on', 'off']) {
      const smallRow = findRow(rows, `estates-${kind}-small`, isolation);
      const bigRow = findRow(rows, `estates-${kind}-big`, isolation);
      const small = smallRow?.stats;
      const big = bigRow?.stats;
      if (!small && !big) continue;
      const rps = shown(roundRatios(smallRow, bigRow, 'rps'));
      const p50 = latencyRatio(bigRow, smallRow);
      lines.push(
        `| ${title} | ${isolation} | ${number(small?.rps, 1)} | ${number(small?.p50)} | ${number(small?.p99)} | ${number(big?.rps, 1)} | ${number(big?.p50)} | ${number(big?.p99)} | ${rps} | ${p50} |`,
      );
    }
  }
  return lines.join('\n');
}

function onOff(rows, id) {
  const on = findRow(rows, id, 'on');
  const off = findRow(rows, id, 'off');
  return ratio(on, off);
}

/** The paragraph under the estates table: the numbers it rests on, in words. */
function estatesSummary(rows, estates) {
  const big = estates.big.units.toLocaleString('en-US');
  const describe = (stats) =>
    stats ? `${number(stats.rps, 1)} req/s, p50 ${number(stats.p50)} ms, p99 ${number(stats.p99)} ms` : 'no result';
  const sentences = [];
  for (const isolation of ['on', 'off']) {
    const small = findRow(rows, 'estates-list-small', isolation)?.stats;
    const large = findRow(rows, 'estates-list-big', isolation)?.stats;
    if (!small && !large) continue;
    let verdict = '';
    if (small && large && large.rps && large.p50) {
      const kept = small.rps / large.rps;
      const p50 = `${(small.p50 / large.p50).toFixed(2)}×`;
      verdict =
        small.p50 <= large.p50 && kept >= 0.95
          ? `: the small tenant gets ${kept.toFixed(2)}× the big tenant's req/s at ${p50} its p50`
          : `: **the small tenant's list is slower than the big tenant's** (${kept.toFixed(2)}× its req/s, ${p50} its p50), worth a look`;
    }
    const reference = findRow(rows, 'owners-list', isolation)?.stats;
    sentences.push(
      `With isolation ${isolation}, the small tenant's list (${estates.small.units} units) ran at ${describe(small)}; ` +
        `the big tenant's (${big} units) at ${describe(large)}${verdict}` +
        (reference ? ` (for reference, the owners list, a table with no big tenant, ran at ${describe(reference)} on the same server).` : '.'),
    );
  }
  const ratios = [
    ['small list', 'estates-list-small'],
    ['big list', 'estates-list-big'],
    ['small get', 'estates-get-small'],
    ['big get', 'estates-get-big'],
  ]
    .filter(([, id]) => findRow(rows, id, 'on') || findRow(rows, id, 'off'))
    .map(([name, id]) => `${name} ${onOff(rows, id)}`);
  if (ratios.length > 0) sentences.push(`API req/s with isolation on ÷ off: ${ratios.join('; ')}.`);
  return sentences.join(' ');
}

/** The leases scenarios: per request, isolation on next to off, and what isolation keeps. */
export function leasesTable(rows) {
  const lines = [
    '| request | on: req/s | on: p50 ms | on: p99 ms | off: req/s | off: p50 ms | off: p99 ms | req/s on ÷ off | p50 on ÷ off |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const id of ['leases-get', 'leases-list', 'leases-create']) {
    const on = findRow(rows, id, 'on');
    const off = findRow(rows, id, 'off');
    if (!on && !off) continue;
    const title = (on ?? off).scenario.title + (id === 'leases-create' ? ' (201)' : '');
    lines.push(
      `| ${title} | ${number(on?.stats?.rps, 1)} | ${number(on?.stats?.p50)} | ${number(on?.stats?.p99)} | ` +
        `${number(off?.stats?.rps, 1)} | ${number(off?.stats?.p50)} | ${number(off?.stats?.p99)} | ${ratio(on, off)} | ${latencyRatio(on, off)} |`,
    );
  }
  return lines.join('\n');
}

/** Exact row counts of the seeded tables (those with rows), and their total. */
function countsTable(counts) {
  const lines = ['| table | rows |', '|---|---:|'];
  for (const { table, rows } of counts.tables.filter(({ rows }) => rows > 0)) lines.push(`| \`${table}\` | ${number(rows)} |`);
  lines.push(`| **total** | **${number(counts.total)}** |`);
  return lines.join('\n');
}

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

function leasesSection(rows, seed) {
  if (!seed.leases) return '';
  const created = seed.leases.cleanups.map(({ label, deleted }) => `${label}: ${number(deleted)}`).join('; ');
  return `
## Leases: by id, a page, a create, over ${number(seed.tenants)} tenants

API only (the floor does not serve these routes). The \`leases\` table holds ${number(seed.portfolio.leases)} seeded leases, ${number(seed.leasesPerTenant)} per tenant on its ${number(seed.estatesPerTenant)} units. Each request picks a random numbered tenant's key:
- **GET /api/leases/{id}**: a random (key, lease) pair among ${number(seed.leases.pairs)} (leases of every numbered tenant);
- **GET /api/leases?per_page=20**: a random tenant's first page (default sort \`-created_at\`), with its total (a window count over that tenant's ${number(seed.leasesPerTenant)} leases);
- **POST /api/leases**: a random tenant and one of its own units (among ${number(seed.leases.units)} sampled), body \`{"estate_id", "lease_type": "unfurnished", "start_date": "2026-01-01", "rent_amount": 800}\`; every answer must be a 201 (a DRAFT lease; the API first looks the unit up \`FOR KEY SHARE\`, then inserts).

Before the load, each API server had to return a tenant's lease by id, its list with the tenant's own total (counted in the database) and only its rows, 404 for another tenant's lease, a 201 DRAFT that reads back for a create, and 404 for a create naming another tenant's unit. After each API server, the leases its load created were deleted and \`leases\` vacuumed, so both modes read the same seeded table (created, then deleted — ${created}).

${leasesTable(rows)}
`;
}

function estatesSection(rows, seed) {
  const estates = seed.estates;
  if (!estates) return '';
  const big = estates.big.units.toLocaleString('en-US');
  return `
## Estates at scale: a small tenant next to ${big} units

Two more tenants (real keys, as above), each with 1 owner and 1 place: the big one with ${big} units, the small one with ${estates.small.units}; \`estates\` holds ${number(estates.total)} rows in all (with the numbered tenants' units). API only (the floor does not serve these routes), each request with that tenant's one key; a GET picks a random unit of that tenant (among ${number(estates.big.ids)} for the big one). Before the load, each API server had to answer each tenant's list (flat and under its place) with its own total, and 404 for the other tenant's unit.

${estatesTable(rows)}

${estatesSummary(rows, estates)}

How to read it: both tenants are measured in the same run, on the same table, with the big tenant's ${big} rows present throughout; "small ÷ big" above 1 (req/s) or "big ÷ small" above 1 (p50) means the small tenant is served faster (ratios per round, round n of the one with round n of the other, median and min–max). A full page's total is an exact \`count(*)\` of the tenant's matching rows, so a page of the big tenant's list counts its ${big} rows on each request (an index-only scan of its tenant-leading index) while the small tenant's page is not full and needs no count; that the small tenant's queries use tenant-leading indexes, never a scan of the whole table, is checked on their plans by \`test/scale.e2e-spec.ts\`.
`;
}

export function resultsDocument({ date, machine, database, settings, seed, rows, scenarios, failures, runMs, rateLimitHeaders = [] }) {
  const limits = [...new Set(rateLimitHeaders)];
  const limiter =
    limits.length === 0
      ? ''
      : limits.every((limit) => limit === 'none')
        ? ' (the API sent no `X-RateLimit-Limit`: no limiter in this build)'
        : ` (the API's \`X-RateLimit-Limit\`: ${limits.join(', ')})`;
  const status = failures.length === 0 ? 'all runs clean (every response 2xx, no error, no timeout)' : `**FAILED**`;
  return `# Benchmark: what tenant isolation costs

${date.toISOString()} — ${status}

## Machine

- CPUs: ${machine.cpus} × ${machine.cpuModel}
- Memory: ${machine.memoryGiB} GiB; ${machine.os}
- Commit measured: \`${machine.commit}\`
- Node.js: servers under ${machine.node}; runner (load generator) ${machine.runnerNode}
- PostgreSQL: ${machine.postgres}
- Database: ${database}
${machine.load.before[0] > machine.cpus ? `- **Busy machine**: the load average when the run started (${machine.load.before[0].toFixed(1)}) was above the number of CPUs (${machine.cpus}): other work competed with the servers for the whole run. Absolute req/s and latencies are low and noisy; read the per-round ratios' min–max, and the CPU time per request, which moves least.\n` : ''}- Load average (1, 5, 15 min) when the run started: ${machine.load.before.map((value) => value.toFixed(2)).join(', ')}; when it ended: ${machine.load.after.map((value) => value.toFixed(2)).join(', ')} (on ${machine.cpus} CPUs, the bench itself included: anything else running competes with the servers, PostgreSQL and the load generator)

## Parameters

- Seed: ${number(seed.tenants)} tenants (each: an admin user and a live API key, made by OnboardingService), and per tenant, bulk-inserted as the owner role (\`generate_series\`, no HTTP): ${number(seed.ownersPerTenant)} owners (${number(seed.owners)} in all), 1 place, ${number(seed.estatesPerTenant)} units owned in turn by its first ${seed.landlords} owners, ${number(seed.leasesPerTenant)} leases on those units (one per unit, ACTIVE for 3 units in 4 and DRAFT otherwise, then second leases as DRAFTs; monthly rent)${seed.estates ? `; for the estates scenarios, 2 more tenants: a big one with ${number(seed.estates.big.units)} units and a small one with ${number(seed.estates.small.units)} (see below)` : ''}; then \`VACUUM (ANALYZE)\`
- Seeded rows (exact \`count(*)\` after seeding, before any load):

${countsTable(seed.counts)}

- Times: seed ${seconds(seed.seedMs)} (tenants through OnboardingService ${seconds(seed.tenantsMs)}, \`VACUUM (ANALYZE)\` ${seconds(seed.vacuumMs)}); whole run ${seconds(runMs)}, database set-up and migrations included
- Scenarios: ${settings.scenarios.join(', ')}
- Load: autocannon, ${settings.connections} connections, pipelining 1; per scenario, ${settings.warmup} s of warm-up on each server (discarded, but checked), then ${settings.rounds} rounds of ${settings.duration} s in which the servers take turns (ABCD, BCDA, CDAB, …; the small and the big tenant's estates scenarios share their rounds); every server is started before the first scenario and stays up to the end
- Figures: per server and scenario, the median over the rounds (req/s with its min–max); every ratio is computed round by round (round n of the one server with round n of the other, measured back to back) and given as its median with its min–max; **CPU µs / request** is the server process's CPU time (user + system, from \`/proc/<pid>/stat\`, the counters \`process.cpuUsage()\` reads) during the round ÷ the requests it answered: far less sensitive to a busy machine than req/s
- Requests (owners): each picks a random (API key, owner id) pair among ${number(seed.pairs)} pairs of ${seed.tenants} tenants
- Pool: ${settings.poolSize} connections per server (\`DATABASE_POOL_SIZE\`), \`LOG_LEVEL=error\`, \`SWAGGER_ENABLED=false\`, \`NODE_ENV=bench\`, \`RATE_LIMIT_PER_HOUR=1000000000\`, \`REDIS_URL\` unset (the per-tenant limiter still counts every request, in the API's memory, but never refuses one: the bench measures the API, not the limit)${limiter}
- One server is under load at a time, as a child process on 127.0.0.1, with the load generator in the runner process and PostgreSQL on the same machine (they share its CPUs: compare rows of one run, not runs of different machines).
- Latencies are autocannon's, at 1 ms resolution; req/s is the mean of its per-second samples.

## Goals (issue 16)

${goalsTable(rows, settings)}

## Results

${resultsTable(rows)}

## Isolation on vs off

${ratioTable(rows, scenarios)}

Rows:
- **API, on**: \`node dist/src/main.js\` as the app role: per request a tenant transaction (\`BEGIN; SELECT set_config('app.tenant_id', …, true)\` in one round trip, the query, COMMIT) under row-level security. The normal mode.
- **API, off**: the same app with \`NODE_ENV=bench BENCH_BYPASS_TENANCY=true\` as the owner role: no transaction, RLS bypassed, queries still filtered by \`tenant_id\`.
- **floor, on**: \`bench/floor-server.js\`, node:http + pg and nothing else, the key → tenant map in memory: \`BEGIN; SELECT set_config(…)\` (one round trip), SELECT, COMMIT as the app role: the same transaction as the API's. Owners routes only (not the estates and leases scenarios).
- **floor, off**: the same server, the SELECT alone through the pool, as the owner role.

"on ÷ off" is the throughput kept with isolation (below 1: what it costs); "API on ÷ floor on" is how much of the framework-free floor the API reaches.
${estatesSection(rows, seed)}${leasesSection(rows, seed)}${failures.length > 0 ? `\n## Failures\n\n${failures.map((failure) => `- ${failure}`).join('\n')}\n` : ''}`;
}
