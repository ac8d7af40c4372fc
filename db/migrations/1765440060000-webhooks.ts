import type { MigrationInterface, QueryRunner } from 'typeorm';
import { API_GROUP_ROLE, enableTenantIsolation, grantToApi } from '../sql.js';

/** The queues of outgoing webhooks and their retry policy (pg-boss's own retries: crashes and database errors). */
const QUEUES: Record<string, object> = {
  // One attempt at one delivery. HTTP failures are not job failures: the handler records them and
  // schedules the next attempt itself (backoff with full jitter, 3 days). A job whose worker died
  // expires after 20 s (10 s of HTTP, the claim and the record around it) and is retried by another.
  'webhooks.deliver': { policy: 'standard', retryLimit: 12, retryDelay: 2, retryBackoff: true, expireInSeconds: 20 },
  // Sweeps across tenants, one at a time.
  'events.purge-expired': { policy: 'singleton', retryLimit: 0, expireInSeconds: 1800 },
  'webhooks.requeue-stranded': { policy: 'singleton', retryLimit: 0, expireInSeconds: 300 },
};

/**
 * Outgoing webhooks (SPEC section 10): a data space's endpoints, its events (a transactional
 * outbox: written by the transaction that makes the change), and one delivery per event and
 * endpoint, sent by the `webhooks.deliver` job. All three are tenant tables; the sandbox twin,
 * being a data space of its own, has its own rows.
 */
