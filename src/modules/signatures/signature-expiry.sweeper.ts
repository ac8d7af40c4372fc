import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { JOBS_DATA_SOURCE } from '../../database/tokens.js';
import { Jobs } from '../../core/jobs/jobs.js';
import { JobTransactions } from '../../core/tenancy/tenant-transactions.js';
import { SignatureWorkflow } from './signature-workflow.service.js';
import { SignaturesRepository } from './signatures.repository.js';

const BATCH = 100;

/**
 * Expires open workflows past their date even if nobody looks at them (refunding their credit and
 * reopening the lease): the recurring job `signatures.expire-due`. Finding them across tenants
 * goes through one SECURITY DEFINER function that returns ids only; each is then expired in its
 * own tenant's transaction, like any request. One that fails is logged and skipped: it must not
 * stop the sweep for every other tenant.
 */
@Injectable()
export class SignatureExpirySweeper implements OnModuleInit {
  private readonly logger = new Logger(SignatureExpirySweeper.name);

  constructor(
    @Inject(JOBS_DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly transactions: JobTransactions,
    private readonly workflow: SignatureWorkflow,
    private readonly signatures: SignaturesRepository,
    private readonly jobs: Jobs,
  ) {}

  onModuleInit(): void {
    this.jobs.handle('signatures.expire-due', async () => {
      await this.sweep();
    });
  }

  /** Returns how many workflows it expired and how many it could not. */
  async sweep(): Promise<{ expired: number; failed: number }> {
    const due: { tenant_id: string; signature_id: string }[] = await this.dataSource.query('SELECT * FROM app.expired_open_signatures($1)', [BATCH]);
    const paused = await this.jobs.pausedTenants();
    let expired = 0;
    let failed = 0;
    for (const { tenant_id: tenantId, signature_id: signatureId } of due) {
      if (paused.has(tenantId)) continue; // a suspended tenant's workflows wait for its reactivation
      try {
        const done = await this.transactions.run(tenantId, async () => this.workflow.expireIfDue(await this.signatures.lockById(signatureId)));
        if (done) expired++;
      } catch (error) {
        failed++;
        this.logger.error(`Could not expire signature ${signatureId}: ${(error as Error).message}; the sweep goes on`);
      }
    }
    return { expired, failed };
  }
}
