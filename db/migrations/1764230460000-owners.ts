import type { MigrationInterface, QueryRunner } from 'typeorm';
import { enableTenantIsolation, grantToApi } from '../sql.js';

export class Owners1764230460000 implements MigrationInterface {
  name = 'Owners1764230460000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE owners (
        tenant_id           uuid        NOT NULL REFERENCES tenants (id),
        id                  uuid        NOT NULL,
        owner_category      text        NOT NULL CHECK (owner_category IN ('individual', 'company', 'sci')),
        title               text,
        first_name          text,
        last_name           text,
        legal_name          text,
        registration_number text,
        email               text,
        mobile_phone        text,
        street_name         text,
        postal_code         text,
        city                text,
        country             text,
        created_at          timestamptz NOT NULL DEFAULT now(),
        updated_at          timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        -- The API validates this first with a readable message; the database keeps it true.
        CONSTRAINT owners_name_by_category CHECK (
          CASE owner_category
            WHEN 'individual' THEN last_name IS NOT NULL
            ELSE legal_name IS NOT NULL
          END
        )
      );
      -- Default sort (-created_at, ties by id) and the category filter, each within one tenant.
      CREATE INDEX owners_tenant_created_idx ON owners (tenant_id, created_at DESC, id DESC);
      CREATE INDEX owners_tenant_category_idx ON owners (tenant_id, owner_category);
      CREATE INDEX owners_tenant_last_name_idx ON owners (tenant_id, lower(last_name));
    `);
    await enableTenantIsolation(db, 'owners');
    await grantToApi(db, 'owners');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE owners`);
  }
}
