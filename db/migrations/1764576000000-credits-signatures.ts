import type { MigrationInterface, QueryRunner } from 'typeorm';
import { API_GROUP_ROLE, enableTenantIsolation, grantToApi } from '../sql.js';

/**
 * Credits (a ledger), payments, e-signatures with a hash-chained audit trail, and the outbox of
 * sent notifications.
 * - credit_packages is the one shared catalogue: the same rows for every tenant, no tenant_id
 *   (a reference table in the Citus plan), read-only for the API.
 * - The ledger and the signature events are append-only: the API role may only INSERT and SELECT.
 * - The balance can never go negative: a CHECK on the account row, which every change locks.
 */
export class CreditsSignatures1764576000000 implements MigrationInterface {
  name = 'CreditsSignatures1764576000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE credit_packages (
        id       text           PRIMARY KEY,
        credits  integer        NOT NULL CHECK (credits > 0),
        price    numeric(12, 2) NOT NULL CHECK (price > 0),
        currency text           NOT NULL DEFAULT 'EUR',
        active   boolean        NOT NULL DEFAULT true,
        position integer        NOT NULL
      );
      -- Prices excluding VAT (SPEC section 6).
      INSERT INTO credit_packages (id, credits, price, position) VALUES
        ('credits_1', 1, 30.00, 1), ('credits_5', 5, 140.00, 2), ('credits_10', 10, 250.00, 3),
        ('credits_25', 25, 575.00, 4), ('credits_50', 50, 1000.00, 5);
      GRANT SELECT ON credit_packages TO ${API_GROUP_ROLE};

      CREATE TABLE credit_accounts (
        tenant_id  uuid        PRIMARY KEY REFERENCES tenants (id),
        balance    integer     NOT NULL DEFAULT 0 CHECK (balance >= 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE credit_transactions (
        tenant_id     uuid        NOT NULL REFERENCES credit_accounts (tenant_id),
        id            uuid        NOT NULL,
        type          text        NOT NULL CHECK (type IN ('purchase', 'consumption', 'refund', 'adjustment')),
        amount        integer     NOT NULL CHECK (amount <> 0),
        balance_after integer     NOT NULL CHECK (balance_after >= 0),
        reference     text        NOT NULL,
        created_at    timestamptz NOT NULL DEFAULT now(),
        updated_at    timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id)
      );
      CREATE INDEX credit_transactions_tenant_created_idx ON credit_transactions (tenant_id, created_at DESC, id DESC);
      CREATE INDEX credit_transactions_tenant_reference_idx ON credit_transactions (tenant_id, reference);

      CREATE TABLE payments (
        tenant_id          uuid           NOT NULL REFERENCES tenants (id),
        id                 uuid           NOT NULL,
        package_id         text           NOT NULL REFERENCES credit_packages (id),
        provider           text           NOT NULL CHECK (provider IN ('stripe', 'manual')),
        provider_reference text,
        status             text           NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'succeeded', 'failed', 'canceled')),
        credits            integer        NOT NULL CHECK (credits > 0),
        amount             numeric(12, 2) NOT NULL CHECK (amount > 0),
        currency           text           NOT NULL,
        checkout_url       text,
        success_url        text           NOT NULL,
        cancel_url         text           NOT NULL,
        completed_at       timestamptz,
        created_at         timestamptz    NOT NULL DEFAULT now(),
        updated_at         timestamptz    NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id)
      );
      CREATE INDEX payments_tenant_created_idx ON payments (tenant_id, created_at DESC, id DESC);

      -- Provider events already handled (a replayed webhook is recognised and skipped).
      CREATE TABLE payment_events (
        tenant_id  uuid        NOT NULL REFERENCES tenants (id),
        id         uuid        NOT NULL,
        provider   text        NOT NULL,
        event_id   text        NOT NULL,
        event_type text        NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        CONSTRAINT payment_events_once UNIQUE (tenant_id, provider, event_id)
      );
    `);
    for (const table of ['credit_accounts', 'credit_transactions', 'payments', 'payment_events']) await enableTenantIsolation(db, table);
    await grantToApi(db, 'credit_accounts', 'SELECT, INSERT, UPDATE');
    await grantToApi(db, 'credit_transactions', 'SELECT, INSERT');
    await grantToApi(db, 'payments', 'SELECT, INSERT, UPDATE');
    await grantToApi(db, 'payment_events', 'SELECT, INSERT');

    await db.query(`
      CREATE TABLE signatures (
        tenant_id          uuid        NOT NULL REFERENCES tenants (id),
        id                 uuid        NOT NULL,
        lease_id           uuid        NOT NULL,
        document_id        uuid        NOT NULL,
        document_sha256    text        NOT NULL,
        status             text        NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'IN_PROGRESS', 'COMPLETED', 'CANCELLED', 'EXPIRED')),
        expires_at         timestamptz NOT NULL,
        completed_at       timestamptz,
        ended_at           timestamptz,
        signed_document_id uuid,
        created_at         timestamptz NOT NULL DEFAULT now(),
        updated_at         timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        FOREIGN KEY (tenant_id, lease_id) REFERENCES leases (tenant_id, id),
        FOREIGN KEY (tenant_id, document_id) REFERENCES documents (tenant_id, id),
        FOREIGN KEY (tenant_id, signed_document_id) REFERENCES documents (tenant_id, id)
      );
      -- One open workflow per lease, whatever the races.
      CREATE UNIQUE INDEX signatures_one_open_per_lease ON signatures (tenant_id, lease_id) WHERE status IN ('PENDING', 'IN_PROGRESS');
      CREATE INDEX signatures_tenant_lease_idx ON signatures (tenant_id, lease_id, created_at DESC);

      CREATE TABLE signature_signers (
        tenant_id      uuid        NOT NULL REFERENCES tenants (id),
        id             uuid        NOT NULL,
        signature_id   uuid        NOT NULL,
        position       integer     NOT NULL CHECK (position >= 1),
        type           text        NOT NULL CHECK (type IN ('owner', 'tenant', 'guarantor', 'agent')),
        name           text        NOT NULL,
        email          text,
        phone          text,
        status         text        NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'OTP_SENT', 'COMPLETED', 'LOCKED')),
        -- HMAC of the current code; the code itself is never stored.
        otp_hash       text,
        otp_expires_at timestamptz,
        otp_sent_at    timestamptz,
        otp_attempts   integer     NOT NULL DEFAULT 0,
        completed_at   timestamptz,
        created_at     timestamptz NOT NULL DEFAULT now(),
        updated_at     timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        FOREIGN KEY (tenant_id, signature_id) REFERENCES signatures (tenant_id, id),
        CONSTRAINT signature_signers_position UNIQUE (tenant_id, signature_id, position),
        CONSTRAINT signature_signers_contact CHECK (email IS NOT NULL OR phone IS NOT NULL)
      );

      -- The audit trail: hash = sha256(previous hash + canonical event), append-only.
      CREATE TABLE signature_events (
        tenant_id      uuid        NOT NULL REFERENCES tenants (id),
        id             uuid        NOT NULL,
        signature_id   uuid        NOT NULL,
        signer_id      uuid,
        sequence       integer     NOT NULL CHECK (sequence >= 1),
        type           text        NOT NULL,
        occurred_at    timestamptz NOT NULL,
        details        jsonb       NOT NULL DEFAULT '{}',
        previous_hash  text        NOT NULL,
        hash           text        NOT NULL,
        created_at     timestamptz NOT NULL DEFAULT now(),
        updated_at     timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        FOREIGN KEY (tenant_id, signature_id) REFERENCES signatures (tenant_id, id),
        FOREIGN KEY (tenant_id, signer_id) REFERENCES signature_signers (tenant_id, id),
        CONSTRAINT signature_events_sequence UNIQUE (tenant_id, signature_id, sequence)
      );

      CREATE TABLE outbox_messages (
        tenant_id  uuid        NOT NULL REFERENCES tenants (id),
        id         uuid        NOT NULL,
        channel    text        NOT NULL CHECK (channel IN ('email', 'sms')),
        recipient  text        NOT NULL,
        subject    text,
        body       text        NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id)
      );
      CREATE INDEX outbox_messages_tenant_created_idx ON outbox_messages (tenant_id, created_at DESC, id DESC);
    `);
    for (const table of ['signatures', 'signature_signers', 'signature_events', 'outbox_messages']) await enableTenantIsolation(db, table);
    await grantToApi(db, 'signatures', 'SELECT, INSERT, UPDATE');
    await grantToApi(db, 'signature_signers', 'SELECT, INSERT, UPDATE');
    await grantToApi(db, 'signature_events', 'SELECT, INSERT');
    await grantToApi(db, 'outbox_messages', 'SELECT, INSERT');

    // The expiry sweep must find open workflows of every tenant before it knows which: like the
    // key lookup, one narrow SECURITY DEFINER function, ids only.
    await db.query(`
      CREATE FUNCTION app.expired_open_signatures(p_limit integer)
        RETURNS TABLE (tenant_id uuid, signature_id uuid)
        LANGUAGE sql STABLE SECURITY DEFINER
        SET search_path = pg_catalog, pg_temp
        AS $$
          SELECT s.tenant_id, s.id FROM public.signatures s
           WHERE s.status IN ('PENDING', 'IN_PROGRESS') AND s.expires_at <= now()
           ORDER BY s.expires_at
           LIMIT p_limit
        $$;
      REVOKE ALL ON FUNCTION app.expired_open_signatures(integer) FROM PUBLIC;
      GRANT EXECUTE ON FUNCTION app.expired_open_signatures(integer) TO ${API_GROUP_ROLE};
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP FUNCTION app.expired_open_signatures(integer);
      DROP TABLE outbox_messages; DROP TABLE signature_events; DROP TABLE signature_signers; DROP TABLE signatures;
      DROP TABLE payment_events; DROP TABLE payments; DROP TABLE credit_transactions; DROP TABLE credit_accounts; DROP TABLE credit_packages;
    `);
  }
}
