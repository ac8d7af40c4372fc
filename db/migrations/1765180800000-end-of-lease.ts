import type { MigrationInterface, QueryRunner } from 'typeorm';
import { enableTenantIsolation, grantToApi } from '../sql.js';

/**
 * The end of a lease and the changes during it: notices (congés), the termination workflow,
 * condition reports (états des lieux) with the organisation's wear grid, the deposit settlement,
 * and amendments (avenants) with their history. Signatures now sign any signable document of a
 * lease (the lease itself, an amendment, a condition report): one workflow, one open per document.
 */
export class EndOfLease1765180800000 implements MigrationInterface {
  name = 'EndOfLease1765180800000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      -- Zone tendue (décret n° 2013-392): shorter notice for the lessee.
      ALTER TABLE places ADD COLUMN tense_zone boolean NOT NULL DEFAULT false;

      -- ARCHIVED is reached from TERMINATED only, through PUT /leases/{id}/archive.
      ALTER TABLE leases DROP CONSTRAINT leases_status_check;
      ALTER TABLE leases ADD CONSTRAINT leases_status_check
        CHECK (status IN ('DRAFT', 'PENDING_SIGNATURE', 'ACTIVE', 'NOTICE', 'TERMINATED', 'CANCELLED', 'ARCHIVED'));
      -- The wear grid in force for this lease: the organisation's template, copied when it was signed.
      ALTER TABLE leases ADD COLUMN wear_grid jsonb;
      -- Art. 8-1: a co-tenant who leaves stays jointly liable until this date.
      ALTER TABLE lease_lessees ADD COLUMN solidarity_until date;

      -- Documents of a lease may belong to one of its amendments or condition reports.
      ALTER TABLE documents ADD COLUMN subject_id uuid;
      ALTER TABLE documents DROP CONSTRAINT documents_kind_check;
      ALTER TABLE documents ADD CONSTRAINT documents_kind_check CHECK (kind IN (
        'lease_pdf', 'signed_lease_pdf', 'rent_call_pdf', 'receipt_pdf',
        'amendment_pdf', 'signed_amendment_pdf', 'condition_report_pdf', 'signed_condition_report_pdf', 'deposit_settlement_pdf'));

      -- One signature workflow for every signable document.
      ALTER TABLE signatures
        ADD COLUMN subject_kind text NOT NULL DEFAULT 'lease' CHECK (subject_kind IN ('lease', 'amendment', 'condition_report')),
        ADD COLUMN subject_id uuid;
      UPDATE signatures SET subject_id = lease_id;
      ALTER TABLE signatures ALTER COLUMN subject_id SET NOT NULL, ALTER COLUMN subject_kind DROP DEFAULT;
      DROP INDEX signatures_one_open_per_lease;
      CREATE UNIQUE INDEX signatures_one_open_per_document ON signatures (tenant_id, subject_kind, subject_id) WHERE status IN ('PENDING', 'IN_PROGRESS');
      CREATE INDEX signatures_tenant_subject_idx ON signatures (tenant_id, subject_kind, subject_id, created_at DESC);

      -- Money held back from the deposit may pay arrears: a payment of method 'deposit'.
      ALTER TABLE rent_payments DROP CONSTRAINT rent_payments_method_check;
      ALTER TABLE rent_payments ADD CONSTRAINT rent_payments_method_check CHECK (method IN ('transfer', 'cheque', 'cash', 'direct_debit', 'card', 'deposit'));

      CREATE TABLE lease_notices (
        tenant_id       uuid        NOT NULL,
        id              uuid        NOT NULL,
        lease_id        uuid        NOT NULL,
        given_by        text        NOT NULL CHECK (given_by IN ('lessee', 'landlord')),
        reason          text        NOT NULL,
        received_on     date        NOT NULL,
        notice_months   integer     NOT NULL CHECK (notice_months > 0),
        end_date        date        NOT NULL,
        details         jsonb       NOT NULL DEFAULT '{}',
        created_at      timestamptz NOT NULL DEFAULT now(),
        updated_at      timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        FOREIGN KEY (tenant_id, lease_id) REFERENCES leases (tenant_id, id)
      );
      CREATE INDEX lease_notices_tenant_lease_idx ON lease_notices (tenant_id, lease_id, created_at DESC);

