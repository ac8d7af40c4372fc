import type { MigrationInterface, QueryRunner } from 'typeorm';
import { enableTenantIsolation, grantToApi } from '../sql.js';

/**
 * Files: generated lease documents (versioned per lease and kind) and uploaded media. Rows hold
 * metadata and the storage key (made of tenant id, kind and row id only); the bytes live in the
 * object storage (local disk or S3).
 */
export class DocumentsMedia1764489600000 implements MigrationInterface {
  name = 'DocumentsMedia1764489600000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE documents (
        tenant_id   uuid        NOT NULL REFERENCES tenants (id),
        id          uuid        NOT NULL,
        lease_id    uuid        NOT NULL,
        kind        text        NOT NULL CHECK (kind IN ('lease_pdf', 'signed_lease_pdf')),
        version     integer     NOT NULL CHECK (version >= 1),
        media_type  text        NOT NULL,
        size        bigint      NOT NULL CHECK (size >= 0),
        sha256      text        NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        storage_key text        NOT NULL,
        -- Set when a signature workflow uses this version: it can no longer be replaced or deleted.
        locked_at   timestamptz,
        created_at  timestamptz NOT NULL DEFAULT now(),
        updated_at  timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        FOREIGN KEY (tenant_id, lease_id) REFERENCES leases (tenant_id, id),
        CONSTRAINT documents_one_version UNIQUE (tenant_id, lease_id, kind, version)
      );
      CREATE INDEX documents_tenant_created_idx ON documents (tenant_id, created_at DESC, id DESC);
    `);
    await enableTenantIsolation(db, 'documents');
    await grantToApi(db, 'documents', 'SELECT, INSERT, UPDATE');

    await db.query(`
      CREATE TABLE media (
        tenant_id   uuid        NOT NULL REFERENCES tenants (id),
        id          uuid        NOT NULL,
        -- Polymorphic: checked against the tenant's rows at upload (a foreign or missing id is 404).
        entity_type text        NOT NULL CHECK (entity_type IN ('place', 'estate', 'room', 'equipment', 'lease', 'owner', 'lessee', 'contact')),
        entity_id   uuid        NOT NULL,
        filename    text        NOT NULL,
        media_type  text        NOT NULL CHECK (media_type IN ('application/pdf', 'image/png', 'image/jpeg', 'image/webp')),
        size        bigint      NOT NULL CHECK (size > 0),
        sha256      text        NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        tags        text[]      NOT NULL DEFAULT '{}',
        role        text,
        storage_key text        NOT NULL,
        created_at  timestamptz NOT NULL DEFAULT now(),
        updated_at  timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id)
      );
      CREATE INDEX media_tenant_created_idx ON media (tenant_id, created_at DESC, id DESC);
      CREATE INDEX media_tenant_entity_idx ON media (tenant_id, entity_type, entity_id);
    `);
    await enableTenantIsolation(db, 'media');
    await grantToApi(db, 'media');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE media; DROP TABLE documents;`);
  }
}
