import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../config/app-config.js';
import { TenantTransactions } from '../../core/tenancy/tenant-transactions.js';
import { SignatureWorkflow } from './signature-workflow.service.js';
import { SignaturesRepository } from './signatures.repository.js';

const SWEEP_EVERY_MS = 60_000;
const BATCH = 100;

/**
 * Expires open workflows past their date even if nobody looks at them (refunding their credit and
 * reopening the lease). Finding them across tenants goes through one SECURITY DEFINER function that
 * returns ids only; each is then expired in its own tenant's transaction, like any request.
 */
@Injectable()
export class SignatureExpirySweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SignatureExpirySweeper.name);
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: TenantTransactions,
    private readonly workflow: SignatureWorkflow,
    private readonly signatures: SignaturesRepository,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.NODE_ENV === 'test' || this.config.BENCH_BYPASS_TENANCY) return; // tests call sweep() themselves
    this.timer = setInterval(() => void this.sweep().catch((error: Error) => this.logger.warn(`Expiry sweep failed: ${error.message}`)), SWEEP_EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** Returns how many workflows it expired. */
  async sweep(): Promise<number> {
    const due: { tenant_id: string; signature_id: string }[] = await this.dataSource.query('SELECT * FROM app.expired_open_signatures($1)', [BATCH]);
    let expired = 0;
    for (const { tenant_id: tenantId, signature_id: signatureId } of due) {
      const done = await this.transactions.run(tenantId, async () => this.workflow.expireIfDue(await this.signatures.lockById(signatureId)));
      if (done) expired++;
    }
    return expired;
  }
}