      CREATE TABLE lease_terminations (
        tenant_id             uuid        NOT NULL,
        id                    uuid        NOT NULL,
        lease_id              uuid        NOT NULL,
        status                text        NOT NULL CHECK (status IN ('INITIATED', 'EXIT_PENDING', 'SETTLEMENT_PENDING', 'COMPLETED')),
        reason                text        NOT NULL,
        effective_date        date        NOT NULL,
        notice_id             uuid,
        keys_returned_at      timestamptz,
        exit_report_signed_at timestamptz,
        deposit_settled_at    timestamptz,
        charges_settled_at    timestamptz,
        forced_reason         text,
        completed_at          timestamptz,
        created_at            timestamptz NOT NULL DEFAULT now(),
        updated_at            timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        FOREIGN KEY (tenant_id, lease_id) REFERENCES leases (tenant_id, id),
        FOREIGN KEY (tenant_id, notice_id) REFERENCES lease_notices (tenant_id, id),
        CONSTRAINT lease_terminations_one_per_lease UNIQUE (tenant_id, lease_id)
      );

      -- The organisation's wear (vétusté) grid: its template for new leases.
      CREATE TABLE wear_grids (
        tenant_id  uuid        NOT NULL REFERENCES tenants (id),
        id         uuid        NOT NULL,
        items      jsonb       NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        CONSTRAINT wear_grids_one_per_tenant UNIQUE (tenant_id)
      );

      CREATE TABLE condition_reports (
        tenant_id          uuid        NOT NULL,
        id                 uuid        NOT NULL,
        lease_id           uuid        NOT NULL,
        kind               text        NOT NULL CHECK (kind IN ('entry', 'exit')),
        status             text        NOT NULL DEFAULT 'DRAFT' CHECK (status IN ('DRAFT', 'PENDING_SIGNATURE', 'SIGNED')),
        performed_on       date        NOT NULL,
        items              jsonb       NOT NULL DEFAULT '[]',
        meters             jsonb       NOT NULL DEFAULT '[]',
        keys               jsonb       NOT NULL DEFAULT '[]',
        forwarding_address text,
        notes              text,
        signed_at          timestamptz,
        created_at         timestamptz NOT NULL DEFAULT now(),
        updated_at         timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        FOREIGN KEY (tenant_id, lease_id) REFERENCES leases (tenant_id, id),
        CONSTRAINT condition_reports_one_per_kind UNIQUE (tenant_id, lease_id, kind)
      );

      CREATE TABLE deposit_settlements (
        tenant_id                 uuid           NOT NULL,
        id                        uuid           NOT NULL,
        lease_id                  uuid           NOT NULL,
        deposit_amount            numeric(12, 2) NOT NULL CHECK (deposit_amount >= 0),
        deductions                jsonb          NOT NULL DEFAULT '[]',
        deducted_total            numeric(12, 2) NOT NULL CHECK (deducted_total >= 0),
        arrears_deducted          numeric(12, 2) NOT NULL DEFAULT 0 CHECK (arrears_deducted >= 0),
        held_back                 numeric(12, 2) NOT NULL DEFAULT 0 CHECK (held_back >= 0),
        keys_returned_on          date           NOT NULL,
        exit_matches_entry        boolean        NOT NULL,
        due_date                  date           NOT NULL,
        forwarding_address_on     date,
        paid_on                   date,
        penalty                   numeric(12, 2) NOT NULL DEFAULT 0 CHECK (penalty >= 0),
        amount_returned           numeric(12, 2) NOT NULL CHECK (amount_returned >= 0),
        held_back_due_date        date,
        held_back_paid_on         date,
        document_id               uuid,
        created_at                timestamptz    NOT NULL DEFAULT now(),
        updated_at                timestamptz    NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        FOREIGN KEY (tenant_id, lease_id) REFERENCES leases (tenant_id, id),
        FOREIGN KEY (tenant_id, document_id) REFERENCES documents (tenant_id, id),
        CONSTRAINT deposit_settlements_one_per_lease UNIQUE (tenant_id, lease_id)
      );

