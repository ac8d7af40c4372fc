import { Injectable } from '@nestjs/common';
import { AuditTrail } from '../../core/audit/audit-trail.js';
import { AppConfig } from '../../config/app-config.js';
import { DomainError } from '../../core/errors/domain-errors.js';
import { Events } from '../../core/events/events.js';
import { TenantContext } from '../../core/tenancy/tenant-context.js';
import type { SortedListQuery } from '../../core/pagination/list-query.dto.js';
import type { Page } from '../../core/pagination/page.js';
import { TenantRepository } from '../../core/tenancy/tenant-repository.js';
import { type CreditTransactionType, CreditTransaction } from './credit.entities.js';

export class InsufficientCreditsError extends DomainError {
  constructor(balance: number, required: number) {
    super(422, 'INSUFFICIENT_CREDITS', `This needs ${required} credit${required > 1 ? 's' : ''}; the balance is ${balance}`, { balance, required });
  }
}

/**
 * The credit ledger. Every change locks the tenant's account row, computes the new balance,
 * refuses it below zero, and appends a transaction with `balance_after`, all in the caller's
 * transaction: concurrent debits queue on the row lock, and a CHECK keeps the balance >= 0 even
 * if code ever forgot to.
 */
@Injectable()
export class CreditTransactionsRepository extends TenantRepository<CreditTransaction> {
  protected readonly entity = CreditTransaction;
  protected readonly alias = 'entry';
  protected readonly resource = 'Credit transaction';
}

@Injectable()
export class CreditLedger {
  constructor(
    private readonly context: TenantContext,
    private readonly entries: CreditTransactionsRepository,
    private readonly events: Events,
    private readonly config: AppConfig,
    private readonly audit: AuditTrail,
  ) {}

  /** The ledger, newest first, optionally of one type. */
  transactions(query: SortedListQuery & { type?: string }): Promise<Page<CreditTransaction>> {
    return this.entries.page(query, { created_at: 'entry.created_at' }, { type: query.type });
  }

  async balance(): Promise<{ balance: number; updated_at: Date | null }> {
    const [row] = await this.context.manager.query(`SELECT balance, updated_at FROM credit_accounts WHERE tenant_id = $1`, [this.context.tenantId]);
    return row ? { balance: row.balance, updated_at: row.updated_at } : { balance: 0, updated_at: null };
  }

  debit(credits: number, type: CreditTransactionType, reference: string): Promise<CreditTransaction> {
    return this.apply(-credits, type, reference);
  }

  credit(credits: number, type: CreditTransactionType, reference: string): Promise<CreditTransaction> {
    return this.apply(credits, type, reference);
  }

  private async apply(amount: number, type: CreditTransactionType, reference: string): Promise<CreditTransaction> {
    const manager = this.context.manager;
    const tenantId = this.context.tenantId;
    await manager.query(`INSERT INTO credit_accounts (tenant_id) VALUES ($1) ON CONFLICT (tenant_id) DO NOTHING`, [tenantId]);
    const [account] = await manager.query(`SELECT balance FROM credit_accounts WHERE tenant_id = $1 FOR UPDATE`, [tenantId]);
    const balanceAfter = (account as { balance: number }).balance + amount;
    if (balanceAfter < 0) throw new InsufficientCreditsError((account as { balance: number }).balance, -amount);
    const [[updated]] = (await manager.query(`UPDATE credit_accounts SET balance = $2 WHERE tenant_id = $1 RETURNING updated_at`, [tenantId, balanceAfter])) as [{ updated_at: Date }[], number];
    // The account has no id of its own (one per data space): its events carry no resource_id.
    this.audit.updated('credit_accounts', { balance: (account as { balance: number }).balance }, { balance: balanceAfter });
    const entry = await this.entries.insert({ type, amount, balance_after: balanceAfter, reference });
    // Once per crossing: from the threshold or more to below it.
    const threshold = this.config.CREDITS_LOW_BALANCE_THRESHOLD;
    const balanceBefore = (account as { balance: number }).balance;
    if (type === 'consumption' && balanceBefore >= threshold && balanceAfter < threshold) {
      await this.events.emit('credits.balance_low', { balance: balanceAfter, updated_at: updated.updated_at, threshold });
    }
    return entry;
  }
}
