import type { DataSource, EntityManager } from 'typeorm';

export interface TenantTable {
  name: string;
  /** The table has a storage_key column: its rows point at stored files. */
  hasFiles: boolean;
}

/**
 * Every tenant table, from the catalogue (a tenant_id column, through app.tenant_tables_children_first()),
 * so a table added by a later migration is exported and erased without a code change.
 */
export async function tenantTables(db: DataSource | EntityManager): Promise<TenantTable[]> {
  const rows = (await db.query(`
    SELECT t.table_name AS name,
           EXISTS (SELECT 1 FROM information_schema.columns c
                    WHERE c.table_schema = 'public' AND c.table_name = t.table_name AND c.column_name = 'storage_key') AS "hasFiles"
      FROM app.tenant_tables_children_first() t
     ORDER BY t.table_name`)) as TenantTable[];
  return rows;
}

/** A catalogue name as an SQL identifier. */
export const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;