export class Webhooks1765440060000 implements MigrationInterface {
  name = 'Webhooks1765440060000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE webhook_endpoints (
        tenant_id                  uuid        NOT NULL REFERENCES tenants (id),
        id                         uuid        NOT NULL,
        url                        text        NOT NULL CHECK (length(url) BETWEEN 8 AND 2048),
        -- Event types, or '{*}' for every type. Checked against the catalogue by the API.
        events                     text[]      NOT NULL CHECK (cardinality(events) BETWEEN 1 AND 64),
        description                text        CHECK (length(description) <= 500),
        enabled                    boolean     NOT NULL DEFAULT true,
        -- The signing secret, AES-256-GCM under WEBHOOK_SECRET_KEY (version, nonce, tag, ciphertext),
        -- bound to (tenant_id, id) as associated data: never the plaintext, and useless in another row.
        secret_ciphertext          bytea       NOT NULL,
        -- After a rotation the old secret still signs, beside the new one, until it expires (24 h).
        previous_secret_ciphertext bytea,
        previous_secret_expires_at timestamptz,
        -- Oldest undelivered event since the last success: the endpoint has been failing since then.
        failing_since              timestamptz,
        disabled_at                timestamptz,
        disabled_reason            text,
        created_at                 timestamptz NOT NULL DEFAULT now(),
        updated_at                 timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        CHECK ((previous_secret_ciphertext IS NULL) = (previous_secret_expires_at IS NULL))
      );
      CREATE INDEX webhook_endpoints_tenant_created_idx ON webhook_endpoints (tenant_id, created_at DESC, id DESC);

      -- Immutable once written (no UPDATE grant); deleted after 30 days by the purge job.
      CREATE TABLE events (
        tenant_id   uuid        NOT NULL REFERENCES tenants (id),
        id          uuid        NOT NULL,
        type        text        NOT NULL CHECK (type ~ '^[a-z_]+(\\.[a-z_]+)*$'),
        -- The resource as the API answers it at the time of the change.
        data        jsonb       NOT NULL CHECK (jsonb_typeof(data) = 'object'),
        created_at  timestamptz NOT NULL DEFAULT now(),
        updated_at  timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id)
      );
      CREATE INDEX events_tenant_created_idx ON events (tenant_id, created_at DESC, id DESC);
      CREATE INDEX events_tenant_type_created_idx ON events (tenant_id, type, created_at DESC, id DESC);

      CREATE TABLE webhook_deliveries (
        tenant_id        uuid        NOT NULL,
        id               uuid        NOT NULL,
        endpoint_id      uuid        NOT NULL,
        event_id         uuid        NOT NULL,
        event_type       text        NOT NULL,
        status           text        NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'SENDING', 'SUCCEEDED', 'FAILED')),
        attempts         integer     NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        last_status_code integer     CHECK (last_status_code BETWEEN 100 AND 599),
        last_latency_ms  integer     CHECK (last_latency_ms >= 0),
        last_error       text        CHECK (length(last_error) <= 500),
        last_attempt_at  timestamptz,
        -- When the next attempt is due; NULL once the delivery is finished.
        next_attempt_at  timestamptz,
        -- A worker sends it until then (claimed under the row lock); past it, the claim is void.
        claimed_until    timestamptz,
        delivered_at     timestamptz,
        created_at       timestamptz NOT NULL DEFAULT now(),
        updated_at       timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        FOREIGN KEY (tenant_id, endpoint_id) REFERENCES webhook_endpoints (tenant_id, id) ON DELETE CASCADE,
        FOREIGN KEY (tenant_id, event_id) REFERENCES events (tenant_id, id) ON DELETE CASCADE,
        UNIQUE (tenant_id, endpoint_id, event_id),
        CHECK ((status = 'SUCCEEDED') = (delivered_at IS NOT NULL)),
        CHECK (status NOT IN ('PENDING', 'SENDING') OR next_attempt_at IS NOT NULL)
      );
      CREATE INDEX webhook_deliveries_tenant_endpoint_created_idx ON webhook_deliveries (tenant_id, endpoint_id, created_at DESC, id DESC);
      CREATE INDEX webhook_deliveries_tenant_event_idx ON webhook_deliveries (tenant_id, event_id);
      -- Deliveries in flight only (a small index): the stranded-delivery sweep reads it whole.
      CREATE INDEX webhook_deliveries_in_flight_idx ON webhook_deliveries (tenant_id, next_attempt_at)
        WHERE status IN ('PENDING', 'SENDING');
    `);
    for (const table of ['webhook_endpoints', 'events', 'webhook_deliveries']) await enableTenantIsolation(db, table);
    await grantToApi(db, 'webhook_endpoints');
    await grantToApi(db, 'events', 'SELECT, INSERT, DELETE');
    await grantToApi(db, 'webhook_deliveries');

    // The sweeps' finders: ids only, each doing one thing (SPEC section 7).
    await db.query(`
      -- Data spaces holding events older than p_before (one index probe per tenant: the events
      -- index leads with tenant_id, like every index of a tenant table).
      CREATE FUNCTION app.tenants_with_events_before(p_before timestamptz, p_limit integer)
        RETURNS TABLE (tenant_id uuid)
        LANGUAGE sql STABLE SECURITY DEFINER
        SET search_path = pg_catalog, pg_temp
        AS $$
          SELECT t.id FROM public.tenants t
           WHERE EXISTS (SELECT 1 FROM public.events e WHERE e.tenant_id = t.id AND e.created_at < p_before)
           LIMIT p_limit
        $$;
      REVOKE ALL ON FUNCTION app.tenants_with_events_before(timestamptz, integer) FROM PUBLIC;
      GRANT EXECUTE ON FUNCTION app.tenants_with_events_before(timestamptz, integer) TO ${API_GROUP_ROLE};

      -- Deliveries in flight whose job should have run long ago: due for p_late and still PENDING,
      -- or claimed by a worker whose claim ran out p_late ago.
      CREATE FUNCTION app.stranded_webhook_deliveries(p_late interval, p_limit integer)
        RETURNS TABLE (tenant_id uuid, delivery_id uuid)
        LANGUAGE sql STABLE SECURITY DEFINER
        SET search_path = pg_catalog, pg_temp
        AS $$
          SELECT d.tenant_id, d.id FROM public.webhook_deliveries d
           WHERE d.status IN ('PENDING', 'SENDING')
             AND CASE WHEN d.status = 'PENDING' THEN d.next_attempt_at ELSE d.claimed_until END < now() - p_late
           ORDER BY d.next_attempt_at
           LIMIT p_limit
        $$;
      REVOKE ALL ON FUNCTION app.stranded_webhook_deliveries(interval, integer) FROM PUBLIC;
      GRANT EXECUTE ON FUNCTION app.stranded_webhook_deliveries(interval, integer) TO ${API_GROUP_ROLE};
    `);
    for (const [name, options] of Object.entries(QUEUES)) {
      await db.query('SELECT pgboss.create_queue($1, $2)', [name, JSON.stringify(options)]);
    }
  }

  async down(db: QueryRunner): Promise<void> {
    for (const name of Object.keys(QUEUES)) await db.query('SELECT pgboss.delete_queue($1)', [name]);
    await db.query(`
      DROP FUNCTION app.stranded_webhook_deliveries(interval, integer);
      DROP FUNCTION app.tenants_with_events_before(timestamptz, integer);
      DROP TABLE webhook_deliveries;
      DROP TABLE events;
      DROP TABLE webhook_endpoints;
    `);
  }
}
