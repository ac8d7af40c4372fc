import type { MigrationInterface, QueryRunner } from 'typeorm';
import { enableTenantIsolation, grantToApi } from '../sql.js';

/**
 * The people around a lease: lessees (tenants, companies, guarantors), whom leases reference
 * through their parties, and contacts (the landlord's professionals), which nothing references.
 */
export class LesseesContacts1764403200000 implements MigrationInterface {
  name = 'LesseesContacts1764403200000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE lessees (
        tenant_id      uuid           NOT NULL REFERENCES tenants (id),
        id             uuid           NOT NULL,
        category       text           NOT NULL CHECK (category IN ('individual', 'company', 'guarantor')),
        title          text,
        first_name     text,
        last_name      text,
        legal_name     text,
        email          text,
        mobile_phone   text,
        birth_date     date,
        profession     text,
        monthly_income numeric(12, 2) CHECK (monthly_income >= 0),
        created_at     timestamptz    NOT NULL DEFAULT now(),
        updated_at     timestamptz    NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        -- The API validates this first with a readable message; the database keeps it true.
        CONSTRAINT lessees_name_by_category CHECK (
          CASE category
            WHEN 'company' THEN legal_name IS NOT NULL
            ELSE last_name IS NOT NULL
          END
        )
      );
      -- Default sort (-created_at, ties by id) and the category filter, each within one tenant.
      CREATE INDEX lessees_tenant_created_idx ON lessees (tenant_id, created_at DESC, id DESC);
      CREATE INDEX lessees_tenant_category_idx ON lessees (tenant_id, category);
      CREATE INDEX lessees_tenant_last_name_idx ON lessees (tenant_id, lower(last_name));
    `);
    await enableTenantIsolation(db, 'lessees');
    await grantToApi(db, 'lessees');

    await db.query(`
      CREATE TABLE contacts (
        tenant_id     uuid        NOT NULL REFERENCES tenants (id),
        id            uuid        NOT NULL,
        type_contact  text        NOT NULL CHECK (type_contact IN ('person', 'company')),
        category      text        NOT NULL CHECK (category IN
                        ('property_manager', 'maintenance', 'insurer', 'notary', 'accountant', 'other')),
        first_name    text,
        last_name     text,
        legal_name    text,
        email         text,
        phone         text,
        address_line1 text,
        postal_code   text,
        city          text,
        country       text,
        notes         text,
        created_at    timestamptz NOT NULL DEFAULT now(),
        updated_at    timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        -- Same rule as lessees: the API explains it, the database keeps it true.
        CONSTRAINT contacts_name_by_type CHECK (
          CASE type_contact
            WHEN 'company' THEN legal_name IS NOT NULL
            ELSE last_name IS NOT NULL
          END
        )
      );
      CREATE INDEX contacts_tenant_created_idx ON contacts (tenant_id, created_at DESC, id DESC);
      CREATE INDEX contacts_tenant_category_idx ON contacts (tenant_id, category);
      CREATE INDEX contacts_tenant_type_idx ON contacts (tenant_id, type_contact);
      CREATE INDEX contacts_tenant_last_name_idx ON contacts (tenant_id, lower(last_name));
    `);
    await enableTenantIsolation(db, 'contacts');
    await grantToApi(db, 'contacts');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE contacts; DROP TABLE lessees;`);
  }
}
