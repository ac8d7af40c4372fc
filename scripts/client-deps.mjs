// Installs client/'s own dependencies (its TypeScript 5 and openapi-typescript, which the root's
// TypeScript 6 cannot share) with `npm ci --prefix client`, only when they are missing or its
// lockfile changed since: a stamp in client/node_modules holds the lockfile's hash. Run by the
// root's pretest and client:* scripts, so `npm ci && npm test` works on a fresh machine.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const client = new URL('../client/', import.meta.url);
const stamp = new URL('node_modules/.installed-lockfile-sha256', client);
const lockfileHash = createHash('sha256').update(readFileSync(new URL('package-lock.json', client))).digest('hex');

if (existsSync(stamp) && readFileSync(stamp, 'utf8') === lockfileHash) process.exit(0);
console.log('Installing client/ dependencies (npm ci --prefix client)');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
execFileSync(npm, ['ci', '--prefix', 'client', '--no-audit', '--no-fund'], { cwd: new URL('..', import.meta.url), stdio: 'inherit' });
writeFileSync(stamp, lockfileHash);
