import pg from 'pg';
import { DataSource } from 'typeorm';
import { ENTITIES } from './entities.js';
import { MIGRATIONS } from './migrations.js';

// `date` columns stay 'YYYY-MM-DD' strings (no time-zone shifts); numeric(12,2) money becomes a
// JSON number (exact for 2 decimals well beyond 12 digits); bigint counts become numbers.
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value) => Number(value));
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

export interface DataSourceSettings {
  url: string;
  poolSize: number;
  applicationName?: string;
}

/** The app-role pool. `synchronize` stays off: the schema only changes through db/ migrations. */
export function createDataSource({ url, poolSize, applicationName = 'faireplace-api' }: DataSourceSettings): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    entities: ENTITIES,
    synchronize: false,
    migrationsRun: false,
    // Off: TypeORM would print failed queries with their parameters (key hashes, personal data).
    logging: false,
    applicationName,
    poolSize,
    extra: { max: poolSize, connectionTimeoutMillis: 5_000, idleTimeoutMillis: 30_000 },
  });
}

/** The owner-role connection that runs migrations (one connection: the advisory lock is per session). */
export function createMigrationDataSource(ownerUrl: string): DataSource {
  return new DataSource({
    type: 'postgres',
    url: ownerUrl,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    synchronize: false,
    logging: ['error', 'migration'],
    extra: { max: 1 },
  });
}
