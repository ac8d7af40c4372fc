import type { MigrationInterface, QueryRunner } from 'typeorm';
import { API_GROUP_ROLE, enableTenantIsolation, grantToApi } from '../sql.js';

/**
 * The rent cycle (loi n° 89-462): a lease's rent history, rent calls (avis d'échéance) and their
 * bulk runs, payments received (an append-only ledger: corrections are reversing entries),
 * receipts (quittances and reçus, numbered per tenant and year without gaps), IRL revisions, and
 * the shared catalogue of rent indices (IRL), written only through a SECURITY DEFINER function.
 * Money is numeric(12,2), computed in integer cents by the application.
 */
export class RentCycle1765094400000 implements MigrationInterface {
  name = 'RentCycle1765094400000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      -- What the rent rules and the contract need to know about the property and the parties.
      ALTER TABLE places
        ADD COLUMN rent_control boolean NOT NULL DEFAULT false,
        ADD COLUMN reference_rent_per_m2 numeric(12, 2) CHECK (reference_rent_per_m2 > 0),
        ADD COLUMN increased_reference_rent_per_m2 numeric(12, 2) CHECK (increased_reference_rent_per_m2 > 0);
      ALTER TABLE estates ADD COLUMN energy_label text CHECK (energy_label IN ('A', 'B', 'C', 'D', 'E', 'F', 'G'));
      ALTER TABLE owners ADD COLUMN iban text, ADD COLUMN bic text;
      ALTER TABLE lessees ADD COLUMN email_receipts_consent_at timestamptz;
      ALTER TABLE leases
        ADD COLUMN irl_reference_quarter text CHECK (irl_reference_quarter ~ '^T[1-4]-[0-9]{4}$'),
        ADD COLUMN revision_date date,
        ADD COLUMN rent_supplement numeric(12, 2) CHECK (rent_supplement >= 0);

      ALTER TABLE documents DROP CONSTRAINT documents_kind_check;
      ALTER TABLE documents ADD CONSTRAINT documents_kind_check
        CHECK (kind IN ('lease_pdf', 'signed_lease_pdf', 'rent_call_pdf', 'receipt_pdf'));

      -- The IRL published by INSEE each quarter: the same for every tenant (a Citus reference table).
      CREATE TABLE rent_indices (
        quarter      text          PRIMARY KEY CHECK (quarter ~ '^T[1-4]-[0-9]{4}$'),
        value        numeric(7, 2) NOT NULL CHECK (value > 0),
        published_on date,
        source       text          NOT NULL CHECK (length(source) BETWEEN 1 AND 500),
        created_at   timestamptz   NOT NULL DEFAULT now(),
        updated_at   timestamptz   NOT NULL DEFAULT now()
      );
      GRANT SELECT ON rent_indices TO ${API_GROUP_ROLE};
      -- Shipped empty: values are entered (with their source) through the internal API.
      CREATE FUNCTION app.put_rent_index(p_quarter text, p_value numeric, p_published_on date, p_source text)
        RETURNS void
        LANGUAGE sql VOLATILE SECURITY DEFINER
        SET search_path = pg_catalog, pg_temp
        AS $$
          INSERT INTO public.rent_indices (quarter, value, published_on, source) VALUES (p_quarter, p_value, p_published_on, p_source)
          ON CONFLICT (quarter) DO UPDATE SET value = EXCLUDED.value, published_on = EXCLUDED.published_on, source = EXCLUDED.source, updated_at = now()
        $$;
      REVOKE ALL ON FUNCTION app.put_rent_index(text, numeric, date, text) FROM PUBLIC;
      GRANT EXECUTE ON FUNCTION app.put_rent_index(text, numeric, date, text) TO ${API_GROUP_ROLE};

