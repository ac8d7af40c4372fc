/** Runs one SQL statement and returns its rows (a DataSource, a pg client, a test transaction). */
export type RunSql = (sql: string) => Promise<Record<string, unknown>[]>;

/**
 * SPEC section 8: refuse to serve if isolation could silently not apply: the connected role is a
 * superuser, can bypass RLS, or owns a tenant table, or a tenant table lacks ENABLE + FORCE RLS.
 * Returns the problems; empty means safe.
 */
export async function isolationProblems(query: RunSql): Promise<string[]> {
  const problems: string[] = [];
  const [role] = await query(
    `SELECT current_user AS name, rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user`,
  );
  if (role.rolsuper) problems.push(`role "${role.name}" is a superuser`);
  if (role.rolbypassrls) problems.push(`role "${role.name}" has BYPASSRLS`);

  const tables = (await query(`
    SELECT c.relname AS name, c.relrowsecurity AS rls, c.relforcerowsecurity AS forced,
           pg_has_role(current_user, c.relowner, 'USAGE') AS owned
      FROM pg_class c
      JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
       AND (c.relname = 'tenants'
            OR EXISTS (SELECT 1 FROM pg_attribute a
                        WHERE a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped))`)) as {
    name: string;
    rls: boolean;
    forced: boolean;
    owned: boolean;
  }[];
  if (tables.length === 0) problems.push('no tenant tables found: run the migrations (npm run db:migrate)');
  for (const table of tables) {
    if (!table.rls || !table.forced) problems.push(`table "${table.name}" lacks ENABLE + FORCE ROW LEVEL SECURITY`);
    if (table.owned) problems.push(`role "${role.name}" owns table "${table.name}" (the app role must not be the owner)`);
  }
  return problems;
}
