import type { MigrationInterface, QueryRunner } from 'typeorm';
import { API_GROUP_ROLE } from '../sql.js';

/**
 * Export archives expire: a tenant's whole data (personal data included) must not lie in storage
 * for ever. A finished export gets `expires_at` (EXPORT_RETENTION_DAYS after it was written);
 * past it, the hourly `retention.purge` deletes the archive and marks the export EXPIRED (the row
 * stays: when, size and SHA-256 of what was handed out). The finder of data spaces with work for
 * the purge learns of expired exports, so its signature gains their cut-off.
 */
/** Data spaces with records to purge: the 4-cut-off finder of 1765699200000, plus (when `exports`) expired export archives. */
function finder(exports: boolean): string {
  const signature = exports ? 'timestamptz, timestamptz, timestamptz, timestamptz, integer' : 'timestamptz, timestamptz, timestamptz, integer';
  return `
      CREATE FUNCTION app.tenants_with_purgeable_records(
          p_idempotency_before timestamptz, p_outbox_before timestamptz, p_deliveries_before timestamptz,
          ${exports ? 'p_exports_before timestamptz, ' : ''}p_limit integer)
        RETURNS TABLE (tenant_id uuid)
        LANGUAGE sql STABLE SECURITY DEFINER
        SET search_path = pg_catalog, pg_temp
        AS $$
          SELECT t.id FROM public.tenants t
           WHERE EXISTS (SELECT 1 FROM public.idempotency_keys i WHERE i.tenant_id = t.id AND i.expires_at < p_idempotency_before)
              OR EXISTS (SELECT 1 FROM public.outbox_messages o WHERE o.tenant_id = t.id AND o.delivered_at < p_outbox_before)
              OR EXISTS (SELECT 1 FROM public.webhook_deliveries d
                          WHERE d.tenant_id = t.id AND d.status IN ('SUCCEEDED', 'FAILED') AND d.created_at < p_deliveries_before)
              ${exports ? `OR EXISTS (SELECT 1 FROM public.tenant_exports e
                          WHERE e.tenant_id = t.id AND e.status = 'SUCCEEDED' AND e.expires_at <= p_exports_before)` : ''}
           LIMIT p_limit
        $$;
      REVOKE ALL ON FUNCTION app.tenants_with_purgeable_records(${signature}) FROM PUBLIC;
      GRANT EXECUTE ON FUNCTION app.tenants_with_purgeable_records(${signature}) TO ${API_GROUP_ROLE};`;
}

const STATUSES = (expired: boolean) => `'PENDING', 'RUNNING', 'SUCCEEDED', 'FAILED'${expired ? ", 'EXPIRED'" : ''}`;

export class ExportExpiry1765872000000 implements MigrationInterface {
  name = 'ExportExpiry1765872000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE tenant_exports DROP CONSTRAINT tenant_exports_status_check;
      ALTER TABLE tenant_exports ADD CONSTRAINT tenant_exports_status_check CHECK (status IN (${STATUSES(true)}));
      ALTER TABLE tenant_exports ADD COLUMN expires_at timestamptz;
      -- Archives written before this migration: the default period from when they were written.
      UPDATE tenant_exports SET expires_at = completed_at + interval '7 days' WHERE status = 'SUCCEEDED';
      ALTER TABLE tenant_exports ADD CONSTRAINT tenant_exports_expiry_check
        CHECK (status NOT IN ('SUCCEEDED', 'EXPIRED') OR expires_at IS NOT NULL);
      CREATE INDEX tenant_exports_tenant_expiring_idx ON tenant_exports (tenant_id, expires_at) WHERE status = 'SUCCEEDED';

      DROP FUNCTION app.tenants_with_purgeable_records(timestamptz, timestamptz, timestamptz, integer);
      ${finder(true)}
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP FUNCTION app.tenants_with_purgeable_records(timestamptz, timestamptz, timestamptz, timestamptz, integer);
      ${finder(false)}

      DROP INDEX tenant_exports_tenant_expiring_idx;
      ALTER TABLE tenant_exports DROP CONSTRAINT tenant_exports_expiry_check;
      UPDATE tenant_exports SET status = 'FAILED', error = 'The archive expired' WHERE status = 'EXPIRED';
      ALTER TABLE tenant_exports DROP COLUMN expires_at;
      ALTER TABLE tenant_exports DROP CONSTRAINT tenant_exports_status_check;
      ALTER TABLE tenant_exports ADD CONSTRAINT tenant_exports_status_check CHECK (status IN (${STATUSES(false)}));
    `);
  }
}