      -- Rent and charges provision in force from a date (the contract's figures are the first).
      CREATE TABLE lease_rent_changes (
        tenant_id      uuid           NOT NULL,
        id             uuid           NOT NULL,
        lease_id       uuid           NOT NULL,
        effective_date date           NOT NULL,
        rent_amount    numeric(12, 2) NOT NULL CHECK (rent_amount >= 0),
        charges_amount numeric(12, 2) NOT NULL CHECK (charges_amount >= 0),
        reason         text           NOT NULL CHECK (reason IN ('revision', 'amendment', 'correction')),
        revision_id    uuid,
        note           text,
        created_at     timestamptz    NOT NULL DEFAULT now(),
        updated_at     timestamptz    NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        FOREIGN KEY (tenant_id, lease_id) REFERENCES leases (tenant_id, id),
        CONSTRAINT lease_rent_changes_one_per_day UNIQUE (tenant_id, lease_id, effective_date)
      );

      CREATE TABLE rent_revisions (
        tenant_id         uuid           NOT NULL,
        id                uuid           NOT NULL,
        lease_id          uuid           NOT NULL,
        revision_date     date           NOT NULL,
        claimed_on        date           NOT NULL,
        effective_date    date           NOT NULL,
        index_quarter     text           NOT NULL,
        index_value       numeric(7, 2)  NOT NULL,
        previous_quarter  text           NOT NULL,
        previous_value    numeric(7, 2)  NOT NULL,
        previous_rent     numeric(12, 2) NOT NULL,
        new_rent          numeric(12, 2) NOT NULL,
        status            text           NOT NULL DEFAULT 'RECORDED' CHECK (status IN ('RECORDED', 'APPLIED')),
        applied_at        timestamptz,
        created_at        timestamptz    NOT NULL DEFAULT now(),
        updated_at        timestamptz    NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        FOREIGN KEY (tenant_id, lease_id) REFERENCES leases (tenant_id, id),
        CONSTRAINT rent_revisions_one_per_anniversary UNIQUE (tenant_id, lease_id, revision_date)
      );
      ALTER TABLE lease_rent_changes ADD FOREIGN KEY (tenant_id, revision_id) REFERENCES rent_revisions (tenant_id, id);

      CREATE TABLE rent_call_runs (
        tenant_id   uuid        NOT NULL,
        id          uuid        NOT NULL,
        month       date        NOT NULL CHECK (extract(day FROM month) = 1),
        status      text        NOT NULL DEFAULT 'QUEUED' CHECK (status IN ('QUEUED', 'RUNNING', 'COMPLETED', 'COMPLETED_WITH_FAILURES')),
        total       integer     NOT NULL DEFAULT 0,
        done        integer     NOT NULL DEFAULT 0,
        failed      integer     NOT NULL DEFAULT 0,
        failures    jsonb       NOT NULL DEFAULT '[]',
        started_at  timestamptz,
        finished_at timestamptz,
        created_at  timestamptz NOT NULL DEFAULT now(),
        updated_at  timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        CONSTRAINT rent_call_runs_one_per_month UNIQUE (tenant_id, month)
      );

      -- One call per lease and period, ever: a retried run or a double click adds nothing.
      CREATE TABLE rent_calls (
        tenant_id      uuid           NOT NULL,
        id             uuid           NOT NULL,
        lease_id       uuid           NOT NULL,
        period_start   date           NOT NULL,
        period_end     date           NOT NULL CHECK (period_end >= period_start),
        due_date       date           NOT NULL,
        rent_amount    numeric(12, 2) NOT NULL CHECK (rent_amount >= 0),
        charges_amount numeric(12, 2) NOT NULL CHECK (charges_amount >= 0),
        total          numeric(12, 2) NOT NULL CHECK (total = rent_amount + charges_amount),
        lines          jsonb          NOT NULL,
        document_id    uuid,
        run_id         uuid,
        created_at     timestamptz    NOT NULL DEFAULT now(),
        updated_at     timestamptz    NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        FOREIGN KEY (tenant_id, lease_id) REFERENCES leases (tenant_id, id),
        FOREIGN KEY (tenant_id, document_id) REFERENCES documents (tenant_id, id),
        FOREIGN KEY (tenant_id, run_id) REFERENCES rent_call_runs (tenant_id, id),
        CONSTRAINT rent_calls_one_per_period UNIQUE (tenant_id, lease_id, period_start)
      );

      -- Money received for a lease. Never updated: a correction is a new row reversing another.
      CREATE TABLE rent_payments (
        tenant_id   uuid           NOT NULL,
        id          uuid           NOT NULL,
        lease_id    uuid           NOT NULL,
        amount      numeric(12, 2) NOT NULL CHECK (amount <> 0),
        received_on date           NOT NULL,
        method      text           NOT NULL CHECK (method IN ('transfer', 'cheque', 'cash', 'direct_debit', 'card')),
        reference   text,
        reverses_id uuid,
        created_at  timestamptz    NOT NULL DEFAULT now(),
        updated_at  timestamptz    NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        FOREIGN KEY (tenant_id, lease_id) REFERENCES leases (tenant_id, id),
        FOREIGN KEY (tenant_id, reverses_id) REFERENCES rent_payments (tenant_id, id),
        CONSTRAINT rent_payments_reversed_once UNIQUE (tenant_id, reverses_id),
        CONSTRAINT rent_payments_sign CHECK ((reverses_id IS NULL) = (amount > 0))
      );

      -- Quittances (a period paid in full) and reçus (a partial payment), art. 21 loi 89-462.
      CREATE TABLE receipts (
        tenant_id      uuid           NOT NULL,
        id             uuid           NOT NULL,
        lease_id       uuid           NOT NULL,
        kind           text           NOT NULL CHECK (kind IN ('quittance', 'recu')),
        number         text           NOT NULL,
        year           integer        NOT NULL,
        sequence       integer        NOT NULL CHECK (sequence >= 1),
        call_id        uuid           NOT NULL,
        payment_id     uuid,
        rent_amount    numeric(12, 2) NOT NULL CHECK (rent_amount >= 0),
        charges_amount numeric(12, 2) NOT NULL CHECK (charges_amount >= 0),
        total          numeric(12, 2) NOT NULL CHECK (total = rent_amount + charges_amount),
        paid_on        date           NOT NULL,
        document_id    uuid,
        cancelled_at   timestamptz,
        created_at     timestamptz    NOT NULL DEFAULT now(),
        updated_at     timestamptz    NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        FOREIGN KEY (tenant_id, lease_id) REFERENCES leases (tenant_id, id),
        FOREIGN KEY (tenant_id, call_id) REFERENCES rent_calls (tenant_id, id),
        FOREIGN KEY (tenant_id, payment_id) REFERENCES rent_payments (tenant_id, id),
        FOREIGN KEY (tenant_id, document_id) REFERENCES documents (tenant_id, id),
        CONSTRAINT receipts_number UNIQUE (tenant_id, kind, year, sequence)
      );
      CREATE UNIQUE INDEX receipts_one_quittance_per_period ON receipts (tenant_id, call_id) WHERE kind = 'quittance' AND cancelled_at IS NULL;
      CREATE UNIQUE INDEX receipts_one_recu_per_payment_and_period ON receipts (tenant_id, payment_id, call_id) WHERE kind = 'recu';
      CREATE INDEX receipts_tenant_lease_idx ON receipts (tenant_id, lease_id, created_at DESC, id DESC);

      -- Gapless numbering: the counter row is locked and bumped in the receipt's own transaction.
      CREATE TABLE receipt_sequences (
        tenant_id   uuid        NOT NULL REFERENCES tenants (id),
        kind        text        NOT NULL CHECK (kind IN ('quittance', 'recu')),
        year        integer     NOT NULL,
        last_number integer     NOT NULL CHECK (last_number >= 1),
        created_at  timestamptz NOT NULL DEFAULT now(),
        updated_at  timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, kind, year)
      );

