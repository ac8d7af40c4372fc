import type { MigrationInterface, QueryRunner } from 'typeorm';
import { CATALOGUE_BEFORE_WEBHOOKS, WEBHOOK_PERMISSIONS } from './1765440000000-webhooks-permissions.js';

/** The whole permission catalogue as it stood before this migration (written out: see the webhooks one). */
export const CATALOGUE_BEFORE_AUDIT = [...CATALOGUE_BEFORE_WEBHOOKS, ...WEBHOOK_PERMISSIONS] as const;

export const AUDIT_PERMISSIONS = ['audit:read'] as const;

/**
 * `audit:read` joins the catalogue (GET /api/audit-events). SPEC section 3: it goes to every user
 * who held the whole catalogue before it (the tenant's administrators), and to nobody else. Keys
 * narrowed to a list at creation keep their list; keys acting with all of their user's permissions
 * follow the user (the auth trigger drops every cache).
 */
export class AuditPermission1765612800000 implements MigrationInterface {
  name = 'AuditPermission1765612800000';

  async up(db: QueryRunner): Promise<void> {
    // As the owner role (BYPASSRLS): every tenant's users. Added once.
    await db.query(
      `UPDATE users
          SET permissions = permissions || ARRAY(SELECT added FROM unnest($2::text[]) AS added WHERE added <> ALL (permissions))
        WHERE permissions @> $1::text[]
          AND NOT permissions @> $2::text[]`,
      [CATALOGUE_BEFORE_AUDIT, AUDIT_PERMISSIONS],
    );
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of ['users', 'api_keys']) {
      await db.query(
        `UPDATE ${table} SET permissions = ARRAY(SELECT kept FROM unnest(permissions) AS kept WHERE kept <> ALL ($1::text[]))
          WHERE permissions && $1::text[]`,
        [AUDIT_PERMISSIONS],
      );
    }
  }
}
