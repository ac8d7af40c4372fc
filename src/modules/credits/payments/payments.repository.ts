import { Injectable } from '@nestjs/common';
import { TenantRepository } from '../../../core/tenancy/tenant-repository.js';
import { Payment } from './payment.entity.js';

@Injectable()
export class PaymentsRepository extends TenantRepository<Payment> {
  protected readonly entity = Payment;
  protected readonly alias = 'payment';
  protected readonly resource = 'Payment';

  /**
   * The one transition that credits a payment: only the caller whose UPDATE moves it out of
   * `pending` gets its credits back; replays and racing completions get nothing.
   */
  async markSucceeded(id: string, provider: Payment['provider']): Promise<number | undefined> {
    // TypeORM answers an UPDATE with [rows, count].
    const [rows] = (await this.context.manager.query(
      `UPDATE payments SET status = 'succeeded', completed_at = now()
        WHERE tenant_id = $1 AND id = $2 AND status = 'pending' AND provider = $3
        RETURNING credits`,
      [this.context.tenantId, id, provider],
    )) as [{ credits: number }[], number];
    return rows[0]?.credits;
  }

  async cancelIfPending(id: string): Promise<void> {
    await this.repository.update({ tenant_id: this.context.tenantId, id, status: 'pending' }, { status: 'canceled' });
  }
}
