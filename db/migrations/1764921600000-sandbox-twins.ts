import type { MigrationInterface, QueryRunner } from 'typeorm';
import { API_GROUP_ROLE } from '../sql.js';

/**
 * Every tenant gets a twin sandbox data space: its own tenant row (`sandbox_of` = the live one),
 * so sandbox and live data never meet, kept apart by the same RLS that separates tenants.
 * - Existing tenants get their twin here. Rows written by sandbox keys before this migration
 *   stay in the live data space (nothing records which key wrote a row).
 * - API keys and users stay in the live tenant; `app.authenticate_api_key` resolves a sandbox
 *   key to the twin, with the twin's own rate limit.
 * - Tenants are created only in pairs, through `app.create_tenant` (the app role loses INSERT on
 *   tenants: a lone tenant without a twin can no longer be made).
 */
export class SandboxTwins1764921600000 implements MigrationInterface {
  name = 'SandboxTwins1764921600000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE tenants ADD COLUMN sandbox_of uuid REFERENCES tenants (id);
      ALTER TABLE tenants ADD CONSTRAINT tenants_one_sandbox UNIQUE (sandbox_of);

      INSERT INTO tenants (id, name, sandbox_of)
      SELECT gen_random_uuid(), live.name, live.id FROM tenants live
       WHERE live.sandbox_of IS NULL
         AND NOT EXISTS (SELECT 1 FROM tenants twin WHERE twin.sandbox_of = live.id);

      REVOKE INSERT ON tenants FROM ${API_GROUP_ROLE};

      -- A tenant and its twin, together. Called inside the new tenant's own transaction.
      CREATE FUNCTION app.create_tenant(p_id uuid, p_sandbox_id uuid, p_name text) RETURNS void
        LANGUAGE sql VOLATILE SECURITY DEFINER
        SET search_path = pg_catalog, pg_temp
        AS $$
          INSERT INTO public.tenants (id, name) VALUES (p_id, p_name);
          INSERT INTO public.tenants (id, name, sandbox_of) VALUES (p_sandbox_id, p_name, p_id);
        $$;
      REVOKE ALL ON FUNCTION app.create_tenant(uuid, uuid, text) FROM PUBLIC;
      GRANT EXECUTE ON FUNCTION app.create_tenant(uuid, uuid, text) TO ${API_GROUP_ROLE};

      -- The twin of a live tenant, for internal routes called with ?environment=sandbox.
      CREATE FUNCTION app.sandbox_tenant_of(p_live uuid) RETURNS uuid
        LANGUAGE sql STABLE SECURITY DEFINER
        SET search_path = pg_catalog, pg_temp
        AS $$ SELECT id FROM public.tenants WHERE sandbox_of = p_live $$;
      REVOKE ALL ON FUNCTION app.sandbox_tenant_of(uuid) FROM PUBLIC;
      GRANT EXECUTE ON FUNCTION app.sandbox_tenant_of(uuid) TO ${API_GROUP_ROLE};

      -- The key lookup now answers the data space a key acts in: the twin for a sandbox key.
      -- key_tenant_id is where the key itself lives (its usage is recorded there).
      DROP FUNCTION app.authenticate_api_key(bytea);
      CREATE FUNCTION app.authenticate_api_key(p_key_hash bytea)
        RETURNS TABLE (key_id uuid, key_tenant_id uuid, tenant_id uuid, user_id uuid, environment text,
                       permissions text[], expires_at timestamptz, rate_limit_per_hour integer)
        LANGUAGE sql STABLE SECURITY DEFINER
        SET search_path = pg_catalog, pg_temp
        AS $$
          SELECT k.id, k.tenant_id, space.id, k.user_id, k.environment,
                 CASE WHEN k.permissions IS NULL THEN u.permissions
                      ELSE ARRAY(SELECT unnest(k.permissions) INTERSECT SELECT unnest(u.permissions))
                 END,
                 k.expires_at,
                 space.rate_limit_per_hour
            FROM public.api_keys k
            JOIN public.users u ON u.tenant_id = k.tenant_id AND u.id = k.user_id
            JOIN public.tenants space
              ON CASE WHEN k.environment = 'sandbox' THEN space.sandbox_of = k.tenant_id ELSE space.id = k.tenant_id END
           WHERE k.key_hash = p_key_hash
             AND k.revoked_at IS NULL
             AND (k.expires_at IS NULL OR k.expires_at > now())
             AND u.disabled_at IS NULL
        $$;
      REVOKE ALL ON FUNCTION app.authenticate_api_key(bytea) FROM PUBLIC;
      GRANT EXECUTE ON FUNCTION app.authenticate_api_key(bytea) TO ${API_GROUP_ROLE};
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP FUNCTION app.sandbox_tenant_of(uuid);
      DROP FUNCTION app.create_tenant(uuid, uuid, text);
      GRANT INSERT ON tenants TO ${API_GROUP_ROLE};
      DELETE FROM tenants WHERE sandbox_of IS NOT NULL;
      ALTER TABLE tenants DROP COLUMN sandbox_of;
    `);
    // (authenticate_api_key keeps its new shape; the previous migration's version is restored by re-running it)
  }
}
