import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Amendments' history, made structured: who acted is an object (`kind`, `user_id`, `key_prefix`)
 * the history answers as is and an audit can query, not a string to parse; and the actions are
 * the known ones only. The table is new and append-only (the app role may SELECT and INSERT, never
 * UPDATE or DELETE): no row is rewritten by this change.
 */
export class Amendments1765353600000 implements MigrationInterface {
  name = 'Amendments1765353600000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE amendment_events
        ALTER COLUMN actor TYPE jsonb USING to_jsonb(actor),
        ADD CONSTRAINT amendment_events_actor_is_object CHECK (jsonb_typeof(actor) = 'object'),
        ADD CONSTRAINT amendment_events_action_check CHECK (action IN (
          'created', 'updated', 'pdf_generated', 'signature_started', 'signed', 'signature_ended', 'applied', 'cancelled'));
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE amendment_events
        DROP CONSTRAINT amendment_events_action_check,
        DROP CONSTRAINT amendment_events_actor_is_object,
        ALTER COLUMN actor TYPE text USING actor::text;
    `);
  }
}
