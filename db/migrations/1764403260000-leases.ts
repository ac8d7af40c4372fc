import type { MigrationInterface, QueryRunner } from 'typeorm';
import { enableTenantIsolation, grantToApi } from '../sql.js';

/**
 * Leases of a unit, their parties (lessees as tenant or guarantor) and their charges.
 * - A unit with leases cannot be deleted (NO ACTION → 409); a lease takes its parties and charges.
 * - A lessee leaves its parties behind when deleted (CASCADE): the API refuses that while the
 *   lessee is on a lease other than DRAFT or CANCELLED.
 */
export class Leases1764403260000 implements MigrationInterface {
  name = 'Leases1764403260000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE leases (
        tenant_id              uuid           NOT NULL REFERENCES tenants (id),
        id                     uuid           NOT NULL,
        estate_id              uuid           NOT NULL,
        lease_type             text           NOT NULL CHECK (lease_type IN ('unfurnished', 'furnished', 'student', 'commercial', 'parking')),
        status                 text           NOT NULL DEFAULT 'DRAFT'
                                 CHECK (status IN ('DRAFT', 'PENDING_SIGNATURE', 'ACTIVE', 'NOTICE', 'TERMINATED', 'CANCELLED')),
        start_date             date           NOT NULL,
        end_date               date,
        rent_amount            numeric(12, 2) NOT NULL CHECK (rent_amount >= 0),
        charges_amount         numeric(12, 2) CHECK (charges_amount >= 0),
        deposit_amount         numeric(12, 2) CHECK (deposit_amount >= 0),
        payment_day            integer        CHECK (payment_day BETWEEN 1 AND 28),
        rent_frequency         text           NOT NULL DEFAULT 'monthly' CHECK (rent_frequency IN ('monthly', 'quarterly')),
        charge_settlement_mode text           CHECK (charge_settlement_mode IN ('provision', 'flat_rate', 'periodic')),
        reference_number       text,
        notes                  text,
        created_at             timestamptz    NOT NULL DEFAULT now(),
        updated_at             timestamptz    NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        FOREIGN KEY (tenant_id, estate_id) REFERENCES estates (tenant_id, id),
        CONSTRAINT leases_end_after_start CHECK (end_date IS NULL OR end_date > start_date)
      );
      CREATE INDEX leases_tenant_created_idx ON leases (tenant_id, created_at DESC, id DESC);
      CREATE INDEX leases_tenant_estate_idx ON leases (tenant_id, estate_id, status);
      CREATE INDEX leases_tenant_status_idx ON leases (tenant_id, status);
      CREATE INDEX leases_tenant_start_idx ON leases (tenant_id, start_date);
    `);
    await enableTenantIsolation(db, 'leases');
    await grantToApi(db, 'leases');

    await db.query(`
      CREATE TABLE lease_lessees (
        tenant_id  uuid        NOT NULL REFERENCES tenants (id),
        id         uuid        NOT NULL,
        lease_id   uuid        NOT NULL,
        lessee_id  uuid        NOT NULL,
        role       text        NOT NULL CHECK (role IN ('tenant', 'guarantor')),
        start_date date        NOT NULL,
        end_date   date,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        FOREIGN KEY (tenant_id, lease_id) REFERENCES leases (tenant_id, id) ON DELETE CASCADE,
        FOREIGN KEY (tenant_id, lessee_id) REFERENCES lessees (tenant_id, id) ON DELETE CASCADE,
        -- A lessee is attached at most once per role to a lease.
        CONSTRAINT lease_lessees_once_per_role UNIQUE (tenant_id, lease_id, lessee_id, role),
        CONSTRAINT lease_lessees_end_after_start CHECK (end_date IS NULL OR end_date >= start_date)
      );
      CREATE INDEX lease_lessees_tenant_lessee_idx ON lease_lessees (tenant_id, lessee_id);
    `);
    await enableTenantIsolation(db, 'lease_lessees');
    await grantToApi(db, 'lease_lessees');

    await db.query(`
      CREATE TABLE lease_charges (
        tenant_id   uuid           NOT NULL REFERENCES tenants (id),
        id          uuid           NOT NULL,
        lease_id    uuid           NOT NULL,
        label       text           NOT NULL,
        category    text           NOT NULL CHECK (category IN ('water', 'heating', 'elevator', 'cleaning', 'waste_tax', 'insurance', 'other')),
        amount      numeric(12, 2) NOT NULL CHECK (amount >= 0),
        frequency   text           NOT NULL CHECK (frequency IN ('monthly', 'quarterly', 'yearly', 'one_time')),
        recoverable boolean        NOT NULL DEFAULT true,
        start_date  date,
        end_date    date,
        created_at  timestamptz    NOT NULL DEFAULT now(),
        updated_at  timestamptz    NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        FOREIGN KEY (tenant_id, lease_id) REFERENCES leases (tenant_id, id) ON DELETE CASCADE,
        CONSTRAINT lease_charges_end_after_start CHECK (end_date IS NULL OR start_date IS NULL OR end_date > start_date)
      );
      CREATE INDEX lease_charges_tenant_lease_idx ON lease_charges (tenant_id, lease_id, created_at DESC, id DESC);
    `);
    await enableTenantIsolation(db, 'lease_charges');
    await grantToApi(db, 'lease_charges');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE lease_charges; DROP TABLE lease_lessees; DROP TABLE leases;`);
  }
}
