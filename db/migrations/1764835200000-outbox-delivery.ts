import type { MigrationInterface, QueryRunner } from 'typeorm';
import { API_GROUP_ROLE, grantToApi } from '../sql.js';

/**
 * The outbox becomes a delivery queue (SPEC section 7): with SMTP a job delivers each message after
 * the transaction that wrote it commits; without SMTP the dashboard backend reads and delivers.
 * Either way a one-time code must not stay readable: `redacted_body` (the body with its codes
 * masked) replaces `body` once the message is delivered or its code has expired.
 */
export class OutboxDelivery1764835200000 implements MigrationInterface {
  name = 'OutboxDelivery1764835200000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE outbox_messages
        ADD COLUMN delivery        text        NOT NULL DEFAULT 'dashboard' CHECK (delivery IN ('smtp', 'dashboard')),
        ADD COLUMN redacted_body   text,
        ADD COLUMN code_expires_at timestamptz,
        ADD COLUMN delivered_at    timestamptz,
        ADD COLUMN redacted_at     timestamptz,
        ADD COLUMN attempts        integer     NOT NULL DEFAULT 0,
        ADD COLUMN last_error      text;

      -- Messages kept so far are all signature codes, long expired: mask them now.
      UPDATE outbox_messages
         SET body = regexp_replace(body, '[0-9]{6}', '••••••', 'g'), redacted_at = now(), delivered_at = created_at;

      -- Finds codes to mask: the sweep reads it before knowing the tenants (ids only).
      CREATE INDEX outbox_messages_codes_to_redact_idx ON outbox_messages (code_expires_at)
        WHERE redacted_at IS NULL AND redacted_body IS NOT NULL;
      CREATE FUNCTION app.outbox_codes_to_redact(p_limit integer)
        RETURNS TABLE (tenant_id uuid, message_id uuid)
        LANGUAGE sql STABLE SECURITY DEFINER
        SET search_path = pg_catalog, pg_temp
        AS $$
          SELECT m.tenant_id, m.id FROM public.outbox_messages m
           WHERE m.redacted_at IS NULL AND m.redacted_body IS NOT NULL AND m.code_expires_at <= now()
           ORDER BY m.code_expires_at
           LIMIT p_limit
        $$;
      REVOKE ALL ON FUNCTION app.outbox_codes_to_redact(integer) FROM PUBLIC;
      GRANT EXECUTE ON FUNCTION app.outbox_codes_to_redact(integer) TO ${API_GROUP_ROLE};
    `);
    await grantToApi(db, 'outbox_messages', 'UPDATE');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP FUNCTION app.outbox_codes_to_redact(integer);
      ALTER TABLE outbox_messages DROP COLUMN delivery, DROP COLUMN redacted_body, DROP COLUMN code_expires_at,
        DROP COLUMN delivered_at, DROP COLUMN redacted_at, DROP COLUMN attempts, DROP COLUMN last_error;
    `);
  }
}
