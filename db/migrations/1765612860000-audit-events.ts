import type { MigrationInterface, QueryRunner } from 'typeorm';
import { enableTenantIsolation, grantToApi } from '../sql.js';

/**
 * The audit trail (docs/audit.md): one row per row a request created, changed or deleted, written
 * in the request's own transaction. A tenant table like any other (the sandbox twin, a data space
 * of its own, has its own rows), and append-only for the API: its role may INSERT and SELECT,
 * never UPDATE or DELETE, so not even a compromised API process can rewrite history. Kept forever
 * (no purge job); only the owner role, for a tenant's erasure, removes rows.
 */
export class AuditEvents1765612860000 implements MigrationInterface {
  name = 'AuditEvents1765612860000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE audit_events (
        tenant_id     uuid        NOT NULL REFERENCES tenants (id),
        id            uuid        NOT NULL,
        -- Who: an API key (its user, the key and its display prefix), the internal API (the
        -- dashboard backend), a hosted signing link, or a signed provider webhook.
        actor_type    text        NOT NULL CHECK (actor_type IN ('api_key', 'internal', 'signing_link', 'provider')),
        user_id       uuid,
        key_id        uuid,
        key_prefix    text        CHECK (length(key_prefix) <= 12),
        request_id    text        NOT NULL CHECK (length(request_id) <= 64),
        ip            inet,
        -- The route's pattern ("PUT /api/leases/:id"), never its ids or query string.
        route         text        NOT NULL CHECK (length(route) <= 300),
        action        text        NOT NULL CHECK (action IN ('create', 'update', 'delete')),
        resource_type text        NOT NULL CHECK (resource_type ~ '^[a-z_]+$'),
        resource_id   uuid,
        -- [{field, before?, after?, personal?}]: secrets as "[redacted]", personal fields by name only.
        changes       jsonb       NOT NULL CHECK (jsonb_typeof(changes) = 'array'),
        created_at    timestamptz NOT NULL DEFAULT now(),
        updated_at    timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        CHECK ((actor_type = 'api_key') = (key_id IS NOT NULL))
      );
      -- Newest first, for the whole log and for one resource's history.
      CREATE INDEX audit_events_tenant_created_idx ON audit_events (tenant_id, created_at DESC, id DESC);
      CREATE INDEX audit_events_tenant_resource_idx ON audit_events (tenant_id, resource_type, resource_id, created_at DESC, id DESC);
    `);
    await enableTenantIsolation(db, 'audit_events');
    // Append-only for the API (SPEC: the app role has DML only; here, two of the four).
    await grantToApi(db, 'audit_events', 'SELECT, INSERT');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE audit_events');
  }
}
