import type { MigrationInterface, QueryRunner } from 'typeorm';
import { API_GROUP_ROLE, enableTenantIsolation, grantToApi } from '../sql.js';

/**
 * Running many tenants: a per-tenant rate limit (NULL: the configured default), idempotency
 * records for POST retries, and the key lookup extended to return the tenant's limit (so the
 * rate limiter needs no query of its own).
 */
export class Operations1764662400000 implements MigrationInterface {
  name = 'Operations1764662400000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE tenants ADD COLUMN rate_limit_per_hour integer CHECK (rate_limit_per_hour > 0);

      DROP FUNCTION app.authenticate_api_key(bytea);
      CREATE FUNCTION app.authenticate_api_key(p_key_hash bytea)
        RETURNS TABLE (key_id uuid, tenant_id uuid, user_id uuid, environment text,
                       permissions text[], expires_at timestamptz, rate_limit_per_hour integer)
        LANGUAGE sql STABLE SECURITY DEFINER
        SET search_path = pg_catalog, pg_temp
        AS $$
          SELECT k.id, k.tenant_id, k.user_id, k.environment,
                 CASE WHEN k.permissions IS NULL THEN u.permissions
                      ELSE ARRAY(SELECT unnest(k.permissions) INTERSECT SELECT unnest(u.permissions))
                 END,
                 k.expires_at,
                 t.rate_limit_per_hour
            FROM public.api_keys k
            JOIN public.users u ON u.tenant_id = k.tenant_id AND u.id = k.user_id
            JOIN public.tenants t ON t.id = k.tenant_id
           WHERE k.key_hash = p_key_hash
             AND k.revoked_at IS NULL
             AND (k.expires_at IS NULL OR k.expires_at > now())
             AND u.disabled_at IS NULL
        $$;
      REVOKE ALL ON FUNCTION app.authenticate_api_key(bytea) FROM PUBLIC;
      GRANT EXECUTE ON FUNCTION app.authenticate_api_key(bytea) TO ${API_GROUP_ROLE};

      -- A tenant's limit changes what every cached key of it may do: drop them everywhere.
      CREATE TRIGGER notify_auth_change AFTER UPDATE OF rate_limit_per_hour ON tenants
        FOR EACH ROW EXECUTE FUNCTION app.notify_auth_change('tenant');

      -- Only changes of access invalidate caches: recording last_used_at must not.
      DROP TRIGGER notify_auth_change ON api_keys;
      CREATE TRIGGER notify_auth_change AFTER UPDATE OF user_id, key_hash, permissions, expires_at, revoked_at OR DELETE ON api_keys
        FOR EACH ROW EXECUTE FUNCTION app.notify_auth_change('key');
      DROP TRIGGER notify_auth_change ON users;
      CREATE TRIGGER notify_auth_change AFTER UPDATE OF permissions, disabled_at OR DELETE ON users
        FOR EACH ROW EXECUTE FUNCTION app.notify_auth_change('user');

      -- The first response to each Idempotency-Key, replayed for 24 hours.
      CREATE TABLE idempotency_keys (
        tenant_id       uuid        NOT NULL REFERENCES tenants (id),
        key             text        NOT NULL CHECK (length(key) BETWEEN 1 AND 255),
        request_hash    text        NOT NULL,
        state           text        NOT NULL CHECK (state IN ('in_progress', 'done')),
        response_status integer,
        response_body   jsonb,
        location        text,
        expires_at      timestamptz NOT NULL,
        created_at      timestamptz NOT NULL DEFAULT now(),
        updated_at      timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, key)
      );
      CREATE INDEX idempotency_keys_tenant_expires_idx ON idempotency_keys (tenant_id, expires_at);
    `);
    await enableTenantIsolation(db, 'idempotency_keys');
    await grantToApi(db, 'idempotency_keys');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE idempotency_keys; DROP TRIGGER notify_auth_change ON tenants; ALTER TABLE tenants DROP COLUMN rate_limit_per_hour;`);
    // (the narrowed auth triggers stay: they are strictly more precise)
  }
}
