import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The whole permission catalogue as it stood before this migration. Written out, not imported:
 * a migration is a fact about one moment, and the catalogue in the code keeps growing.
 */
export const CATALOGUE_BEFORE_WEBHOOKS = [
  'properties:read', 'properties:write', 'leases:read', 'leases:write', 'lessees:read', 'lessees:write',
  'signatures:read', 'signatures:write', 'credits:read', 'credits:write', 'media:read', 'media:write',
] as const;

export const WEBHOOK_PERMISSIONS = ['webhooks:read', 'webhooks:write'] as const;

/**
 * `webhooks:read` / `webhooks:write` join the catalogue. SPEC section 3: a permission added after
 * users were created goes to every user who held the whole catalogue before it (the tenant's
 * administrators), and to nobody else. Keys narrowed to a list at creation keep their list; keys
 * acting with all of their user's permissions follow the user (the auth trigger drops every cache).
 */
export class WebhooksPermissions1765440000000 implements MigrationInterface {
  name = 'WebhooksPermissions1765440000000';

  async up(db: QueryRunner): Promise<void> {
    // As the owner role (BYPASSRLS): every tenant's users. Each permission is added once.
    await db.query(
      `UPDATE users
          SET permissions = permissions || ARRAY(SELECT added FROM unnest($2::text[]) AS added WHERE added <> ALL (permissions))
        WHERE permissions @> $1::text[]
          AND NOT permissions @> $2::text[]`,
      [CATALOGUE_BEFORE_WEBHOOKS, WEBHOOK_PERMISSIONS],
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(
      `UPDATE users SET permissions = ARRAY(SELECT kept FROM unnest(permissions) AS kept WHERE kept <> ALL ($1::text[]))
        WHERE permissions && $1::text[]`,
      [WEBHOOK_PERMISSIONS],
    );
    await db.query(
      `UPDATE api_keys SET permissions = ARRAY(SELECT kept FROM unnest(permissions) AS kept WHERE kept <> ALL ($1::text[]))
        WHERE permissions && $1::text[]`,
      [WEBHOOK_PERMISSIONS],
    );
  }
}
