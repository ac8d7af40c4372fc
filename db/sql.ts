import type { QueryRunner } from 'typeorm';

/** The NOLOGIN role holding the API's grants; the app's login role is a member (db:setup). */
export const API_GROUP_ROLE = 'faireplace_api';

/**
 * Row-level security for a tenant-owned table (SPEC section 8): ENABLE + FORCE, so even the table
 * owner is filtered, one policy for reads and writes, and `updated_at` kept by the database.
 */
export async function enableTenantIsolation(db: QueryRunner, table: string): Promise<void> {
  await db.query(`
    ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY;
    ALTER TABLE ${table} FORCE ROW LEVEL SECURITY;
    CREATE POLICY tenant_isolation ON ${table}
      USING (tenant_id = (SELECT app.current_tenant_id()))
      WITH CHECK (tenant_id = (SELECT app.current_tenant_id()));
    CREATE TRIGGER touch_updated_at BEFORE UPDATE ON ${table}
      FOR EACH ROW EXECUTE FUNCTION app.touch_updated_at();
  `);
}

/** DML only, never DDL or TRUNCATE: the app role cannot change the schema it is confined by. */
export async function grantToApi(
  db: QueryRunner,
  table: string,
  privileges = 'SELECT, INSERT, UPDATE, DELETE',
): Promise<void> {
  await db.query(`GRANT ${privileges} ON ${table} TO ${API_GROUP_ROLE}`);
}
