import PgBoss from 'pg-boss';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { API_GROUP_ROLE } from '../sql.js';

/** The queues of this migration and their retry policy (later migrations add theirs). */
const QUEUES: Record<string, object> = {
  // pg-boss's own cron hand-off (its scheduler creates it if missing, which the app role cannot).
  '__pgboss__send-it': {},
  // One notification (an outbox row) to deliver by SMTP: retried with backoff for about a day.
  'notifications.deliver': { policy: 'standard', retryLimit: 12, retryDelay: 30, retryBackoff: true, expireInSeconds: 120 },
  // Sweeps across tenants, at most one running at a time, every minute.
  'notifications.redact-expired': { policy: 'singleton', retryLimit: 0, expireInSeconds: 300 },
  'signatures.expire-due': { policy: 'singleton', retryLimit: 0, expireInSeconds: 300 },
};

/**
 * The one background-job mechanism: pg-boss (PostgreSQL, SKIP LOCKED: safe with several
 * instances). Its schema is created here, by the owner role, never by the API at run time; the
 * app role gets DML only. Queues hold ids, never tenant data (the tables are not under RLS):
 * a job names its tenant and rows, and its handler reads them in that tenant's transaction.
 * pg-boss partitions jobs by queue: each queue's table is created here too.
 */
export class Jobs1764748800000 implements MigrationInterface {
  name = 'Jobs1764748800000';

  async up(db: QueryRunner): Promise<void> {
    // The plan brackets itself in BEGIN/COMMIT; the migration already runs in a transaction.
    const plan = PgBoss.getConstructionPlans('pgboss').replace(/^\s*BEGIN;/, '').replace(/COMMIT;\s*$/, '');
    await db.query(plan);
    for (const [name, options] of Object.entries(QUEUES)) {
      await db.query('SELECT pgboss.create_queue($1, $2)', [name, JSON.stringify(options)]);
    }
    await db.query(`
      GRANT USAGE ON SCHEMA pgboss TO ${API_GROUP_ROLE};
      GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA pgboss TO ${API_GROUP_ROLE};
      -- Queue tables made by later migrations (as this owner role) get the same grants.
      ALTER DEFAULT PRIVILEGES IN SCHEMA pgboss GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${API_GROUP_ROLE};
      -- create_queue/delete_queue create and drop tables: the app role may not call them.
      REVOKE ALL ON FUNCTION pgboss.create_queue(text, json), pgboss.delete_queue(text) FROM PUBLIC;
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP SCHEMA pgboss CASCADE');
  }
}
