import { Injectable } from '@nestjs/common';
import { ConflictError } from '../errors/domain-errors.js';
import { TenantContext } from '../tenancy/tenant-context.js';

/** A table whose rows point at a parent resource: `table.column` holds the parent's id. */
export interface DependantReference {
  resource: string;
  table: string;
  column: string;
  /** Extra SQL on `table`'s row when only some rows block (a code constant, never user input). */
  condition?: string;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

/**
 * "Delete → 409 while referenced": child modules register what points at a parent (places
 * register `places.owner_id` for owners), the parent's service asks before deleting. Composite
 * tenant FKs with RESTRICT remain the backstop if a child row appears concurrently.
 */
@Injectable()
export class Dependants {
  private readonly references = new Map<string, DependantReference[]>();

  constructor(private readonly context: TenantContext) {}

  register(parent: string, reference: DependantReference): void {
    if (!IDENTIFIER.test(reference.table) || !IDENTIFIER.test(reference.column)) {
      throw new Error(`Invalid dependant reference ${reference.table}.${reference.column}`);
    }
    this.references.set(parent, [...(this.references.get(parent) ?? []), reference]);
  }

  /** Counts per dependant resource, only the non-zero ones, in one query. */
  async count(parent: string, id: string): Promise<{ resource: string; count: number }[]> {
    const references = this.references.get(parent) ?? [];
    if (references.length === 0) return [];
    const sql = references
      .map(
        (reference, index) =>
          `SELECT ${index} AS ref, count(*)::int AS count FROM ${reference.table}
            WHERE tenant_id = $1 AND ${reference.column} = $2${reference.condition ? ` AND (${reference.condition})` : ''}`,
      )
      .join(' UNION ALL ');
    const rows: { ref: number; count: number }[] = await this.context.manager.query(sql, [this.context.tenantId, id]);
    return rows.filter((row) => row.count > 0).map((row) => ({ resource: references[row.ref].resource, count: row.count }));
  }

  async assertNone(parent: string, id: string, message: string): Promise<void> {
    const dependants = await this.count(parent, id);
    if (dependants.length > 0) throw new ConflictError(message, { dependants });
  }
}
