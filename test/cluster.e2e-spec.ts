import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { testDatabase } from './support/test-database.js';

/** The compiled cluster entry (`npm run start:cluster`) with exactly `env`. */
function startCluster(env: Record<string, string>): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, [path.resolve('dist/src/cluster.js')], {
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', JOBS_WORKERS: 'false', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

const workersOf = (pid: number): number[] =>
  readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);

async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took over ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

describe('Cluster mode (npm run start:cluster)', () => {
  const database = () => testDatabase();

  it('refuses to start in production without REDIS_URL: the limits would count per worker', async () => {
    const { output, exited } = startCluster({ NODE_ENV: 'production', WEB_CONCURRENCY: '2', DATABASE_URL: database().appUrl, ...database().secrets });
    expect(await within(exited, 20_000, 'the refusal')).not.toBe(0);
    expect(output()).toContain('Refusing to start 2 workers in production');
    expect(output()).toContain('set REDIS_URL');
  });

  it('refuses to start without DATABASE_URL (the embedded database serves one process)', async () => {
    const { output, exited } = startCluster({ NODE_ENV: 'development', WEB_CONCURRENCY: '2' });
    expect(await within(exited, 20_000, 'the refusal')).not.toBe(0);
    expect(output()).toContain('Cluster mode needs DATABASE_URL');
  });

  it('refuses a WEB_CONCURRENCY that is not a count', async () => {
    const { output, exited } = startCluster({ NODE_ENV: 'development', WEB_CONCURRENCY: 'many', DATABASE_URL: database().appUrl });
    expect(await within(exited, 20_000, 'the refusal')).not.toBe(0);
    expect(output()).toContain('WEB_CONCURRENCY must be an integer from 1 to 256');
  });

  it('serves one port from 2 workers, warns that the limits need REDIS_URL, and closes every worker on SIGTERM', async () => {
    const port = await freePort();
    const { child, output, exited } = startCluster({
      NODE_ENV: 'development',
      WEB_CONCURRENCY: '2',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: database().appUrl,
      ...database().secrets,
    });
    try {
      const deadline = Date.now() + 40_000;
      let workers: number[] = [];
      let healthy = 0;
      while (Date.now() < deadline && (healthy < 4 || workers.length < 2)) {
        workers = workersOf(child.pid!);
        const status = await fetch(`http://127.0.0.1:${port}/api/health`).then((response) => response.status, () => 0);
        healthy = status === 200 ? healthy + 1 : 0;
        if (healthy < 4) await new Promise((resolve) => setTimeout(resolve, 250));
      }
      expect(workers).toHaveLength(2);
      expect(healthy).toBeGreaterThanOrEqual(4);
      expect(output()).toContain('without REDIS_URL the rate limiters count in each worker');

      child.kill('SIGTERM');
      expect(await within(exited, 30_000, 'the shutdown')).toBe(0);
      await new Promise((resolve) => setTimeout(resolve, 500)); // orphans are reaped by init
      for (const pid of workers) expect(existsSync(`/proc/${pid}`)).toBe(false);
      expect(output()).toContain('SIGTERM: asking 2 workers to finish their requests and close');
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 90_000);
});
