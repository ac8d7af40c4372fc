import type { MigrationInterface, QueryRunner } from 'typeorm';
import { grantToFullCatalogueHolders, withdrawPermissions } from '../sql.js';
import { CATALOGUE_BEFORE_WEBHOOKS, WEBHOOK_PERMISSIONS } from './1765440000000-webhooks-permissions.js';

/** The whole permission catalogue as it stood before this migration (written out: see the webhooks one). */
export const CATALOGUE_BEFORE_AUDIT = [...CATALOGUE_BEFORE_WEBHOOKS, ...WEBHOOK_PERMISSIONS] as const;

export const AUDIT_PERMISSIONS = ['audit:read'] as const;

/**
 * `audit:read` joins the catalogue (GET /api/audit-events): to every user who held the whole
 * catalogue before it. Keys acting with all of their user's permissions follow the user (the auth
 * trigger drops every cache).
 */
export class AuditPermission1765612800000 implements MigrationInterface {
  name = 'AuditPermission1765612800000';

  async up(db: QueryRunner): Promise<void> {
    await grantToFullCatalogueHolders(db, CATALOGUE_BEFORE_AUDIT, AUDIT_PERMISSIONS);
  }

  async down(db: QueryRunner): Promise<void> {
    await withdrawPermissions(db, AUDIT_PERMISSIONS);
  }
}
