import { Injectable, StreamableFile } from '@nestjs/common';
import { ConflictError, NotFoundError } from '../../core/errors/domain-errors.js';
import { Jobs } from '../../core/jobs/jobs.js';
import { ObjectStorage } from '../../core/storage/object-storage.js';
import { TenantContext } from '../../core/tenancy/tenant-context.js';
import { newId } from '../../database/ids.js';
import { TenantExport } from './tenant-export.entity.js';

/** Export jobs of the current (live) tenant: requested here, written by TenantExportWriter. */
@Injectable()
export class TenantExportsService {
  constructor(
    private readonly context: TenantContext,
    private readonly jobs: Jobs,
    private readonly storage: ObjectStorage,
  ) {}

  /** The row and its job in the request's transaction: both or neither. */
  async request(): Promise<TenantExport> {
    const tenantId = this.context.tenantId;
    const id = newId();
    await this.context.manager.getRepository(TenantExport).insert({ tenant_id: tenantId, id, status: 'PENDING', progress: 0 });
    await this.jobs.enqueue('tenants.export', { tenant_id: tenantId, export_id: id });
    return this.get(id);
  }

  async get(id: string): Promise<TenantExport> {
    const found = await this.context.manager.getRepository(TenantExport).findOneBy({ tenant_id: this.context.tenantId, id });
    if (!found) throw new NotFoundError('Export');
    return found;
  }

  /** Streams the archive; the transaction has ended before the first byte goes out. */
  async download(id: string): Promise<StreamableFile> {
    const found = await this.get(id);
    if (found.status === 'EXPIRED') throw new ConflictError('The export has expired and its archive was deleted: request a new one', { status: found.status });
    if (found.status !== 'SUCCEEDED' || !found.storage_key) throw new ConflictError('The export is not ready', { status: found.status });
    const stream = await this.storage.get(found.storage_key);
    return new StreamableFile(stream, {
      type: 'application/zip',
      length: found.size ?? undefined,
      disposition: `attachment; filename="faireplace-export-${found.id}.zip"`,
    });
  }
}
