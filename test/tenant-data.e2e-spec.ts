import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type pg from 'pg';
import { Jobs } from '../src/core/jobs/jobs.js';
import { RequestLogWriter } from '../src/core/request-log/request-log-writer.js';
import { Retention } from '../src/core/retention/retention.js';
import { answerWithin, appRoleClient, createTenant, INTERNAL_TOKEN, ownerRoleClient, randomUuid, startTestApp, type TestApp, type TestTenant } from './support/test-app.js';
import { runTenantJobs } from './support/jobs.js';
import { richTenant, rowCounts, tenantTableNames, unzip } from './support/tenant-data.js';

/**
 * Tenant export (one zip of both data spaces, tables from the catalogue, manifest with row counts
 * and SHA-256) and tenant erasure (every row of every tenant table, append-only ones included,
 * and every file; resumable; other tenants untouched). Checks read as the owner role.
 */
describe('Tenant data: export and erasure', () => {
  let t: TestApp;
  let owner: pg.Client;
  let doomed: TestTenant & { sandbox: TestTenant };
  let neighbour: TestTenant & { sandbox: TestTenant };
  const internal = (method: 'get' | 'post' | 'delete', url: string) => t.http[method](url).set('X-Internal-Token', INTERNAL_TOKEN);
  const binary = (response: { on: (event: string, listener: (chunk?: Buffer) => void) => void }, done: (error: Error | null, body: Buffer) => void) => {
    const chunks: Buffer[] = [];
    response.on('data', (chunk) => chunks.push(chunk!));
    response.on('end', () => done(null, Buffer.concat(chunks)));
  };
  const spaces = (tenant: TestTenant & { sandbox: TestTenant }) => owner.query<{ id: string }>('SELECT id FROM tenants WHERE id = $1 OR sandbox_of = $1', [tenant.id]).then((result) => result.rows.map((row) => row.id));

  beforeAll(async () => {
    t = await startTestApp({ WEBHOOK_ALLOW_PRIVATE_URLS: 'true' }); // the endpoint of the rich tenant is on 127.0.0.1
    owner = await ownerRoleClient();
    doomed = await richTenant(t.http, 'Doomed');
    neighbour = await richTenant(t.http, 'Neighbour');
  }, 120_000);

  afterAll(async () => {
    await owner.end();
    await t.close();
  });

  it('exports every tenant table of both data spaces and every stored file, with a manifest that adds up', async () => {
    const requested = await internal('post', `/internal/tenants/${doomed.id}/exports`).expect(202);
    expect(requested.body).toMatchObject({ status: 'PENDING', progress: 0 });
    expect(requested.body).not.toHaveProperty('tenant_id');
    expect(requested.body).not.toHaveProperty('storage_key');
    await internal('get', `/internal/tenants/${doomed.id}/exports/${requested.body.id}/download`).expect(409);
    await runTenantJobs(t, 'tenants.export', doomed.id);

    const done = await internal('get', `/internal/tenants/${doomed.id}/exports/${requested.body.id}`).expect(200);
    expect(done.body).toMatchObject({ status: 'SUCCEEDED', progress: 100 });
    const download = await internal('get', `/internal/tenants/${doomed.id}/exports/${requested.body.id}/download`).buffer(true).parse(binary).expect(200);
    expect(download.headers['content-type']).toBe('application/zip');
    const archive = download.body as Buffer;
    expect(archive.length).toBe(done.body.size);
    expect(createHash('sha256').update(archive).digest('hex')).toBe(done.body.sha256);

    const entries = await unzip(archive);
    const manifest = JSON.parse(entries.get('manifest.json')!.toString('utf8'));
    const tables = await tenantTableNames(owner);
    const [live, sandbox] = [doomed.id, (await spaces(doomed)).find((id) => id !== doomed.id)!];
    for (const [name, spaceId] of [['live', live], ['sandbox', sandbox]] as const) {
      const counts = await rowCounts(owner, [spaceId]);
      // Every catalogue table is there (a new table needs no code change), with its rows.
      expect(Object.keys(manifest.data_spaces[name].tables).sort()).toEqual(tables);
      for (const table of tables) {
        const entry = manifest.data_spaces[name].tables[table];
        const bytes = entries.get(entry.path)!;
        const lines = bytes.toString('utf8').split('\n').filter(Boolean);
        if (table !== 'tenant_exports') expect([table, lines.length]).toEqual([table, counts[table]]);
        expect(entry.rows).toBe(lines.length);
        expect(createHash('sha256').update(bytes).digest('hex')).toBe(entry.sha256);
        for (const line of lines) expect(JSON.parse(line).tenant_id).toBe(spaceId);
      }
      // Every stored file its rows point at, byte for byte.
      for (const file of manifest.data_spaces[name].files) {
        expect(createHash('sha256').update(entries.get(file.path)!).digest('hex')).toBe(file.sha256);
      }
      expect(manifest.data_spaces[name].missing_files).toEqual([]);
    }
    const files = manifest.data_spaces.live.files as { table: string }[];
    expect(files.filter((file) => file.table === 'media')).toHaveLength(1);
    expect(files.filter((file) => file.table === 'documents').length).toBeGreaterThanOrEqual(2); // contract and signed PDF
    expect(manifest.data_spaces.sandbox.tables.owners.rows).toBe(1);
    // Money is exported exactly, as stored.
    const payment = JSON.parse(entries.get('live/tables/rent_payments.jsonl')!.toString('utf8').split('\n')[0]);
    expect(payment.amount).toBe(850);
  }, 60_000);

  it("another tenant's export is a 404, the same as an unknown one", async () => {
    const theirs = await internal('post', `/internal/tenants/${neighbour.id}/exports`).expect(202);
    const foreign = await internal('get', `/internal/tenants/${doomed.id}/exports/${theirs.body.id}`).expect(404);
    const unknown = await internal('get', `/internal/tenants/${doomed.id}/exports/${randomUuid()}`).expect(404);
    expect(foreign.body.error).toEqual(unknown.body.error);
    await internal('get', `/internal/tenants/${doomed.id}/exports/${theirs.body.id}/download`).expect(404);
  });

  it('deletes an export archive once expired (EXPORT_RETENTION_DAYS after it was written): the export reads EXPIRED, its download 409', async () => {
    const requested = await internal('post', `/internal/tenants/${neighbour.id}/exports`).expect(202);
    await runTenantJobs(t, 'tenants.export', neighbour.id);
    const done = await internal('get', `/internal/tenants/${neighbour.id}/exports/${requested.body.id}`).expect(200);
    expect(done.body.status).toBe('SUCCEEDED');
    expect(Date.parse(done.body.expires_at) - Date.parse(done.body.completed_at)).toBe(t.config.EXPORT_RETENTION_DAYS * 86_400_000);
    const archive = path.join(t.config.MEDIA_ROOT, neighbour.id, 'exports', requested.body.id);
    expect(existsSync(archive)).toBe(true);

    // Not yet expired: the purge leaves it.
    await t.app.get(Retention).purge();
    expect(existsSync(archive)).toBe(true);
    // Its day comes (moved, as the owner role, to a second ago).
    await owner.query(`UPDATE tenant_exports SET expires_at = now() - interval '1 second' WHERE tenant_id = $1 AND id = $2`, [neighbour.id, requested.body.id]);
    // While the tenant is suspended the sweep leaves its data alone, as every sweep does.
    await internal('post', `/internal/tenants/${neighbour.id}/suspend`).send({ reason: 'Checking the sweep' }).expect(200);
    await t.app.get(Retention).purge();
    expect(existsSync(archive)).toBe(true);
    expect((await internal('get', `/internal/tenants/${neighbour.id}/exports/${requested.body.id}`).expect(200)).body.status).toBe('SUCCEEDED');
    await internal('post', `/internal/tenants/${neighbour.id}/reactivate`).expect(200);
    expect((await t.app.get(Retention).purge()).exports).toBeGreaterThanOrEqual(1);

    expect(existsSync(archive)).toBe(false);
    const expired = await internal('get', `/internal/tenants/${neighbour.id}/exports/${requested.body.id}`).expect(200);
    expect(expired.body).toMatchObject({ status: 'EXPIRED', size: done.body.size, sha256: done.body.sha256, expires_at: expect.any(String) });
    const refused = await internal('get', `/internal/tenants/${neighbour.id}/exports/${requested.body.id}/download`).expect(409);
    expect(refused.body.error).toMatchObject({ type: 'CONFLICT', details: { status: 'EXPIRED' } });
    // Another tenant's archive, not yet expired, is untouched: its row and its file.
    const doomedExports = await owner.query<{ id: string }>(`SELECT id FROM tenant_exports WHERE tenant_id = $1 AND status = 'SUCCEEDED'`, [doomed.id]);
    expect(doomedExports.rowCount).toBeGreaterThan(0);
    for (const { id } of doomedExports.rows) expect(existsSync(path.join(t.config.MEDIA_ROOT, doomed.id, 'exports', id))).toBe(true);
  }, 60_000);

  it('refuses an erasure without the exact confirmation', async () => {
    const missing = await internal('delete', `/internal/tenants/${doomed.id}`).send({}).expect(400);
    expect(missing.body.error.type).toBe('VALIDATION_ERROR');
    const wrong = await internal('delete', `/internal/tenants/${doomed.id}`).send({ confirm: 'Neighbour' }).expect(422);
    expect(wrong.body.error.type).toBe('RULE_VIOLATION');
    await internal('delete', `/internal/tenants/${randomUuid()}`).send({ confirm: 'x' }).expect(404);
    await t.http.get('/api/owners').set(doomed.auth).expect(200);
  });

  it('erases every row of every tenant table and every file, resuming after a crash, and leaves the neighbour whole', async () => {
    const dataSpaces = await spaces(doomed);
    expect(dataSpaces).toHaveLength(2);
    await t.app.get(RequestLogWriter).flush(); // the request log lines of the requests above, written now, not mid-count
    const before = await rowCounts(owner, dataSpaces);
    expect(before.signature_events).toBeGreaterThan(0);
    expect(before.rent_payments).toBeGreaterThan(0);
    const neighbourBefore = await rowCounts(owner, await spaces(neighbour));
    const mediaRoot = t.config.MEDIA_ROOT;
    expect(existsSync(path.join(mediaRoot, doomed.id))).toBe(true);

    const requested = await internal('delete', `/internal/tenants/${doomed.id}`).send({ confirm: 'Doomed' }).expect(202);
    expect(requested.body).toMatchObject({ tenant_id: doomed.id, status: 'IN_PROGRESS', completed_at: null });
    // Keys refused within a second, live and sandbox (deleted at once; the cache hears of it by NOTIFY).
    await answerWithin(t.http, doomed.auth, 401);
    await answerWithin(t.http, doomed.sandbox.auth, 401);

    // A worker that ran a few batches, then died; the app role still cannot delete proofs itself.
    const app = await appRoleClient();
    try {
      for (let batch = 0; batch < 3; batch++) expect((await app.query('SELECT * FROM app.erase_tenant_batch($1, 1)', [doomed.id])).rows[0].done).toBe(false);
      await expect(app.query(`DELETE FROM signature_events WHERE tenant_id = $1`, [doomed.id])).rejects.toThrow(/permission denied/);
      await expect(app.query('SELECT * FROM app.erase_tenant_batch($1, 10)', [neighbour.id])).rejects.toThrow(/no erasure was requested/);
    } finally {
      await app.end();
    }
    // The job, started again, finishes.
    await runTenantJobs(t, 'tenants.erase', doomed.id);

    const after = await rowCounts(owner, dataSpaces);
    expect(Object.entries(after).filter(([, count]) => count > 0)).toEqual([]);
    expect((await owner.query('SELECT count(*)::int AS n FROM tenants WHERE id = ANY ($1)', [dataSpaces])).rows[0].n).toBe(0);
    for (const space of dataSpaces) expect(existsSync(path.join(mediaRoot, space))).toBe(false);

    const tombstone = await internal('get', `/internal/tenants/${doomed.id}/erasure`).expect(200);
    expect(tombstone.body.status).toBe('COMPLETED');
    for (const [table, count] of Object.entries(before)) expect([table, tombstone.body.row_counts[table] ?? 0]).toEqual([table, count]);
    expect(tombstone.body.row_counts.tenants).toBe(2);

    expect(await rowCounts(owner, await spaces(neighbour))).toEqual(neighbourBefore);
    expect(existsSync(path.join(mediaRoot, neighbour.id))).toBe(true);
    await t.http.get('/api/owners').set(neighbour.auth).expect(200);
    await internal('get', `/internal/tenants/${doomed.id}`).expect(404);
  }, 60_000);

  it("ends the jobs still queued for an erased tenant (their ids find nothing) without error and without a row", async () => {
    // Runs after the erasure above: jobs that were waiting for the tenant when it went.
    const jobs = t.app.get(Jobs);
    const queued = {
      'notifications.deliver': { tenant_id: doomed.id, message_id: randomUuid() },
      'rent-calls.run': { tenant_id: doomed.id, run_id: randomUuid() },
      'webhooks.deliver': { tenant_id: doomed.id, delivery_id: randomUuid() },
      'tenants.export': { tenant_id: doomed.id, export_id: randomUuid() },
      'tenants.erase': { tenant_id: doomed.id },
    } as const;
    for (const [queue, data] of Object.entries(queued)) await jobs.enqueue(queue as keyof typeof queued, data as never);
    for (const queue of Object.keys(queued)) expect([queue, await runTenantJobs(t, queue as keyof typeof queued, doomed.id)]).toEqual([queue, 1]);
    const states = await owner.query<{ name: string; state: string }>(
      `SELECT name, state FROM pgboss.job WHERE name = ANY ($1) AND data->>'tenant_id' = $2 AND created_on > now() - interval '5 minutes' ORDER BY name`,
      [Object.keys(queued), doomed.id],
    );
    // Every job of the tenant in these queues (the earlier export and erasure included) completed:
    // none failed, none waits for a retry, none was sent again.
    expect([...new Set(states.rows.map((row) => row.name))]).toEqual(Object.keys(queued).sort());
    expect(states.rows.filter((row) => row.state !== 'completed')).toEqual([]);
    expect(Object.entries(await rowCounts(owner, await spaces(doomed))).filter(([, count]) => count > 0)).toEqual([]);
    expect((await owner.query('SELECT count(*)::int AS n FROM tenants WHERE id = $1 OR sandbox_of = $1', [doomed.id])).rows[0].n).toBe(0);
  });

  it('has no erasure for a tenant that was never erased', async () => {
    const other = await createTenant(t.http, 'Kept');
    await internal('get', `/internal/tenants/${other.id}/erasure`).expect(404);
  });
});
