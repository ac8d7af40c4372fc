// `npm run bench:export`: one tenant export (POST /internal/tenants/{id}/exports' job), its peak
// memory, duration and archive size on a 1,000-lease tenant.
//
// Plain ESM JavaScript on the compiled app (dist/), like the other benches:
//  1. its own database (`faireplace_bench_export` on DATABASE_ADMIN_URL's server, or the embedded
//     PostgreSQL in .data/bench), one tenant made by OnboardingService, then as the owner role:
//     owners, BENCH_EXPORT_LEASES units with one lease each (bench/database.js seedPortfolio), a
//     lessee and a lease party per lease, and BENCH_EXPORT_FILES stored files of 256 KiB (media
//     rows, bytes written under MEDIA_ROOT=.data/bench/export-media);
//  2. the app in this process (no HTTP, no workers), warmed up by a first export of an empty
//     tenant; then the export job itself (TenantExportWriter.write, what the `tenants.export`
//     worker runs), the process's RSS sampled every 10 ms and VmHWM read from /proc/self/status;
//  3. a markdown report printed and written to bench/results-export.md.
// Environment: DATABASE_ADMIN_URL (optional), BENCH_EXPORT_LEASES=1000, BENCH_EXPORT_FILES=200.
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { postgresVersion, prepareBenchDatabase, seedOwners, seedPortfolio, seedTenants } from './database.js';
import { numberSetting } from './common.js';
import { benchSigningSecrets } from './servers.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
const RESULTS_FILE = path.join(root, 'bench/results-export.md');
const MEDIA_ROOT = path.join(root, '.data/bench/export-media');
const LEASES = numberSetting('BENCH_EXPORT_LEASES', 1000, { min: 1, max: 100_000 });
const FILES = numberSetting('BENCH_EXPORT_FILES', 200, { min: 0, max: 10_000 });
const FILE_BYTES = 256 * 1024;
const MiB = 1024 * 1024;
const log = (message) => console.log(message);
const vmHwm = () => Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0) * 1024;

