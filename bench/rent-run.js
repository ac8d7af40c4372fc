// `npm run bench:rent` (and the last part of `npm run bench`): a month's rent calls for a
// 1,000-lease tenant, run in the background by the job mechanism while ordinary requests go on.
//
//  1. its own database `faireplace_bench_rent`, prepared like the main bench's;
//  2. two tenants through OnboardingService (real keys): one with BENCH_RENT_LEASES ACTIVE
//     unfurnished leases (each with a tenant and two recoverable charges), seeded in bulk as the
//     owner role; one with 200 owners for the ordinary load;
//  3. the API as a child process (isolation on, DATABASE_POOL_SIZE, JOBS_POOL_SIZE=2);
//  4. baseline: GET /api/owners/{id} of the second tenant under autocannon for BENCH_DURATION s;
//  5. POST /api/rent-calls/runs for the first, then the same load while the run goes, sampling
//     the API process's RSS every 250 ms, until the run is COMPLETED;
//  6. calls (each with its PDF) per second, peak RSS, p99 of the load with and without the run,
//     written to bench/results-rent.md.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';
import { numberSetting, stopDatabase } from './common.js';
import { postgresVersion, prepareBenchDatabase, seedTenants, serverOf } from './database.js';
import { startApiServer } from './servers.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RESULTS_FILE = path.join(root, 'bench/results-rent.md');
const log = (message) => console.log(`[bench:rent] ${message}`);
const settings = {
  leases: numberSetting('BENCH_RENT_LEASES', 1000, { min: 1, max: 100_000 }),
  duration: numberSetting('BENCH_DURATION', 10, { min: 1, max: 600 }),
  connections: numberSetting('BENCH_RENT_CONNECTIONS', 8, { min: 1, max: 256 }),
  poolSize: numberSetting('DATABASE_POOL_SIZE', 10, { min: 1, max: 200 }),
};
const MONTH = '2027-03';

let database;
let server;

async function seedPortfolio(ownerUrl, rentTenant, loadTenant, leases) {
  const owner = new pg.Client({ connectionString: ownerUrl });
  await owner.connect();
  try {
    await owner.query('BEGIN');
    await owner.query(
      `WITH o AS (INSERT INTO owners (tenant_id, id, owner_category, last_name, first_name, street_name, postal_code, city, iban, bic)
                  VALUES ($1, gen_random_uuid(), 'individual', 'Bailleur', 'Claire', 'rue des Lilas', '69003', 'Lyon', 'FR7630006000011234567890189', 'AGRIFRPP') RETURNING id),
            p AS (INSERT INTO places (tenant_id, id, name, owner_id, place_category, street_name, postal_code, city, country)
                  SELECT $1, gen_random_uuid(), 'Résidence du bench', o.id, 'collective', 'rue des Lilas', '69003', 'Lyon', 'FR' FROM o RETURNING id, owner_id),
            e AS (INSERT INTO estates (tenant_id, id, place_id, owner_id, name, estate_type, area, rental_status, energy_label)
                  SELECT $1, gen_random_uuid(), p.id, p.owner_id, 'Lot ' || n, 'apartment', 45, 'RENTED', 'C' FROM p, generate_series(1, $2) n RETURNING id, name),
            l AS (INSERT INTO lessees (tenant_id, id, category, first_name, last_name, email)
                  SELECT $1, gen_random_uuid(), 'individual', 'Locataire', e.name, 'locataire@example.fr' FROM e RETURNING id, last_name),
            lease AS (INSERT INTO leases (tenant_id, id, estate_id, lease_type, start_date, rent_amount, charges_amount, payment_day, rent_frequency, status, irl_reference_quarter)
                  SELECT $1, gen_random_uuid(), e.id, 'unfurnished', '2026-01-01', 700 + (random() * 200)::int, 50, 5, 'monthly', 'ACTIVE', 'T3-2025' FROM e RETURNING id, estate_id),
            party AS (INSERT INTO lease_lessees (tenant_id, id, lease_id, lessee_id, role, start_date)
                  SELECT $1, gen_random_uuid(), lease.id, l.id, 'tenant', '2026-01-01'
                    FROM lease JOIN e ON e.id = lease.estate_id JOIN l ON l.last_name = e.name RETURNING lease_id)
       INSERT INTO lease_charges (tenant_id, id, lease_id, label, category, amount, frequency, recoverable)
       SELECT $1, gen_random_uuid(), party.lease_id, c.label, c.category, c.amount, c.frequency, true
         FROM party, (VALUES ('Entretien des parties communes', 'cleaning', 15.5, 'monthly'), ('Taxe d''ordures ménagères', 'waste_tax', 180, 'yearly')) AS c(label, category, amount, frequency)`,
      [rentTenant, leases],
    );
    const { rows } = await owner.query(
      `INSERT INTO owners (tenant_id, id, owner_category, last_name) SELECT $1, gen_random_uuid(), 'individual', 'Owner ' || n FROM generate_series(1, 200) n RETURNING id`,
      [loadTenant],
    );
    await owner.query('COMMIT');
    await owner.query('VACUUM (ANALYZE)');
    return rows.map((row) => row.id);
  } finally {
    await owner.end();
  }
}

