import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The whole permission catalogue as it stood before this migration. Written out, not imported:
 * a migration is a fact about one moment, and the catalogue in the code keeps growing.
 */
export const CATALOGUE_BEFORE_DASHBOARD = [
  'properties:read', 'properties:write', 'leases:read', 'leases:write', 'lessees:read', 'lessees:write',
  'signatures:read', 'signatures:write', 'credits:read', 'credits:write', 'media:read', 'media:write',
  'webhooks:read', 'webhooks:write',
] as const;

export const DASHBOARD_PERMISSIONS = ['usage:read', 'logs:read'] as const;

/**
 * `usage:read` (the usage summary) and `logs:read` (the API request log) join the catalogue.
 * SPEC section 3: granted to every user who held the whole catalogue before (the tenant's
 * administrators), and to nobody else; keys narrowed at creation keep their list.
 */
export class DashboardPermissions1765785600000 implements MigrationInterface {
  name = 'DashboardPermissions1765785600000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `UPDATE users
          SET permissions = permissions || ARRAY(SELECT added FROM unnest($2::text[]) AS added WHERE added <> ALL (permissions))
        WHERE permissions @> $1::text[]
          AND NOT permissions @> $2::text[]`,
      [CATALOGUE_BEFORE_DASHBOARD, DASHBOARD_PERMISSIONS],
    );
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of ['users', 'api_keys']) {
      await db.query(
        `UPDATE ${table} SET permissions = ARRAY(SELECT kept FROM unnest(permissions) AS kept WHERE kept <> ALL ($1::text[]))
          WHERE permissions && $1::text[]`,
        [DASHBOARD_PERMISSIONS],
      );
    }
  }
}
