import type { MigrationInterface, QueryRunner } from 'typeorm';
import { API_GROUP_ROLE, enableTenantIsolation, grantToApi } from '../sql.js';

/** The queues of this migration and their retry policy. */
const QUEUES: Record<string, object> = {
  // One export archive: retried twice (a crash mid-way starts the archive again from the start).
  'tenants.export': { policy: 'standard', retryLimit: 2, retryDelay: 30, expireInSeconds: 3600 },
  // One tenant's erasure, in batches: a retry (crash, expiry) resumes where the database says it stopped.
  'tenants.erase': { policy: 'standard', retryLimit: 20, retryDelay: 10, retryBackoff: true, expireInSeconds: 1800 },
  // The retention sweep across tenants, one at a time.
  'retention.purge': { policy: 'singleton', retryLimit: 0, expireInSeconds: 1800 },
};

/**
 * Tenant data (issue 15): export archives, tenant erasure, lessee anonymisation, retention.
 * - tenant_exports: a tenant table (RLS), one row per export job: status, progress, size.
 * - tenant_erasures: the tombstone of an erased tenant. NOT a tenant table (no tenant_id column,
 *   so neither RLS nor the erasure touches it), and the app role has no grant on it: it is read
 *   and written only through the SECURITY DEFINER functions below (SPEC section 7).
 * - app.erase_tenant_batch(): the one function that deletes a tenant's rows, in small batches
 *   (each call a short transaction holding row locks only), children first in foreign-key order
 *   computed from pg_catalog, so a table added later is erased without a code change.
 * - lessees.erased_at: when a lessee was anonymised.
 * - outbox_messages: the app role may delete delivered messages only (a restrictive policy), for
 *   the retention purge; the finder of data spaces with records past their retention.
 */
