import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough, type Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { ZipArchive } from 'archiver';
import { ClsService } from 'nestjs-cls';
import { AppConfig } from '../../config/app-config.js';
import { NotFoundError } from '../../core/errors/domain-errors.js';
import { Jobs } from '../../core/jobs/jobs.js';
import { ObjectStorage, storageKey } from '../../core/storage/object-storage.js';
import { TenantContext } from '../../core/tenancy/tenant-context.js';
import { JobTransactions, TenantTransactions } from '../../core/tenancy/tenant-transactions.js';
import { TenantExport } from './tenant-export.entity.js';
import { quoteIdent, type TenantTable, tenantTables } from './tenant-tables.js';
import { plusDays } from '../../core/time/instants.js';

/** Rows fetched from a table's cursor at a time: what bounds the memory an export needs. */
const FETCH_ROWS = 500;

interface EntryStats {
  path: string;
  sha256: string;
  size: number;
}
interface SpaceManifest {
  tables: Record<string, EntryStats & { rows: number }>;
  files: (EntryStats & { table: string; id: string })[];
  missing_files: { table: string; id: string }[];
}
type Space = { name: 'live' | 'sandbox'; tenantId: string };

/**
 * The `tenants.export` job: one zip archive (archiver) of both data spaces of a tenant, streamed
 * to a temporary file and then to storage, never held in memory. Each data space is read in its
 * own tenant transaction (RLS): every tenant table from the catalogue as JSON lines, through a
 * cursor FETCH_ROWS rows at a time, then every stored file its rows point at (a storage_key
 * column), streamed from storage; manifest.json last, with per-table row counts and the SHA-256
 * of every entry. Progress is written in short transactions of the request pool as it goes.
 */
@Injectable()
export class TenantExportWriter implements OnModuleInit {
  private readonly logger = new Logger(TenantExportWriter.name);

  constructor(
    private readonly jobs: Jobs,
    private readonly jobTransactions: JobTransactions,
    private readonly transactions: TenantTransactions,
    private readonly context: TenantContext,
    private readonly storage: ObjectStorage,
    private readonly cls: ClsService,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.jobs.handle('tenants.export', ({ tenant_id: tenantId, export_id: exportId }) => this.write(tenantId, exportId));
  }

  async write(tenantId: string, exportId: string): Promise<void> {
    const started = await this.update(tenantId, exportId, { status: 'RUNNING', progress: 0, started_at: new Date(), error: null });
    if (!started) return; // the tenant (and its export) was erased meanwhile
    const file = path.join(tmpdir(), `faireplace-export-${exportId}.zip`);
    try {
      const { size, sha256 } = await this.writeArchive(tenantId, exportId, file);
      const key = storageKey(tenantId, 'exports', exportId);
      await this.storage.putFile(key, file, size, 'application/zip');
      const completedAt = new Date();
      const expiresAt = plusDays(completedAt, this.config.EXPORT_RETENTION_DAYS);
      await this.update(tenantId, exportId, { status: 'SUCCEEDED', progress: 100, size, sha256, storage_key: key, completed_at: completedAt, expires_at: expiresAt });
    } catch (error) {
      this.logger.error(`Export ${exportId} failed: ${(error as Error).message}`);
      await this.update(tenantId, exportId, { status: 'FAILED', error: 'The export could not be written; request a new one', completed_at: new Date() });
    } finally {
      await rm(file, { force: true });
    }
  }

