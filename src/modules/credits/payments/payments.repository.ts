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
    const row = await this.rawUpdate(
      'payments',
      id,
      `UPDATE payments SET status = 'succeeded', completed_at = now()
        WHERE tenant_id = $1 AND id = $2 AND status = 'pending' AND provider = $3
        RETURNING *`,
      [this.context.tenantId, id, provider],
    );
    return row?.credits as number | undefined;
  }

  async cancelIfPending(id: string): Promise<void> {
    await this.rawUpdate('payments', id, `UPDATE payments SET status = 'canceled' WHERE tenant_id = $1 AND id = $2 AND status = 'pending' RETURNING *`, [this.context.tenantId, id]);
  }
}
