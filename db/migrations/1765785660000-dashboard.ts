import type { MigrationInterface, QueryRunner } from 'typeorm';
import { API_GROUP_ROLE } from '../sql.js';

/** Partition upkeep: one run at a time, hourly (creating a day ahead is idempotent). */
const QUEUES: Record<string, object> = {
  'request-log.maintain-partitions': { policy: 'singleton', retryLimit: 2, retryDelay: 60, expireInSeconds: 300 },
};

/**
 * The dashboard backend (issue 17): suspending a tenant, the directory of tenants, and the API
 * request log.
 *
 * - Suspension lives on the live tenant row (its sandbox twin follows it). The key lookup returns
 *   it, so a cached verification carries it, and the auth-change trigger now fires on it too: a
 *   suspension reaches every instance's key cache the way a revocation does.
 * - The directory is the one cross-tenant read of tenants (SPEC section 7): a SECURITY DEFINER
 *   function listing live tenants, not a looser `tenants` policy.
 * - request_log is partitioned by day on created_at; primary key (tenant_id, id, created_at)
 *   (SPEC section 8). Partitions are made ahead and dropped past the retention by one SECURITY
 *   DEFINER maintenance function, called by a recurring job: expiry is a DROP, never a DELETE.
 */
export class Dashboard1765785660000 implements MigrationInterface {
  name = 'Dashboard1765785660000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      -- reason: for FairePlace staff (the dashboard); public_reason: what the tenant's keys are told.
      ALTER TABLE tenants
        ADD COLUMN suspended_at             timestamptz,
        ADD COLUMN suspension_reason        text CHECK (length(suspension_reason) BETWEEN 1 AND 1000),
        ADD COLUMN suspension_public_reason text CHECK (length(suspension_public_reason) BETWEEN 1 AND 500),
        ADD CONSTRAINT tenants_suspension_whole
          CHECK ((suspended_at IS NULL) = (suspension_reason IS NULL) AND (suspension_public_reason IS NULL OR suspended_at IS NOT NULL)),
        -- A sandbox twin is suspended through its live tenant, never on its own.
        ADD CONSTRAINT tenants_twin_not_suspended CHECK (sandbox_of IS NULL OR suspended_at IS NULL);
      CREATE INDEX tenants_suspended_idx ON tenants (id) WHERE suspended_at IS NOT NULL;

      DROP TRIGGER notify_auth_change ON tenants;
      CREATE TRIGGER notify_auth_change AFTER UPDATE OF rate_limit_per_hour, suspended_at, suspension_public_reason ON tenants
        FOR EACH ROW EXECUTE FUNCTION app.notify_auth_change('tenant');

      -- The key lookup also answers whether the key's (live) tenant is suspended, and what to tell it.
      DROP FUNCTION app.authenticate_api_key(bytea);
      CREATE FUNCTION app.authenticate_api_key(p_key_hash bytea)
        RETURNS TABLE (key_id uuid, key_tenant_id uuid, tenant_id uuid, user_id uuid, environment text,
                       permissions text[], expires_at timestamptz, rate_limit_per_hour integer,
                       suspended boolean, suspension_public_reason text)
        LANGUAGE sql STABLE SECURITY DEFINER
        SET search_path = pg_catalog, pg_temp
        AS $$
          SELECT k.id, k.tenant_id, space.id, k.user_id, k.environment,
                 CASE WHEN k.permissions IS NULL THEN u.permissions
                      ELSE ARRAY(SELECT unnest(k.permissions) INTERSECT SELECT unnest(u.permissions))
                 END,
                 k.expires_at,
                 space.rate_limit_per_hour,
                 live.suspended_at IS NOT NULL,
                 live.suspension_public_reason
            FROM public.api_keys k
            JOIN public.users u ON u.tenant_id = k.tenant_id AND u.id = k.user_id
            JOIN public.tenants live ON live.id = k.tenant_id
            JOIN public.tenants space
              ON CASE WHEN k.environment = 'sandbox' THEN space.sandbox_of = k.tenant_id ELSE space.id = k.tenant_id END
           WHERE k.key_hash = p_key_hash
             AND k.revoked_at IS NULL
             AND (k.expires_at IS NULL OR k.expires_at > now())
             AND u.disabled_at IS NULL
        $$;
      REVOKE ALL ON FUNCTION app.authenticate_api_key(bytea) FROM PUBLIC;
      GRANT EXECUTE ON FUNCTION app.authenticate_api_key(bytea) TO ${API_GROUP_ROLE};

