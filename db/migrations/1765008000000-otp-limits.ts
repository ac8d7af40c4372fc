import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One-time codes per signer: wrong attempts were reset by every new code (2 guesses a minute for
 * the life of a workflow). Attempts now count across codes, and a signer gets at most 5 codes.
 */
export class OtpLimits1765008000000 implements MigrationInterface {
  name = 'OtpLimits1765008000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE signature_signers ADD COLUMN otp_sends integer NOT NULL DEFAULT 0 CHECK (otp_sends >= 0)`);
    // Signers already sent a code have had at least one.
    await db.query(`UPDATE signature_signers SET otp_sends = 1 WHERE otp_sent_at IS NOT NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE signature_signers DROP COLUMN otp_sends`);
  }
}