  private async writeArchive(tenantId: string, exportId: string, file: string): Promise<{ size: number; sha256: string }> {
    const archive = new ZipArchive({ zlib: { level: 6 } });
    const archiveHash = createHash('sha256');
    const hashing = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        archiveHash.update(chunk);
        done(null, chunk);
      },
    });
    const written = pipeline(archive, hashing, createWriteStream(file));
    written.catch(() => undefined); // awaited below; an early failure must not go unhandled
    const entries = new ArchiveEntries(archive);

    const sandboxId = await this.sandboxOf(tenantId);
    const spaces: Space[] = [{ name: 'live', tenantId }, ...(sandboxId ? [{ name: 'sandbox' as const, tenantId: sandboxId }] : [])];
    const tables = await this.jobTransactions.run(tenantId, () => tenantTables(this.context.manager));
    const manifest: Record<string, unknown> & { data_spaces: Record<string, SpaceManifest> } = {
      format: 'faireplace-export/1',
      export_id: exportId,
      tenant_id: tenantId,
      created_at: new Date().toISOString(),
      data_spaces: {},
    };
    const steps = spaces.length * (tables.length + 1);
    let done = 0;
    try {
      for (const space of spaces) {
        const content: SpaceManifest = { tables: {}, files: [], missing_files: [] };
        manifest.data_spaces[space.name] = content;
        await this.jobTransactions.run(space.tenantId, async () => {
          for (const table of tables) {
            content.tables[table.name] = await this.appendTable(entries, `${space.name}/tables/${table.name}.jsonl`, table.name);
            await this.update(tenantId, exportId, { progress: Math.floor((++done * 100) / (steps + 1)) });
          }
          for (const table of tables.filter((candidate) => candidate.hasFiles)) await this.appendFiles(entries, space, table, content);
        });
        await this.update(tenantId, exportId, { progress: Math.floor((++done * 100) / (steps + 1)) });
      }
      await entries.append(Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`), 'manifest.json');
      await archive.finalize();
      await written;
    } catch (error) {
      archive.abort();
      throw error;
    }
    return { size: (await stat(file)).size, sha256: archiveHash.digest('hex') };
  }

  /** The table's rows of the current data space, one JSON object a line, through a cursor. */
  private async appendTable(entries: ArchiveEntries, name: string, table: string): Promise<EntryStats & { rows: number }> {
    const manager = this.context.manager;
    const lines = new PassThrough();
    const entry = entries.append(lines, name);
    let rows = 0;
    try {
      // The tenant filter is explicit as well as enforced by RLS (the cursor cannot take parameters).
      await manager.query(
        `DECLARE export_rows NO SCROLL CURSOR FOR SELECT row_to_json(t)::text AS line FROM public.${quoteIdent(table)} t WHERE t.tenant_id = (SELECT app.current_tenant_id())`,
      );
      for (;;) {
        const batch = (await manager.query(`FETCH ${FETCH_ROWS} FROM export_rows`)) as { line: string }[];
        if (batch.length === 0) break;
        rows += batch.length;
        if (!lines.write(`${batch.map((row) => row.line).join('\n')}\n`)) await new Promise((resolve) => lines.once('drain', resolve));
      }
      await manager.query('CLOSE export_rows');
    } finally {
      lines.end();
    }
    return { ...(await entry), rows };
  }

  /** Every stored file the table's rows point at (exports themselves excepted). */
  private async appendFiles(entries: ArchiveEntries, space: Space, table: TenantTable, content: SpaceManifest): Promise<void> {
    const manager = this.context.manager;
    await manager.query(
      `DECLARE export_files NO SCROLL CURSOR FOR SELECT id, storage_key FROM public.${quoteIdent(table.name)} t
        WHERE t.tenant_id = (SELECT app.current_tenant_id()) AND t.storage_key IS NOT NULL AND t.storage_key NOT LIKE '%/exports/%'`,
    );
    for (;;) {
      const batch = (await manager.query(`FETCH ${FETCH_ROWS} FROM export_files`)) as { id: string; storage_key: string }[];
      if (batch.length === 0) break;
      for (const row of batch) {
        let stream: Readable;
        try {
          stream = await this.storage.get(row.storage_key);
        } catch (error) {
          if (!(error instanceof NotFoundError)) throw error;
          content.missing_files.push({ table: table.name, id: row.id });
          continue;
        }
        const [, kind, id] = row.storage_key.split('/');
        content.files.push({ ...(await entries.append(stream, `${space.name}/files/${kind}/${id}`)), table: table.name, id: row.id });
      }
    }
    await manager.query('CLOSE export_files');
  }

  private async sandboxOf(tenantId: string): Promise<string | null> {
    const [row] = (await this.jobTransactions.run(tenantId, () => this.context.manager.query('SELECT app.sandbox_tenant_of($1) AS id', [tenantId]))) as { id: string | null }[];
    return row?.id ?? null;
  }

  /**
   * In a short transaction of its own on the request pool (visible at once to GET …/exports/{id}),
   * from a fresh context beside the data space's open one; false when the row is gone.
   */
  private update(tenantId: string, exportId: string, patch: Partial<TenantExport>): Promise<boolean> {
    return this.cls.run({ ifNested: 'override' }, () =>
      this.transactions.run(tenantId, async () => {
        const result = await this.context.manager.getRepository(TenantExport).update({ tenant_id: tenantId, id: exportId }, patch);
        return (result.affected ?? 0) > 0;
      }),
    );
  }
}

/**
 * archiver takes entries in order; this appends one at a time and resolves with the entry's
 * SHA-256 and size once the archive has consumed all of it.
 */
class ArchiveEntries {
  private failure?: Error;

  constructor(private readonly archive: ZipArchive) {
    archive.on('error', (error) => (this.failure = error));
    archive.on('warning', (error) => (this.failure = error));
  }

  append(source: Readable | Buffer, name: string): Promise<EntryStats> {
    if (this.failure) return Promise.reject(this.failure);
    const hash = createHash('sha256');
    let size = 0;
    const counted = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        hash.update(chunk);
        size += chunk.length;
        done(null, chunk);
      },
    });
    if (Buffer.isBuffer(source)) counted.end(source);
    else source.on('error', (error) => counted.destroy(error)).pipe(counted);
    return new Promise<EntryStats>((resolve, reject) => {
      const onEntry = (entry: { name: string }) => {
        if (entry.name !== name) return;
        this.archive.off('entry', onEntry).off('error', reject);
        resolve({ path: name, sha256: hash.digest('hex'), size });
      };
      this.archive.on('entry', onEntry).once('error', reject);
      counted.once('error', reject);
      this.archive.append(counted, { name });
    });
  }
}