export class TenantData1765699200000 implements MigrationInterface {
  name = 'TenantData1765699200000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE tenant_exports (
        tenant_id    uuid        NOT NULL REFERENCES tenants (id),
        id           uuid        NOT NULL,
        status       text        NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'RUNNING', 'SUCCEEDED', 'FAILED')),
        -- Percent of the tables and files written so far.
        progress     integer     NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
        -- The archive's size in bytes and SHA-256, once written.
        size         bigint      CHECK (size >= 0),
        sha256       text        CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        storage_key  text,
        error        text        CHECK (length(error) <= 500),
        started_at   timestamptz,
        completed_at timestamptz,
        created_at   timestamptz NOT NULL DEFAULT now(),
        updated_at   timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        CHECK ((status = 'SUCCEEDED') = (storage_key IS NOT NULL AND size IS NOT NULL))
      );
      CREATE INDEX tenant_exports_tenant_created_idx ON tenant_exports (tenant_id, created_at DESC, id DESC);

      -- Tombstone: which tenant was erased, when, and how many rows of each table went.
      CREATE TABLE tenant_erasures (
        erased_tenant_id uuid        PRIMARY KEY,
        -- The live tenant first, then its sandbox twin(s): fixed when the erasure is requested.
        data_spaces      uuid[]      NOT NULL,
        requested_at     timestamptz NOT NULL DEFAULT now(),
        files_removed_at timestamptz,
        completed_at     timestamptz,
        -- {"table": rows deleted}, summed over the batches.
        row_counts       jsonb       NOT NULL DEFAULT '{}'::jsonb
      );
      REVOKE ALL ON tenant_erasures FROM PUBLIC;

      ALTER TABLE lessees ADD COLUMN erased_at timestamptz;

      -- Retention: finished records found per tenant through small partial indexes.
      CREATE INDEX outbox_messages_tenant_delivered_idx ON outbox_messages (tenant_id, delivered_at)
        WHERE delivered_at IS NOT NULL;
      CREATE INDEX webhook_deliveries_tenant_finished_idx ON webhook_deliveries (tenant_id, created_at)
        WHERE status IN ('SUCCEEDED', 'FAILED');
      -- The app role may delete an outbox message once delivered, never one still to send.
      CREATE POLICY delete_delivered_only ON outbox_messages AS RESTRICTIVE FOR DELETE
        USING (delivered_at IS NOT NULL);
    `);
    await enableTenantIsolation(db, 'tenant_exports');
    await grantToApi(db, 'tenant_exports', 'SELECT, INSERT, UPDATE');
    await grantToApi(db, 'outbox_messages', 'DELETE');

    await db.query(`
      -- Every tenant table (a tenant_id column; partitions through their parent), children before
      -- parents: level = the longest chain of foreign keys above the table, deleted deepest first.
      CREATE FUNCTION app.tenant_tables_children_first()
        RETURNS TABLE (table_name text, level integer)
        LANGUAGE sql STABLE SECURITY DEFINER
        SET search_path = pg_catalog, pg_temp
        AS $$
          WITH RECURSIVE tenant_tables AS (
            SELECT c.oid, c.relname::text AS name
              FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition
               AND EXISTS (SELECT 1 FROM pg_attribute a
                            WHERE a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped)
          ), edges AS (
            SELECT DISTINCT f.conrelid AS child, f.confrelid AS parent
              FROM pg_constraint f
             WHERE f.contype = 'f' AND f.conrelid <> f.confrelid
               AND f.conrelid IN (SELECT oid FROM tenant_tables) AND f.confrelid IN (SELECT oid FROM tenant_tables)
          ), levels AS (
            SELECT oid, 0 AS level, ARRAY[oid] AS path FROM tenant_tables
            UNION ALL
            SELECT e.child, l.level + 1, l.path || e.child
              FROM levels l JOIN edges e ON e.parent = l.oid
             WHERE NOT e.child = ANY (l.path)
          )
          SELECT t.name, max(l.level)::integer
            FROM tenant_tables t JOIN levels l ON l.oid = t.oid
           GROUP BY t.name
           ORDER BY max(l.level) DESC, t.name
        $$;
      REVOKE ALL ON FUNCTION app.tenant_tables_children_first() FROM PUBLIC;
      GRANT EXECUTE ON FUNCTION app.tenant_tables_children_first() TO ${API_GROUP_ROLE};

      -- Records the erasure of the live tenant p_tenant (and its sandbox twins), from inside that
      -- tenant's own transaction only, and removes its API keys at once (their delete notifies
      -- every instance: the keys stop working within a second). Idempotent.
      CREATE FUNCTION app.request_tenant_erasure(p_tenant uuid)
        RETURNS TABLE (requested_at timestamptz, completed_at timestamptz)
        LANGUAGE plpgsql SECURITY DEFINER
        SET search_path = pg_catalog, pg_temp
        AS $$
        DECLARE
          v_spaces uuid[];
          v_keys integer;
        BEGIN
          IF p_tenant IS DISTINCT FROM app.current_tenant_id() THEN
            RAISE EXCEPTION 'a tenant''s erasure is requested in its own transaction' USING ERRCODE = '42501';
          END IF;
          SELECT array_agg(t.id ORDER BY t.sandbox_of NULLS FIRST, t.id) INTO v_spaces
            FROM public.tenants t WHERE t.id = p_tenant OR t.sandbox_of = p_tenant;
          IF v_spaces IS NOT NULL AND v_spaces[1] = p_tenant THEN
            INSERT INTO public.tenant_erasures (erased_tenant_id, data_spaces) VALUES (p_tenant, v_spaces)
              ON CONFLICT (erased_tenant_id) DO NOTHING;
            DELETE FROM public.api_keys WHERE tenant_id = ANY (v_spaces);
            GET DIAGNOSTICS v_keys = ROW_COUNT;
            UPDATE public.tenant_erasures e
               SET row_counts = jsonb_set(e.row_counts, '{api_keys}', to_jsonb(COALESCE((e.row_counts ->> 'api_keys')::bigint, 0) + v_keys))
             WHERE e.erased_tenant_id = p_tenant;
          END IF;
          RETURN QUERY SELECT e.requested_at, e.completed_at FROM public.tenant_erasures e WHERE e.erased_tenant_id = p_tenant;
        END
        $$;
      REVOKE ALL ON FUNCTION app.request_tenant_erasure(uuid) FROM PUBLIC;
      GRANT EXECUTE ON FUNCTION app.request_tenant_erasure(uuid) TO ${API_GROUP_ROLE};

      -- One batch of a requested erasure: deletes up to p_batch rows of the first tenant table (in
      -- app.tenant_tables_children_first() order) still holding rows of the tenant's data spaces,
      -- append-only tables included; once none is left, the tenant rows themselves (twins first).
      -- The tombstone's row lock makes concurrent callers wait, not double-count. Each call is one
      -- short statement-sized transaction; a crash loses at most the batch in flight, and the next
      -- call resumes from what the tables still hold.
      CREATE FUNCTION app.erase_tenant_batch(p_tenant uuid, p_batch integer)
        RETURNS TABLE (table_name text, deleted integer, done boolean)
        LANGUAGE plpgsql SECURITY DEFINER
        SET search_path = pg_catalog, pg_temp
        SET lock_timeout = '5s'
        AS $$
        DECLARE
          v_spaces uuid[];
          v_completed timestamptz;
          v_table text;
          v_count integer;
        BEGIN
          IF p_batch IS NULL OR p_batch NOT BETWEEN 1 AND 10000 THEN
            RAISE EXCEPTION 'p_batch must be between 1 and 10000' USING ERRCODE = '22023';
          END IF;
          SELECT e.data_spaces, e.completed_at INTO v_spaces, v_completed
            FROM public.tenant_erasures e WHERE e.erased_tenant_id = p_tenant FOR UPDATE;
          IF NOT FOUND THEN
            RAISE EXCEPTION 'no erasure was requested for this tenant' USING ERRCODE = 'P0002';
          END IF;
          IF v_completed IS NOT NULL THEN
            RETURN QUERY SELECT NULL::text, 0, true;
            RETURN;
          END IF;
          FOR v_table IN SELECT t.table_name FROM app.tenant_tables_children_first() t LOOP
            BEGIN
              EXECUTE format(
                'DELETE FROM public.%I WHERE ctid = ANY (ARRAY(SELECT ctid FROM public.%I WHERE tenant_id = ANY ($1) LIMIT $2))',
                v_table, v_table) USING v_spaces, p_batch;
              GET DIAGNOSTICS v_count = ROW_COUNT;
            EXCEPTION WHEN foreign_key_violation THEN
              -- A table referencing itself (a reversing payment and the payment it reverses) can
              -- have a batch cut between a row and the row pointing at it: that table's rows of the
              -- tenant then go in one statement.
              EXECUTE format('DELETE FROM public.%I WHERE tenant_id = ANY ($1)', v_table) USING v_spaces;
              GET DIAGNOSTICS v_count = ROW_COUNT;
            END;
            IF v_count > 0 THEN
              UPDATE public.tenant_erasures e
                 SET row_counts = jsonb_set(e.row_counts, ARRAY[v_table], to_jsonb(COALESCE((e.row_counts ->> v_table)::bigint, 0) + v_count))
               WHERE e.erased_tenant_id = p_tenant;
              RETURN QUERY SELECT v_table, v_count, false;
              RETURN;
            END IF;
          END LOOP;
          DELETE FROM public.tenants t WHERE t.id = ANY (v_spaces) AND t.sandbox_of IS NOT NULL;
          DELETE FROM public.tenants t WHERE t.id = ANY (v_spaces);
          UPDATE public.tenant_erasures e
             SET completed_at = now(),
                 row_counts = jsonb_set(e.row_counts, '{tenants}', to_jsonb(cardinality(v_spaces)))
           WHERE e.erased_tenant_id = p_tenant;
          RETURN QUERY SELECT 'tenants'::text, cardinality(v_spaces), true;
        END
        $$;
      REVOKE ALL ON FUNCTION app.erase_tenant_batch(uuid, integer) FROM PUBLIC;
      GRANT EXECUTE ON FUNCTION app.erase_tenant_batch(uuid, integer) TO ${API_GROUP_ROLE};

      -- The erasure job marks the stored files gone (they are removed before the rows).
      CREATE FUNCTION app.mark_tenant_files_erased(p_tenant uuid) RETURNS void
        LANGUAGE sql SECURITY DEFINER
        SET search_path = pg_catalog, pg_temp
        AS $$
          UPDATE public.tenant_erasures SET files_removed_at = COALESCE(files_removed_at, now())
           WHERE erased_tenant_id = p_tenant
        $$;
      REVOKE ALL ON FUNCTION app.mark_tenant_files_erased(uuid) FROM PUBLIC;
      GRANT EXECUTE ON FUNCTION app.mark_tenant_files_erased(uuid) TO ${API_GROUP_ROLE};

      -- The tombstone of one tenant (the internal API's erasure status), or no row.
      CREATE FUNCTION app.tenant_erasure(p_tenant uuid)
        RETURNS TABLE (data_spaces uuid[], requested_at timestamptz, files_removed_at timestamptz, completed_at timestamptz, row_counts jsonb)
        LANGUAGE sql STABLE SECURITY DEFINER
        SET search_path = pg_catalog, pg_temp
        AS $$
          SELECT e.data_spaces, e.requested_at, e.files_removed_at, e.completed_at, e.row_counts
            FROM public.tenant_erasures e WHERE e.erased_tenant_id = p_tenant
        $$;
      REVOKE ALL ON FUNCTION app.tenant_erasure(uuid) FROM PUBLIC;
      GRANT EXECUTE ON FUNCTION app.tenant_erasure(uuid) TO ${API_GROUP_ROLE};

      -- The retention sweep's finder: data spaces holding records past their retention (ids only).
      CREATE FUNCTION app.tenants_with_purgeable_records(
          p_idempotency_before timestamptz, p_outbox_before timestamptz, p_deliveries_before timestamptz, p_limit integer)
        RETURNS TABLE (tenant_id uuid)
        LANGUAGE sql STABLE SECURITY DEFINER
        SET search_path = pg_catalog, pg_temp
        AS $$
          SELECT t.id FROM public.tenants t
           WHERE EXISTS (SELECT 1 FROM public.idempotency_keys i WHERE i.tenant_id = t.id AND i.expires_at < p_idempotency_before)
              OR EXISTS (SELECT 1 FROM public.outbox_messages o WHERE o.tenant_id = t.id AND o.delivered_at < p_outbox_before)
              OR EXISTS (SELECT 1 FROM public.webhook_deliveries d
                          WHERE d.tenant_id = t.id AND d.status IN ('SUCCEEDED', 'FAILED') AND d.created_at < p_deliveries_before)
           LIMIT p_limit
        $$;
      REVOKE ALL ON FUNCTION app.tenants_with_purgeable_records(timestamptz, timestamptz, timestamptz, integer) FROM PUBLIC;
      GRANT EXECUTE ON FUNCTION app.tenants_with_purgeable_records(timestamptz, timestamptz, timestamptz, integer) TO ${API_GROUP_ROLE};
    `);
    for (const [name, options] of Object.entries(QUEUES)) {
      await db.query('SELECT pgboss.create_queue($1, $2)', [name, JSON.stringify(options)]);
    }
  }

  async down(db: QueryRunner): Promise<void> {
    for (const name of Object.keys(QUEUES)) await db.query('SELECT pgboss.delete_queue($1)', [name]);
    await db.query(`
      DROP FUNCTION app.tenants_with_purgeable_records(timestamptz, timestamptz, timestamptz, integer);
      DROP FUNCTION app.tenant_erasure(uuid);
      DROP FUNCTION app.mark_tenant_files_erased(uuid);
      DROP FUNCTION app.erase_tenant_batch(uuid, integer);
      DROP FUNCTION app.request_tenant_erasure(uuid);
      DROP FUNCTION app.tenant_tables_children_first();
      REVOKE DELETE ON outbox_messages FROM ${API_GROUP_ROLE};
      DROP POLICY delete_delivered_only ON outbox_messages;
      DROP INDEX webhook_deliveries_tenant_finished_idx;
      DROP INDEX outbox_messages_tenant_delivered_idx;
      ALTER TABLE lessees DROP COLUMN erased_at;
      DROP TABLE tenant_erasures;
      DROP TABLE tenant_exports;
    `);
  }
}