const database = await prepareBenchDatabase(log, 'faireplace_bench_export');
try {
  const { urls } = database;
  log('Seeding ...');
  const { keys, extra } = await seedTenants({ appUrl: urls.appUrl, tenants: 1, extra: [{ name: 'Warm-up tenant', email: 'warm@bench.example' }], concurrency: 1, log });
  const tenantId = keys[0].tenantId;
  await seedOwners({ ownerUrl: urls.ownerUrl, ownersPerTenant: 5, tenantIds: [tenantId] });
  await seedPortfolio({ ownerUrl: urls.ownerUrl, tenantIds: [tenantId], estatesPerTenant: LEASES, leasesPerTenant: LEASES, landlords: 1 });
  const owner = new pg.Client({ connectionString: urls.ownerUrl });
  await owner.connect();
  rmSync(MEDIA_ROOT, { recursive: true, force: true });
  try {
    await owner.query(
      `INSERT INTO lessees (tenant_id, id, category, first_name, last_name, email, monthly_income)
       SELECT l.tenant_id, l.id, 'individual', 'Prénom', 'Locataire ' || row_number() OVER (), 'locataire@example.fr', 2500.50
         FROM leases l WHERE l.tenant_id = $1`, [tenantId]);
    await owner.query(
      `INSERT INTO lease_lessees (tenant_id, id, lease_id, lessee_id, role, start_date)
       SELECT tenant_id, gen_random_uuid(), id, id, 'tenant', start_date FROM leases WHERE tenant_id = $1`, [tenantId]);
    const estates = (await owner.query('SELECT id FROM estates WHERE tenant_id = $1 LIMIT $2', [tenantId, Math.max(FILES, 1)])).rows;
    const bytes = Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(FILE_BYTES - 9)]);
    for (let index = 0; index < FILES; index++) {
      const id = randomUUID();
      const key = `${tenantId}/media/${id}`;
      mkdirSync(path.join(MEDIA_ROOT, tenantId, 'media'), { recursive: true });
      writeFileSync(path.join(MEDIA_ROOT, key), bytes);
      await owner.query(
        `INSERT INTO media (tenant_id, id, entity_type, entity_id, filename, media_type, size, sha256, storage_key, tags)
         VALUES ($1, $2, 'estate', $3, 'plan.pdf', 'application/pdf', $4, repeat('0', 64), $5, '{}')`,
        [tenantId, id, estates[index % estates.length].id, FILE_BYTES, key]);
    }
    const counts = (await owner.query(`SELECT (SELECT count(*) FROM leases WHERE tenant_id = $1)::int AS leases, (SELECT count(*) FROM lessees WHERE tenant_id = $1)::int AS lessees,
      (SELECT count(*) FROM estates WHERE tenant_id = $1)::int AS estates, (SELECT count(*) FROM media WHERE tenant_id = $1)::int AS media`, [tenantId])).rows[0];
    log(`Seeded: ${JSON.stringify(counts)}`);

    await import('reflect-metadata');
    const { NestFactory } = await import('@nestjs/core');
    const { AppModule } = await import('../dist/src/app.module.js');
    const { loadConfig } = await import('../dist/src/config/app-config.js');
    const { TenantExportWriter } = await import('../dist/src/internal/tenant-data/tenant-export-writer.js');
    const config = loadConfig({
      NODE_ENV: 'bench', DATABASE_URL: urls.appUrl, LOG_LEVEL: 'error', SWAGGER_ENABLED: 'false', JOBS_WORKERS: 'false',
      STORAGE_DRIVER: 'local', MEDIA_ROOT, ...(await benchSigningSecrets(root)),
    });
    const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), { logger: ['fatal', 'error'] });
    try {
      const writer = app.get(TenantExportWriter);
      const exportOf = async (id) => {
        const exportId = randomUUID();
        await owner.query(`INSERT INTO tenant_exports (tenant_id, id) VALUES ($1, $2)`, [id, exportId]);
        await writer.write(id, exportId);
        return (await owner.query('SELECT status, size, progress FROM tenant_exports WHERE tenant_id = $1 AND id = $2', [id, exportId])).rows[0];
      };
      await exportOf(extra[0].tenantId); // warm-up: modules loaded, pools open
      global.gc?.();
      const before = process.memoryUsage().rss;
      const hwmBefore = vmHwm();
      let peak = before;
      const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
      const started = performance.now();
      const result = await exportOf(tenantId);
      const seconds = (performance.now() - started) / 1000;
      clearInterval(sampler);
      const hwmAfter = vmHwm();
      if (result.status !== 'SUCCEEDED') throw new Error(`export ${result.status}`);
      const mb = (value) => (value / MiB).toFixed(1);
      const report = `# Tenant export: memory, time, size

\`npm run bench:export\` (bench/export.js), ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${os.cpus().length} CPU, ${(await postgresVersion(urls.adminUrl)).split(' on ')[0]}.

Data: one tenant with ${counts.leases} leases (${counts.estates} units, ${counts.lessees} lessees and lease parties, owners, places)
and ${counts.media} stored files of ${FILE_BYTES / 1024} KiB (${mb(counts.media * FILE_BYTES)} MiB of files), local storage.
The export job (TenantExportWriter.write, what the \`tenants.export\` worker runs) in this process, after a warm-up export.

| measure | value |
|---|---|
| duration | ${seconds.toFixed(2)} s |
| archive size (zip) | ${mb(result.size)} MiB |
| RSS before the export | ${mb(before)} MiB |
| peak RSS during the export (sampled every 10 ms) | ${mb(peak)} MiB (+${mb(peak - before)} MiB) |
| VmHWM of the process before / after | ${mb(hwmBefore)} / ${mb(hwmAfter)} MiB |

The archive is never held in memory: rows are read ${500} at a time through a cursor and streamed into the
zip, which is written to a temporary file and then moved to storage; files are streamed from storage.
The increase should be what one fetched batch, zlib and the stream buffers take; only this one size
was measured (set BENCH_EXPORT_LEASES / BENCH_EXPORT_FILES to check another).
`;
      writeFileSync(RESULTS_FILE, report);
      log(report);
    } finally {
      await app.close();
    }
  } finally {
    await owner.end();
    rmSync(MEDIA_ROOT, { recursive: true, force: true });
  }
} finally {
  await database.stop();
}
