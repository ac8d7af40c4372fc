import { Injectable } from '@nestjs/common';
import { NotFoundError } from '../errors/domain-errors.js';
import { TenantContext } from '../tenancy/tenant-context.js';

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

/**
 * Checks an id given in a request body (`owner_id`, `place_id`, ...) before writing: a missing
 * and a foreign id both answer "<Resource> not found" (RLS hides the foreign row). The row is
 * locked FOR KEY SHARE, as the composite foreign key would, so it cannot vanish before commit.
 */
@Injectable()
export class References {
  constructor(private readonly context: TenantContext) {}

  async require(table: string, id: string, resource: string): Promise<void> {
    if (!IDENTIFIER.test(table)) throw new Error(`Invalid table ${table}`);
    const rows: unknown[] = await this.context.manager.query(
      `SELECT 1 FROM ${table} WHERE tenant_id = $1 AND id = $2 FOR KEY SHARE`,
      [this.context.tenantId, id],
    );
    if (rows.length === 0) throw new NotFoundError(resource);
  }

  /** The same for a list of ids (photos of a report, …), in one query: one missing or foreign id is enough. */
  async requireAll(table: string, ids: readonly string[], resource: string): Promise<void> {
    if (!IDENTIFIER.test(table)) throw new Error(`Invalid table ${table}`);
    const distinct = [...new Set(ids)];
    if (distinct.length === 0) return;
    const rows: unknown[] = await this.context.manager.query(
      `SELECT 1 FROM ${table} WHERE tenant_id = $1 AND id = ANY($2::uuid[]) FOR KEY SHARE`,
      [this.context.tenantId, distinct],
    );
    if (rows.length !== distinct.length) throw new NotFoundError(resource);
  }
}
