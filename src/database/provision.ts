import pg from 'pg';
import { API_GROUP_ROLE } from '../../db/sql.js';

export interface DatabaseUrls {
  /** A superuser (or CREATEROLE + CREATEDB) connection to any existing database. */
  adminUrl: string;
  /** Owner role: owns the database and tables, runs migrations. */
  ownerUrl: string;
  /** App role: what the API connects as. */
  appUrl: string;
}

function credentials(url: string) {
  const parsed = new URL(url);
  return {
    user: decodeURIComponent(parsed.username),
    password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
    database: decodeURIComponent(parsed.pathname.replace(/^\//, '')),
  };
}

/**
 * `npm run db:setup`: creates (or repairs) the roles and the database, idempotently.
 * - faireplace_api: NOLOGIN group holding the DML grants the migrations give;
 * - owner: LOGIN, owns the database, schema and tables, BYPASSRLS so the SECURITY DEFINER key
 *   lookup it owns can find a key before the tenant is known;
 * - app: LOGIN, NOSUPERUSER, NOBYPASSRLS, member of faireplace_api, owns nothing.
 */
export async function provisionDatabase({ adminUrl, ownerUrl, appUrl }: DatabaseUrls): Promise<void> {
  const owner = credentials(ownerUrl);
  const app = credentials(appUrl);
  if (owner.database !== app.database) throw new Error('DATABASE_URL and DATABASE_OWNER_URL must name the same database');
  if (owner.user === app.user) throw new Error('The app role and the owner role must be different roles');

  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const id = (name: string) => admin.escapeIdentifier(name);
    const ensureRole = async (name: string, attributes: string, password?: string) => {
      const exists = await admin.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [name]);
      const verb = exists.rowCount ? 'ALTER' : 'CREATE';
      const secret = password ? ` PASSWORD ${admin.escapeLiteral(password)}` : '';
      try {
        await admin.query(`${verb} ROLE ${id(name)} WITH ${attributes}${secret}`);
      } catch (error) {
        // Two setups racing on a fresh cluster: the other one created it first.
        if ((error as { code?: string }).code !== '42710') throw error;
        await admin.query(`ALTER ROLE ${id(name)} WITH ${attributes}${secret}`);
      }
    };
    await ensureRole(API_GROUP_ROLE, 'NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE');
    await ensureRole(owner.user, 'LOGIN NOSUPERUSER BYPASSRLS NOCREATEDB NOCREATEROLE', owner.password);
    await ensureRole(app.user, 'LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE INHERIT', app.password);
    await admin.query(`GRANT ${id(API_GROUP_ROLE)} TO ${id(app.user)}`);

    const database = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [owner.database]);
    if (!database.rowCount) await admin.query(`CREATE DATABASE ${id(owner.database)} OWNER ${id(owner.user)}`);
  } finally {
    await admin.end();
  }

  const adminOnDatabase = new URL(adminUrl);
  adminOnDatabase.pathname = `/${encodeURIComponent(owner.database)}`;
  const scoped = new pg.Client({ connectionString: adminOnDatabase.toString() });
  await scoped.connect();
  try {
    const id = (name: string) => scoped.escapeIdentifier(name);
    await scoped.query(`
      REVOKE ALL ON DATABASE ${id(owner.database)} FROM PUBLIC;
      GRANT CONNECT, TEMPORARY ON DATABASE ${id(owner.database)} TO ${id(owner.user)}, ${id(app.user)};
      ALTER DATABASE ${id(owner.database)} OWNER TO ${id(owner.user)};
      ALTER SCHEMA public OWNER TO ${id(owner.user)};
      REVOKE ALL ON SCHEMA public FROM PUBLIC;
      GRANT USAGE ON SCHEMA public TO ${id(API_GROUP_ROLE)};
    `);
  } finally {
    await scoped.end();
  }
}
