import type { MigrationInterface, QueryRunner } from 'typeorm';
import { API_GROUP_ROLE, grantToApi } from '../sql.js';

/**
 * A DRAFT condition report can be deleted (the API checks the status; what was signed stays).
 *
 * A condition report names the PDF that shows it as it stands: set when a PDF is made, cleared by
 * any edit of the report (both under the report's row lock). Only that PDF can be signed, so a
 * signed état des lieux never differs from the report it belongs to.
 */
export class ConditionReports1765267200000 implements MigrationInterface {
  name = 'ConditionReports1765267200000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE condition_reports
        ADD COLUMN document_id uuid,
        ADD CONSTRAINT condition_reports_document_fk FOREIGN KEY (tenant_id, document_id) REFERENCES documents (tenant_id, id);
    `);
    await grantToApi(db, 'condition_reports', 'DELETE');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`REVOKE DELETE ON condition_reports FROM ${API_GROUP_ROLE}`);
    await db.query(`ALTER TABLE condition_reports DROP COLUMN document_id`);
  }
}
