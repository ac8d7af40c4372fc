import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { demoSigningSecrets } from './demo-secrets.js';

describe('demoSigningSecrets (the embedded demo keeps its own secrets in its data folder)', () => {
  it('makes every secret once, then reads them back', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'faireplace-demo-'));
    const made = await demoSigningSecrets(dir);
    expect(Object.keys(made).sort()).toEqual(['OTP_SECRET', 'PDF_SEAL_CERTIFICATE', 'PDF_SEAL_KEY', 'PROOF_SIGNING_KEY', 'WEBHOOK_SECRET_KEY']);
    expect(await demoSigningSecrets(dir)).toEqual(made);
    expect(statSync(path.join(dir, 'signing-secrets.json')).mode & 0o777).toBe(0o600);
  });

  it('adds the webhook key to a file made before webhooks, keeping the other secrets', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'faireplace-demo-'));
    const file = path.join(dir, 'signing-secrets.json');
    const older = { OTP_SECRET: 'o'.repeat(32), PROOF_SIGNING_KEY: 'proof', PDF_SEAL_KEY: 'key', PDF_SEAL_CERTIFICATE: 'cert' };
    writeFileSync(file, JSON.stringify(older), { mode: 0o600 });
    const upgraded = await demoSigningSecrets(dir);
    expect(upgraded).toEqual({ ...older, WEBHOOK_SECRET_KEY: expect.stringMatching(/^[\w-]{43}$/) });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(upgraded);
    expect(await demoSigningSecrets(dir)).toEqual(upgraded);
  });
});