      CREATE INDEX rent_calls_tenant_due_idx ON rent_calls (tenant_id, due_date);
      CREATE INDEX rent_payments_tenant_lease_idx ON rent_payments (tenant_id, lease_id, received_on, id);
      CREATE INDEX rent_revisions_tenant_lease_idx ON rent_revisions (tenant_id, lease_id, revision_date DESC);
    `);
    for (const table of ['lease_rent_changes', 'rent_revisions', 'rent_call_runs', 'rent_calls', 'rent_payments', 'receipts', 'receipt_sequences']) {
      await enableTenantIsolation(db, table);
    }
    // The ledger's entries are append-only for the API: corrections are new rows.
    await grantToApi(db, 'lease_rent_changes', 'SELECT, INSERT');
    await grantToApi(db, 'rent_payments', 'SELECT, INSERT');
    await grantToApi(db, 'rent_calls', 'SELECT, INSERT');
    await grantToApi(db, 'rent_revisions', 'SELECT, INSERT, UPDATE');
    await grantToApi(db, 'rent_call_runs', 'SELECT, INSERT, UPDATE');
    await grantToApi(db, 'receipts', 'SELECT, INSERT, UPDATE');
    await grantToApi(db, 'receipt_sequences', 'SELECT, INSERT, UPDATE');
    // The bulk run of rent calls: a job per run, holding ids only.
    await db.query(`SELECT pgboss.create_queue('rent-calls.run', '{"policy":"standard","retryLimit":3,"retryDelay":30,"retryBackoff":true,"expireInSeconds":3600}')`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      SELECT pgboss.delete_queue('rent-calls.run');
      DROP TABLE receipt_sequences, receipts, rent_payments, rent_calls, rent_call_runs;
      ALTER TABLE lease_rent_changes DROP COLUMN revision_id;
      DROP TABLE rent_revisions, lease_rent_changes;
      DROP FUNCTION app.put_rent_index(text, numeric, date, text);
      DROP TABLE rent_indices;
      ALTER TABLE documents DROP CONSTRAINT documents_kind_check;
      ALTER TABLE documents ADD CONSTRAINT documents_kind_check CHECK (kind IN ('lease_pdf', 'signed_lease_pdf'));
      ALTER TABLE leases DROP COLUMN irl_reference_quarter, DROP COLUMN revision_date, DROP COLUMN rent_supplement;
      ALTER TABLE lessees DROP COLUMN email_receipts_consent_at;
      ALTER TABLE owners DROP COLUMN iban, DROP COLUMN bic;
      ALTER TABLE estates DROP COLUMN energy_label;
      ALTER TABLE places DROP COLUMN rent_control, DROP COLUMN reference_rent_per_m2, DROP COLUMN increased_reference_rent_per_m2;
    `);
  }
}
