import type { MigrationInterface, QueryRunner } from 'typeorm';
import { enableTenantIsolation, grantToApi } from '../sql.js';

/**
 * The spine of tenant isolation: tenants, their users and API keys, the RLS helper function and
 * the one SECURITY DEFINER entry point used before a tenant is known (API-key lookup).
 */
export class Foundation1764230400000 implements MigrationInterface {
  name = 'Foundation1764230400000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE SCHEMA app;
      GRANT USAGE ON SCHEMA app TO faireplace_api;

      -- The tenant of the current transaction, or NULL when none is set. STABLE and wrapped in a
      -- sub-select by every policy, so Postgres evaluates it once per query, not once per row.
      -- NULL makes every policy false: no tenant set means no rows, never an error.
      CREATE FUNCTION app.current_tenant_id() RETURNS uuid
        LANGUAGE sql STABLE PARALLEL SAFE
        AS $$ SELECT NULLIF(current_setting('app.tenant_id', true), '')::uuid $$;
      GRANT EXECUTE ON FUNCTION app.current_tenant_id() TO faireplace_api;

      CREATE FUNCTION app.touch_updated_at() RETURNS trigger
        LANGUAGE plpgsql
        AS $$ BEGIN NEW.updated_at := now(); RETURN NEW; END $$;
    `);

    // tenants is the root: its own id is the tenant key, and it is isolated like every other table.
    await db.query(`
      CREATE TABLE tenants (
        id          uuid        PRIMARY KEY,
        name        text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        created_at  timestamptz NOT NULL DEFAULT now(),
        updated_at  timestamptz NOT NULL DEFAULT now()
      );
      ALTER TABLE tenants ENABLE ROW LEVEL SECURITY;
      ALTER TABLE tenants FORCE ROW LEVEL SECURITY;
      CREATE POLICY tenant_isolation ON tenants
        USING (id = (SELECT app.current_tenant_id()))
        WITH CHECK (id = (SELECT app.current_tenant_id()));
      CREATE TRIGGER touch_updated_at BEFORE UPDATE ON tenants
        FOR EACH ROW EXECUTE FUNCTION app.touch_updated_at();
    `);
    await grantToApi(db, 'tenants', 'SELECT, INSERT, UPDATE');

    await db.query(`
      CREATE TABLE users (
        tenant_id    uuid        NOT NULL REFERENCES tenants (id),
        id           uuid        NOT NULL,
        email        text        NOT NULL,
        display_name text        NOT NULL,
        permissions  text[]      NOT NULL DEFAULT '{}',
        disabled_at  timestamptz,
        created_at   timestamptz NOT NULL DEFAULT now(),
        updated_at   timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id)
      );
      CREATE UNIQUE INDEX users_tenant_email_key ON users (tenant_id, lower(email));
      CREATE INDEX users_tenant_created_idx ON users (tenant_id, created_at DESC, id DESC);
    `);
    await enableTenantIsolation(db, 'users');
    await grantToApi(db, 'users', 'SELECT, INSERT, UPDATE');

    await db.query(`
      CREATE TABLE api_keys (
        tenant_id    uuid        NOT NULL,
        id           uuid        NOT NULL,
        user_id      uuid        NOT NULL,
        name         text        NOT NULL,
        key_hash     bytea       NOT NULL CHECK (length(key_hash) = 32),
        prefix       text        NOT NULL,
        last4        text        NOT NULL,
        environment  text        NOT NULL CHECK (environment IN ('live', 'sandbox')),
        -- NULL: the key acts with all of its user's current permissions; else a subset of them.
        permissions  text[],
        expires_at   timestamptz,
        last_used_at timestamptz,
        revoked_at   timestamptz,
        created_at   timestamptz NOT NULL DEFAULT now(),
        updated_at   timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id),
        UNIQUE (tenant_id, key_hash)
      );
      CREATE INDEX api_keys_tenant_user_idx ON api_keys (tenant_id, user_id);
      CREATE INDEX api_keys_tenant_created_idx ON api_keys (tenant_id, created_at DESC, id DESC);
      -- The one index that does not lead with tenant_id, on purpose: a key is looked up before its
      -- tenant is known. Only app.authenticate_api_key() can use it (docs/scaling.md).
      CREATE INDEX api_keys_key_hash_idx ON api_keys (key_hash);
    `);
    await enableTenantIsolation(db, 'api_keys');
    await grantToApi(db, 'api_keys', 'SELECT, INSERT, UPDATE');

    // The API-key lookup. SECURITY DEFINER runs it as the owner role (BYPASSRLS), so it can find a
    // key of any tenant; it is narrow on purpose: one hash in, the acting identity of a live key out.
    await db.query(`
      CREATE FUNCTION app.authenticate_api_key(p_key_hash bytea)
        RETURNS TABLE (key_id uuid, tenant_id uuid, user_id uuid, environment text,
                       permissions text[], expires_at timestamptz)
        LANGUAGE sql STABLE SECURITY DEFINER
        SET search_path = pg_catalog, pg_temp
        AS $$
          SELECT k.id, k.tenant_id, k.user_id, k.environment,
                 CASE WHEN k.permissions IS NULL THEN u.permissions
                      ELSE ARRAY(SELECT unnest(k.permissions) INTERSECT SELECT unnest(u.permissions))
                 END,
                 k.expires_at
            FROM public.api_keys k
            JOIN public.users u ON u.tenant_id = k.tenant_id AND u.id = k.user_id
           WHERE k.key_hash = p_key_hash
             AND k.revoked_at IS NULL
             AND (k.expires_at IS NULL OR k.expires_at > now())
             AND u.disabled_at IS NULL
        $$;
      REVOKE ALL ON FUNCTION app.authenticate_api_key(bytea) FROM PUBLIC;
      GRANT EXECUTE ON FUNCTION app.authenticate_api_key(bytea) TO faireplace_api;

      -- Every instance caches verified keys briefly and LISTENs here: a revoked key, a changed
      -- user (disabled, permissions) is dropped from every cache as soon as the change commits.
      CREATE FUNCTION app.notify_auth_change() RETURNS trigger
        LANGUAGE plpgsql
        AS $$
        BEGIN
          PERFORM pg_notify('faireplace_auth',
                            json_build_object('kind', TG_ARGV[0], 'id', OLD.id)::text);
          RETURN NULL;
        END $$;
      CREATE TRIGGER notify_auth_change AFTER UPDATE OR DELETE ON api_keys
        FOR EACH ROW EXECUTE FUNCTION app.notify_auth_change('key');
      CREATE TRIGGER notify_auth_change AFTER UPDATE OR DELETE ON users
        FOR EACH ROW EXECUTE FUNCTION app.notify_auth_change('user');
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP TABLE api_keys;
      DROP TABLE users;
      DROP TABLE tenants;
      DROP SCHEMA app CASCADE;
    `);
  }
}
