import { spawn } from 'node:child_process';
import path from 'node:path';
import { testDatabase } from './support/test-database.js';

/** Runs the compiled API with exactly `env`; resolves with its exit code and output (it must exit). */
function startApi(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.resolve('dist/src/main.js')], { env: { PATH: process.env.PATH ?? '', PORT: '0', LOG_LEVEL: 'error', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the API did not refuse to start:\n${output}`));
    }, 20_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

/** What the API refuses to start with: it must fail at once, saying why, never serve. */
describe('Start-up refusals', () => {
  const database = () => testDatabase();

  it('refuses owner or admin credentials in its environment in production', async () => {
    const { code, output } = await startApi({ NODE_ENV: 'production', DATABASE_URL: database().appUrl, DATABASE_OWNER_URL: database().ownerUrl, ...database().secrets });
    expect(code).not.toBe(0);
    expect(output).toContain('DATABASE_OWNER_URL must not be in the API\'s environment in production');
  });

  it('refuses to start without its signing secrets outside the embedded demo (no public fallback)', async () => {
    const { code, output } = await startApi({ NODE_ENV: 'development', DATABASE_URL: database().appUrl });
    expect(code).not.toBe(0);
    expect(output).toContain('Refusing to start: OTP_SECRET, PROOF_SIGNING_KEY, PDF_SEAL_KEY, PDF_SEAL_CERTIFICATE, WEBHOOK_SECRET_KEY must be set');
  });

  it('refuses to start without the key that encrypts webhook secrets', async () => {
    const { WEBHOOK_SECRET_KEY: _key, ...signing } = database().secrets;
    const { code, output } = await startApi({ NODE_ENV: 'development', DATABASE_URL: database().appUrl, ...signing });
    expect(code).not.toBe(0);
    expect(output).toContain('Refusing to start: WEBHOOK_SECRET_KEY must be set');
  });
});
