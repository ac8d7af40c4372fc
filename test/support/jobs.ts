import type { DataSource } from 'typeorm';
import type { QueueName } from '../../src/core/jobs/job-queues.js';
import { Jobs } from '../../src/core/jobs/jobs.js';
import { JOBS_DATA_SOURCE } from '../../src/database/tokens.js';
import type { TestApp } from './test-app.js';

/**
 * Runs a tenant's due jobs of one queue now, until none is left; returns how many ran. Suites run
 * side by side on one database: another suite's runPending briefly holds our jobs (fetched, so
 * active, then cancelled and resumed), so one pass may miss one; it is looked for again until
 * none of ours is waiting or held.
 */
export async function runTenantJobs(t: TestApp, queue: QueueName, tenantId: string): Promise<number> {
  const jobs = t.app.get(Jobs);
  const database = t.app.get<DataSource>(JOBS_DATA_SOURCE);
  let ran = 0;
  for (let pass = 0; pass < 20; pass++) {
    ran += await jobs.runPending(queue, (job) => (job as { tenant_id?: string }).tenant_id === tenantId);
    const [{ waiting }] = (await database.query(
      `SELECT count(*)::int AS waiting FROM pgboss.job WHERE name = $1 AND state IN ('created', 'retry', 'cancelled', 'active') AND start_after < now() AND data->>'tenant_id' = $2`,
      [queue, tenantId],
    )) as { waiting: number }[];
    if (waiting === 0) return ran;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return ran;
}