      -- Data spaces whose background work is paused: suspended live tenants and their twins.
      CREATE FUNCTION app.suspended_data_spaces() RETURNS TABLE (tenant_id uuid)
        LANGUAGE sql STABLE SECURITY DEFINER
        SET search_path = pg_catalog, pg_temp
        AS $$
          SELECT t.id FROM public.tenants t
            JOIN public.tenants live ON live.id = COALESCE(t.sandbox_of, t.id)
           WHERE live.suspended_at IS NOT NULL
        $$;
      REVOKE ALL ON FUNCTION app.suspended_data_spaces() FROM PUBLIC;
      GRANT EXECUTE ON FUNCTION app.suspended_data_spaces() TO ${API_GROUP_ROLE};

      -- The directory of live tenants for the dashboard: search (a name pattern, or the start of an
      -- id), status, one sort from a fixed list, one page. Last activity: the latest use of any of
      -- the tenant's keys (live and sandbox keys are both stored with the live tenant).
      CREATE FUNCTION app.tenant_directory(p_name_pattern text, p_id_prefix text, p_status text,
                                           p_sort text, p_descending boolean, p_limit integer, p_offset integer)
        RETURNS TABLE (id uuid, name text, rate_limit_per_hour integer, suspended_at timestamptz,
                       suspension_reason text, suspension_public_reason text,
                       created_at timestamptz, updated_at timestamptz, last_activity_at timestamptz, total bigint)
        LANGUAGE sql STABLE SECURITY DEFINER
        SET search_path = pg_catalog, pg_temp
        AS $$
          WITH listed AS (
            SELECT t.id, t.name, t.rate_limit_per_hour, t.suspended_at, t.suspension_reason, t.suspension_public_reason,
                   t.created_at, t.updated_at,
                   (SELECT max(k.last_used_at) FROM public.api_keys k WHERE k.tenant_id = t.id) AS last_activity_at
              FROM public.tenants t
             WHERE t.sandbox_of IS NULL
               AND (p_status IS NULL OR (p_status = 'SUSPENDED') = (t.suspended_at IS NOT NULL))
               AND ((p_name_pattern IS NULL AND p_id_prefix IS NULL)
                    OR t.name ILIKE p_name_pattern
                    OR t.id::text LIKE p_id_prefix || '%')
          )
          SELECT l.*, count(*) OVER () FROM listed l
           ORDER BY
             CASE WHEN p_sort = 'name' AND NOT p_descending THEN lower(l.name) END ASC,
             CASE WHEN p_sort = 'name' AND p_descending THEN lower(l.name) END DESC,
             CASE WHEN p_sort = 'last_activity_at' AND NOT p_descending THEN l.last_activity_at END ASC NULLS FIRST,
             CASE WHEN p_sort = 'last_activity_at' AND p_descending THEN l.last_activity_at END DESC NULLS LAST,
             CASE WHEN NOT p_descending THEN l.created_at END ASC,
             CASE WHEN p_descending THEN l.created_at END DESC,
             CASE WHEN NOT p_descending THEN l.id END ASC,
             CASE WHEN p_descending THEN l.id END DESC
           LIMIT p_limit OFFSET p_offset
        $$;
      REVOKE ALL ON FUNCTION app.tenant_directory(text, text, text, text, boolean, integer, integer) FROM PUBLIC;
      GRANT EXECUTE ON FUNCTION app.tenant_directory(text, text, text, text, boolean, integer, integer) TO ${API_GROUP_ROLE};
    `);

    // The request log. Never a body, a header other than the user agent, or a query string.
    // Ids are UUIDv7 taken from the request's start, so the primary key also orders by time:
    // newest first is a backward scan of it, and no second time index is kept up on every write.
    await db.query(`
      CREATE TABLE request_log (
        -- A line flushed after its tenant was erased is refused here (the writer drops it).
        tenant_id   uuid        NOT NULL REFERENCES tenants (id),
        id          uuid        NOT NULL,
        created_at  timestamptz NOT NULL,
        request_id  text        NOT NULL CHECK (length(request_id) <= 64),
        key_prefix  text        CHECK (length(key_prefix) <= 16),
        method      text        NOT NULL CHECK (length(method) <= 16),
        route       text        CHECK (length(route) <= 300),
        path        text        NOT NULL CHECK (length(path) <= 2048),
        status      smallint    NOT NULL CHECK (status BETWEEN 100 AND 599),
        error_type  text        CHECK (length(error_type) <= 64),
        duration_ms real        NOT NULL CHECK (duration_ms >= 0),
        client_ip   inet,
        user_agent  text        CHECK (length(user_agent) <= 512),
        PRIMARY KEY (tenant_id, id, created_at)
      ) PARTITION BY RANGE (created_at);
      -- The id a partner quotes (X-Request-Id) finds its line.
      CREATE INDEX request_log_tenant_request_id_idx ON request_log (tenant_id, request_id);

