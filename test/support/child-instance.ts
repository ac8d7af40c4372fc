import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { INTERNAL_TOKEN } from './test-app.js';
import { testDatabase } from './test-database.js';

export interface ChildInstance {
  url: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * Another API instance in its own process (compiled app, same database), as a second server
 * behind a load balancer would be: its own pool, key cache and revocation listener.
 */
export async function startChildInstance(env: Record<string, string> = {}): Promise<ChildInstance> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [path.resolve('dist/src/main.js')], {
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'test',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: testDatabase().appUrl,
      DATABASE_POOL_SIZE: '4',
      INTERNAL_API_TOKEN: INTERNAL_TOKEN,
      LOG_LEVEL: 'log',
      SWAGGER_ENABLED: 'false',
      RATE_LIMIT_PER_HOUR: '1000000',
      ...testDatabase().secrets,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`instance did not start:\n${output}`)), 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('FairePlace API on')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`instance exited with ${code}:\n${output}`));
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
