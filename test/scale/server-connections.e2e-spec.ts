import pg from 'pg';

/**
 * Run by `npm run test:scale` after the isolation and pool-safety suites went through PgBouncer
 * (SCALE_PGBOUNCER_URL, app role): the remote counterpart of pool-safety's last check. PgBouncer
 * hands its few server connections to whichever client comes next, so none may keep anything of
 * a request: no tenant, no LISTEN, no prepared statement, no advisory lock, no session setting.
 * Skipped outside that run (plain `npm test`).
 */
const BOUNCER_URL = process.env.SCALE_PGBOUNCER_URL;
const SERVER_POOL_SIZE = Number(process.env.SCALE_SERVER_POOL_SIZE ?? 4);
const describeScaled = BOUNCER_URL ? describe : describe.skip;

/** What PgBouncer itself sets on a server connection to match its client (its tracked parameters). */
const BOUNCER_TRACKED = ['client_encoding', 'datestyle', 'timezone', 'standard_conforming_strings', 'application_name'];

describeScaled('PgBouncer server connections after the suites', () => {
  it(`hands back all ${SERVER_POOL_SIZE} server connections with no session state`, async () => {
    const clients = Array.from({ length: SERVER_POOL_SIZE }, () => new pg.Client({ connectionString: BOUNCER_URL }));
    await Promise.all(clients.map((client) => client.connect()));
    try {
      // In transaction mode a client keeps its server connection while its transaction is open, so
      // SERVER_POOL_SIZE open transactions hold every server connection of the pool at once.
      await Promise.all(clients.map((client) => client.query('BEGIN')));
      const states = await Promise.all(
        clients.map(async (client) => {
          const { rows } = await client.query(`
            SELECT pg_backend_pid() AS pid,
                   current_setting('app.tenant_id', true) AS tenant,
                   (SELECT count(*)::int FROM pg_listening_channels()) AS listening,
                   (SELECT count(*)::int FROM pg_prepared_statements) AS prepared,
                   (SELECT count(*)::int FROM pg_locks WHERE pid = pg_backend_pid() AND locktype = 'advisory') AS advisory_locks,
                   (SELECT count(*)::int FROM pg_cursors WHERE name <> '') AS cursors, -- '': this very query's portal
                   pg_my_temp_schema() <> 0 AS temp_schema,
                   (SELECT coalesce(array_agg(name ORDER BY name), '{}') FROM pg_settings
                     WHERE source = 'session' AND NOT (lower(name) = ANY($1))) AS session_settings`,
            [BOUNCER_TRACKED],
          );
          return rows[0];
        }),
      );
      expect(new Set(states.map((state) => state.pid)).size).toBe(SERVER_POOL_SIZE);
      for (const { pid: _pid, tenant, ...rest } of states) {
        expect([null, '']).toContain(tenant);
        expect(rest).toEqual({ listening: 0, prepared: 0, advisory_locks: 0, cursors: 0, temp_schema: false, session_settings: [] });
      }
    } finally {
      await Promise.all(clients.map((client) => client.query('ROLLBACK').catch(() => undefined)));
      await Promise.all(clients.map((client) => client.end()));
    }
  });
});
