import type { MigrationInterface, QueryRunner } from 'typeorm';
import { API_GROUP_ROLE, enableTenantIsolation, grantToApi } from '../sql.js';

/**
 * Hosted signing pages (`/sign/{token}`): one link per signer, whose token (256 random bits) is
 * the credential. Only its SHA-256 is stored. The token arrives before any tenant is known, so it
 * is resolved like an API key: through one narrow SECURITY DEFINER function, which answers only
 * for a link that can still be used (the workflow open and not past its date, the signer neither
 * done nor locked); the page then works in that tenant's transaction as the app role.
 */
export class SigningLinks1765526400000 implements MigrationInterface {
  name = 'SigningLinks1765526400000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE signing_links (
        tenant_id  uuid        NOT NULL REFERENCES tenants (id),
        id         uuid        NOT NULL,
        -- The one signer the link acts for (its workflow is the signer's).
        signer_id  uuid        NOT NULL,
        -- SHA-256 of the token; the token itself is shown once, in the initiation's response.
        token_hash bytea       NOT NULL CHECK (length(token_hash) = 32),
        -- The workflow's own expiry, copied: the link never outlives it.
        expires_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        FOREIGN KEY (tenant_id, signer_id) REFERENCES signature_signers (tenant_id, id),
        CONSTRAINT signing_links_one_per_signer UNIQUE (tenant_id, signer_id)
      );
      -- Looked up by hash before the tenant is known, only through app.signing_link(): the second
      -- index that does not lead with tenant_id, for the same reason as api_keys_key_hash_idx.
      CREATE INDEX signing_links_token_hash_idx ON signing_links (token_hash);
    `);
    await enableTenantIsolation(db, 'signing_links');
    // Links are written once and never changed: their usability follows the workflow and signer.
    await grantToApi(db, 'signing_links', 'SELECT, INSERT');

    await db.query(`
      -- One hash in; out, for a link that can act now: its tenant (the data space, live or a
      -- sandbox twin), its signer, and the workflow with the document it signs. An unknown,
      -- expired or used link answers nothing, in the same single query.
      CREATE FUNCTION app.signing_link(p_token_hash bytea)
        RETURNS TABLE (tenant_id uuid, sandbox boolean, link_id uuid, signer_id uuid, signature_id uuid,
                       subject_kind text, lease_id uuid, subject_id uuid)
        LANGUAGE sql STABLE SECURITY DEFINER
        SET search_path = pg_catalog, pg_temp
        AS $$
          SELECT l.tenant_id, t.sandbox_of IS NOT NULL, l.id, g.id, s.id, s.subject_kind, s.lease_id, s.subject_id
            FROM public.signing_links l
            JOIN public.signature_signers g ON g.tenant_id = l.tenant_id AND g.id = l.signer_id
            JOIN public.signatures s ON s.tenant_id = g.tenant_id AND s.id = g.signature_id
            JOIN public.tenants t ON t.id = l.tenant_id
           WHERE l.token_hash = p_token_hash
             AND l.expires_at > now()
             AND s.status IN ('PENDING', 'IN_PROGRESS')
             AND s.expires_at > now()
             AND g.status IN ('PENDING', 'OTP_SENT')
        $$;
      REVOKE ALL ON FUNCTION app.signing_link(bytea) FROM PUBLIC;
      GRANT EXECUTE ON FUNCTION app.signing_link(bytea) TO ${API_GROUP_ROLE};
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP FUNCTION app.signing_link(bytea); DROP TABLE signing_links;`);
  }
}
