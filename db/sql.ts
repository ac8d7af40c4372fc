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

/**
 * New permissions join the catalogue (SPEC section 3): granted, as the owner role (every tenant's
 * users), to each user who held the whole catalogue before them (a tenant's administrators), and
 * to nobody else; keys narrowed to a list at creation keep their list. Added once.
 */
export async function grantToFullCatalogueHolders(db: QueryRunner, catalogueBefore: readonly string[], added: readonly string[]): Promise<void> {
  await db.query(
    `UPDATE users
        SET permissions = permissions || ARRAY(SELECT p FROM unnest($2::text[]) AS p WHERE p <> ALL (permissions))
      WHERE permissions @> $1::text[]
        AND NOT permissions @> $2::text[]`,
    [catalogueBefore, added],
  );
}

/** The way back: the permissions leave every user and key that holds them. */
export async function withdrawPermissions(db: QueryRunner, removed: readonly string[]): Promise<void> {
  for (const table of ['users', 'api_keys']) {
    await db.query(
      `UPDATE ${table} SET permissions = ARRAY(SELECT kept FROM unnest(permissions) AS kept WHERE kept <> ALL ($1::text[]))
        WHERE permissions && $1::text[]`,
      [removed],
    );
  }
}
