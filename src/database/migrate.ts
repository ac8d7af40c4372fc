import { createMigrationDataSource } from './data-source.js';

const MIGRATION_LOCK = 7_461_001; // any constant: serialises concurrent migrators (two containers starting)

/** Applies pending migrations as the owner role, each in its own transaction. */
export async function runMigrations(ownerUrl: string): Promise<string[]> {
  const dataSource = await createMigrationDataSource(ownerUrl).initialize();
  try {
    await dataSource.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    await dataSource.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    return applied.map((migration) => migration.name);
  } finally {
    await dataSource.destroy();
  }
}
