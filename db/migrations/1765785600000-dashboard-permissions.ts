import type { MigrationInterface, QueryRunner } from 'typeorm';
import { grantToFullCatalogueHolders, withdrawPermissions } from '../sql.js';
import { AUDIT_PERMISSIONS, CATALOGUE_BEFORE_AUDIT } from './1765612800000-audit-permission.js';

/** The whole permission catalogue as it stood before this migration (written out: see the webhooks one). */
export const CATALOGUE_BEFORE_DASHBOARD = [...CATALOGUE_BEFORE_AUDIT, ...AUDIT_PERMISSIONS] as const;

export const DASHBOARD_PERMISSIONS = ['usage:read', 'logs:read'] as const;

/**
 * `usage:read` (the usage summary) and `logs:read` (the API request log) join the catalogue: to
 * every user who held the whole catalogue before them.
 */
export class DashboardPermissions1765785600000 implements MigrationInterface {
  name = 'DashboardPermissions1765785600000';

  async up(db: QueryRunner): Promise<void> {
    await grantToFullCatalogueHolders(db, CATALOGUE_BEFORE_DASHBOARD, DASHBOARD_PERMISSIONS);
  }

  async down(db: QueryRunner): Promise<void> {
    await withdrawPermissions(db, DASHBOARD_PERMISSIONS);
  }
}
