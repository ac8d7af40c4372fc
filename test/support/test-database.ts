import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export interface TestDatabase {
  adminUrl: string;
  ownerUrl: string;
  appUrl: string;
  embedded: boolean;
  secrets: Record<'OTP_SECRET' | 'PROOF_SIGNING_KEY' | 'PDF_SEAL_KEY' | 'PDF_SEAL_CERTIFICATE' | 'WEBHOOK_SECRET_KEY', string>;
}

const STATE_FILE = path.resolve(`.data/${process.env.TEST_DATABASE_NAME || 'faireplace_test'}.json`);

/** The database jest's global setup prepared (test/support/global-setup.js). */
export function testDatabase(): TestDatabase {
  if (!existsSync(STATE_FILE)) throw new Error('Run the suites through `npm test`: its global setup prepares the database');
  return JSON.parse(readFileSync(STATE_FILE, 'utf8')) as TestDatabase;
}