function rssMiB(pid) {
  try {
    return Number(execFileSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' }).trim()) / 1024;
  } catch {
    return 0;
  }
}

/** The ordinary load: GET /api/owners/{id} over the second tenant's owners. */
function load(baseUrl, key, ownerIds, duration) {
  let next = 0;
  return autocannon({
    url: baseUrl,
    connections: settings.connections,
    duration,
    headers: { authorization: `Bearer ${key}` },
    requests: [{ setupRequest: (request) => ({ ...request, path: `/api/owners/${ownerIds[next++ % ownerIds.length]}` }) }],
  });
}

async function main() {
  const started = Date.now();
  database = await prepareBenchDatabase(log, 'faireplace_bench_rent');
  const postgres = await postgresVersion(database.urls.adminUrl);
  const { keys } = await seedTenants({ appUrl: database.urls.appUrl, tenants: 2, concurrency: 2, log });
  const [rent, other] = keys;
  const seedStarted = Date.now();
  const ownerIds = await seedPortfolio(database.urls.ownerUrl, rent.tenantId, other.tenantId, settings.leases);
  log(`seeded ${settings.leases} active leases (and 200 owners for the load) in ${Date.now() - seedStarted} ms`);

  server = await startApiServer({ root, isolation: true, urls: database.urls, poolSize: settings.poolSize, env: { JOBS_POOL_SIZE: '2', JOBS_POLL_INTERVAL_SECONDS: '0.5' } });
  const api = (method, route, key, body) =>
    fetch(`${server.baseUrl}${route}`, { method, headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: body && JSON.stringify(body) }).then(async (response) => ({ status: response.status, body: await response.json() }));

  log(`baseline: ${settings.duration} s of GET /api/owners/{id} at ${settings.connections} connections`);
  await load(server.baseUrl, other.key, ownerIds, 2);
  const baseline = await load(server.baseUrl, other.key, ownerIds, settings.duration);

  const rssBefore = rssMiB(server.pid);
  let peakRss = rssBefore;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, rssMiB(server.pid));
  }, 250);
  const accepted = await api('POST', '/api/rent-calls/runs', rent.key, { month: MONTH });
  if (accepted.status !== 202) throw new Error(`run refused: ${accepted.status} ${JSON.stringify(accepted.body)}`);
  log(`run ${accepted.body.id} accepted; the same load while it goes`);
  const during = load(server.baseUrl, other.key, ownerIds, 3600);
  let run = accepted.body;
  while (run.status === 'QUEUED' || run.status === 'RUNNING') {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    run = (await api('GET', `/api/rent-calls/runs/${accepted.body.id}`, rent.key)).body;
  }
  during.stop();
  const duringResult = await during;
  clearInterval(sampler);

  const seconds = (Date.parse(run.finished_at) - Date.parse(run.started_at)) / 1000;
  const rows = {
    leases: settings.leases,
    status: run.status,
    done: run.done,
    failed: run.failed,
    seconds,
    callsPerSecond: run.done / seconds,
    rssBefore,
    peakRss,
    baseline: { rps: baseline.requests.average, p50: baseline.latency.p50, p99: baseline.latency.p99, non2xx: baseline.non2xx },
    during: { rps: duringResult.requests.average, p50: duringResult.latency.p50, p99: duringResult.latency.p99, non2xx: duringResult.non2xx },
  };
  const document = `# Rent-call run benchmark

Measured by \`npm run bench:rent\` (also the last part of \`npm run bench\`) on ${new Date().toISOString().slice(0, 10)}, commit ${commit()}.

- Machine: ${os.cpus().length} CPUs, Node ${process.version}; ${postgres} (${database.embedded ? 'embedded, .data/bench' : serverOf(database.urls.adminUrl)}).
- Data: one tenant with ${settings.leases} ACTIVE unfurnished leases (a tenant party and two recoverable charges each); another with 200 owners for the ordinary load.
- API: one child process, isolation on, \`DATABASE_POOL_SIZE=${settings.poolSize}\` for requests, \`JOBS_POOL_SIZE=2\` for the job (its own pool).
- Run: \`POST /api/rent-calls/runs {month: ${MONTH}}\` — each lease called in its own transaction, with its PDF rendered and stored.
- Load: \`GET /api/owners/{id}\` of the other tenant, autocannon, ${settings.connections} connections: ${settings.duration} s alone, then for as long as the run goes.

| figure | value |
|---|---|
| run | ${rows.status}: ${rows.done} of ${rows.leases} leases, ${rows.failed} failed |
| run time | ${seconds.toFixed(1)} s |
| calls with PDF per second | ${rows.callsPerSecond.toFixed(1)} |
| API RSS before / peak during the run | ${rows.rssBefore.toFixed(0)} MiB / ${rows.peakRss.toFixed(0)} MiB |
| load alone: req/s, p50, p99 | ${rows.baseline.rps.toFixed(0)} req/s, ${rows.baseline.p50} ms, ${rows.baseline.p99} ms (${rows.baseline.non2xx} non-2xx) |
| load during the run: req/s, p50, p99 | ${rows.during.rps.toFixed(0)} req/s, ${rows.during.p50} ms, ${rows.during.p99} ms (${rows.during.non2xx} non-2xx) |

Total bench time: ${((Date.now() - started) / 1000).toFixed(0)} s.
`;
  writeFileSync(RESULTS_FILE, document);
  console.log(`\n${document}`);
  if (rows.status !== 'COMPLETED' || rows.baseline.non2xx > 0 || rows.during.non2xx > 0) return 1;
  return 0;
}

function commit() {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

async function cleanUp() {
  await server?.stop().catch(() => undefined);
  if (database) await stopDatabase(database, log);
}

main().then(
  async (code) => {
    await cleanUp();
    process.exit(code);
  },
  async (error) => {
    console.error(`[bench:rent] failed: ${error?.stack ?? error}`);
    await cleanUp();
    process.exit(1);
  },
);