      ALTER TABLE request_log ENABLE ROW LEVEL SECURITY;
      ALTER TABLE request_log FORCE ROW LEVEL SECURITY;
      CREATE POLICY tenant_isolation ON request_log
        USING (tenant_id = (SELECT app.current_tenant_id()))
        WITH CHECK (tenant_id = (SELECT app.current_tenant_id()));
      -- Append-only for the app, and through the parent only (partitions carry no grant).
      GRANT SELECT, INSERT ON request_log TO ${API_GROUP_ROLE};

      -- Creates the daily partitions from yesterday to p_days_ahead days ahead (UTC) and drops those
      -- wholly older than p_retention_days. Partitions are named request_log_pYYYYMMDD; each gets
      -- the parent's policy with ENABLE + FORCE too, so none is ever readable without it.
      CREATE FUNCTION app.maintain_request_log_partitions(p_retention_days integer, p_days_ahead integer)
        RETURNS TABLE (created text[], dropped text[])
        LANGUAGE plpgsql VOLATILE SECURITY DEFINER
        SET search_path = pg_catalog, pg_temp
        AS $$
        DECLARE
          today date := (now() AT TIME ZONE 'UTC')::date;
          day date;
          part text;
          made text[] := '{}';
          gone text[] := '{}';
        BEGIN
          IF p_retention_days IS NULL OR p_retention_days NOT BETWEEN 1 AND 3650
             OR p_days_ahead IS NULL OR p_days_ahead NOT BETWEEN 1 AND 60 THEN
            RAISE EXCEPTION 'retention must be 1-3650 days and days ahead 1-60' USING ERRCODE = '22023';
          END IF;
          PERFORM pg_advisory_xact_lock(hashtext('app.maintain_request_log_partitions'));
          FOR day IN SELECT d::date FROM generate_series(today - 1, today + p_days_ahead, interval '1 day') AS d LOOP
            part := 'request_log_p' || to_char(day, 'YYYYMMDD');
            IF to_regclass('public.' || part) IS NULL AND day + 1 > today - p_retention_days THEN
              EXECUTE format('CREATE TABLE public.%I PARTITION OF public.request_log FOR VALUES FROM (%L) TO (%L)',
                             part, (day::timestamp AT TIME ZONE 'UTC'), ((day + 1)::timestamp AT TIME ZONE 'UTC'));
              EXECUTE format('ALTER TABLE public.%I ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY', part);
              EXECUTE format('CREATE POLICY tenant_isolation ON public.%I USING (tenant_id = (SELECT app.current_tenant_id())) WITH CHECK (tenant_id = (SELECT app.current_tenant_id()))', part);
              made := made || part;
            END IF;
          END LOOP;
          FOR part IN
            SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
             WHERE i.inhparent = 'public.request_log'::regclass AND c.relname ~ '^request_log_p[0-9]{8}$'
               AND to_date(substr(c.relname, 14), 'YYYYMMDD') + 1 <= today - p_retention_days
             ORDER BY c.relname
          LOOP
            EXECUTE format('DROP TABLE public.%I', part);
            gone := gone || part;
          END LOOP;
          RETURN QUERY SELECT made, gone;
        END
        $$;
      REVOKE ALL ON FUNCTION app.maintain_request_log_partitions(integer, integer) FROM PUBLIC;
      GRANT EXECUTE ON FUNCTION app.maintain_request_log_partitions(integer, integer) TO ${API_GROUP_ROLE};

      -- The first partitions now, so the log is writable before the first maintenance run.
      SELECT app.maintain_request_log_partitions(30, 7);
    `);
    for (const [name, options] of Object.entries(QUEUES)) {
      await db.query('SELECT pgboss.create_queue($1, $2)', [name, JSON.stringify(options)]);
    }
  }

  async down(db: QueryRunner): Promise<void> {
    for (const name of Object.keys(QUEUES)) await db.query('SELECT pgboss.delete_queue($1)', [name]);
    await db.query(`
      DROP FUNCTION app.maintain_request_log_partitions(integer, integer);
      DROP TABLE request_log;
      DROP FUNCTION app.tenant_directory(text, text, text, text, boolean, integer, integer);
      DROP FUNCTION app.suspended_data_spaces();
      DROP TRIGGER notify_auth_change ON tenants;
      CREATE TRIGGER notify_auth_change AFTER UPDATE OF rate_limit_per_hour ON tenants
        FOR EACH ROW EXECUTE FUNCTION app.notify_auth_change('tenant');
      ALTER TABLE tenants DROP COLUMN suspended_at, DROP COLUMN suspension_reason, DROP COLUMN suspension_public_reason;
    `);
    // (authenticate_api_key keeps its columns; re-run the sandbox-twins version to restore it)
  }
}