      CREATE TABLE amendments (
        tenant_id      uuid        NOT NULL,
        id             uuid        NOT NULL,
        lease_id       uuid        NOT NULL,
        type           text        NOT NULL CHECK (type IN ('duration_change', 'renewal', 'rent_change', 'co_tenant_added', 'co_tenant_removed', 'other')),
        status         text        NOT NULL DEFAULT 'DRAFT' CHECK (status IN ('DRAFT', 'PENDING_SIGNATURE', 'SIGNED', 'APPLIED', 'CANCELLED')),
        changes        jsonb       NOT NULL DEFAULT '{}',
        description    text,
        effective_date date        NOT NULL,
        signed_at      timestamptz,
        applied_at     timestamptz,
        created_at     timestamptz NOT NULL DEFAULT now(),
        updated_at     timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        FOREIGN KEY (tenant_id, lease_id) REFERENCES leases (tenant_id, id)
      );
      CREATE INDEX amendments_tenant_lease_idx ON amendments (tenant_id, lease_id, created_at DESC);

      -- Who changed what, when: append-only.
      CREATE TABLE amendment_events (
        tenant_id    uuid        NOT NULL,
        id           uuid        NOT NULL,
        amendment_id uuid        NOT NULL,
        action       text        NOT NULL,
        actor        text        NOT NULL,
        previous     jsonb,
        next         jsonb,
        created_at   timestamptz NOT NULL DEFAULT now(),
        updated_at   timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        FOREIGN KEY (tenant_id, amendment_id) REFERENCES amendments (tenant_id, id)
      );
      CREATE INDEX amendment_events_tenant_amendment_idx ON amendment_events (tenant_id, amendment_id, created_at, id);
    `);
    for (const table of ['lease_notices', 'lease_terminations', 'wear_grids', 'condition_reports', 'deposit_settlements', 'amendments', 'amendment_events']) {
      await enableTenantIsolation(db, table);
    }
    await grantToApi(db, 'lease_notices', 'SELECT, INSERT');
    await grantToApi(db, 'lease_terminations', 'SELECT, INSERT, UPDATE');
    await grantToApi(db, 'wear_grids', 'SELECT, INSERT, UPDATE');
    await grantToApi(db, 'condition_reports', 'SELECT, INSERT, UPDATE');
    await grantToApi(db, 'deposit_settlements', 'SELECT, INSERT, UPDATE');
    await grantToApi(db, 'amendments', 'SELECT, INSERT, UPDATE');
    await grantToApi(db, 'amendment_events', 'SELECT, INSERT');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP TABLE amendment_events, amendments, deposit_settlements, condition_reports, wear_grids, lease_terminations, lease_notices;
      DROP INDEX signatures_one_open_per_document, signatures_tenant_subject_idx;
      CREATE UNIQUE INDEX signatures_one_open_per_lease ON signatures (tenant_id, lease_id) WHERE status IN ('PENDING', 'IN_PROGRESS');
      ALTER TABLE signatures DROP COLUMN subject_kind, DROP COLUMN subject_id;
      ALTER TABLE documents DROP COLUMN subject_id;
      ALTER TABLE lease_lessees DROP COLUMN solidarity_until;
      ALTER TABLE leases DROP COLUMN wear_grid;
      ALTER TABLE places DROP COLUMN tense_zone;
    `);
  }
}
