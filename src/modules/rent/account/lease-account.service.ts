import { Injectable } from '@nestjs/common';
import { type Cents, fromCents, toCents } from '../../../core/money/money.js';
import { type Page, toPage } from '../../../core/pagination/page.js';
import { daysBetween, isoDate } from '../../../core/time/calendar.js';
import { Clock } from '../../../core/time/clock.js';
import { TenantContext } from '../../../core/tenancy/tenant-context.js';
import { LeasesRepository } from '../../leases/leases.repository.js';
import { outstanding } from './allocation.js';
import type { AccountView, ArrearsRow, ListArrearsQueryDto } from './account.dto.js';
import { LeaseLedger } from './lease-ledger.service.js';

/** The account of a lease as a partner reads it, and the arrears of the whole portfolio. */
@Injectable()
export class LeaseAccounts {
  constructor(
    private readonly leases: LeasesRepository,
    private readonly ledger: LeaseLedger,
    private readonly context: TenantContext,
    private readonly clock: Clock,
  ) {}

  async account(leaseId: string): Promise<AccountView> {
    const state = await this.ledger.state(await this.leases.getById(leaseId));
    const today = isoDate(this.clock.now());
    type Line = AccountView['lines'][number] & { sort: string; delta: Cents };
    const lines: Line[] = [
      ...state.calls.map((call) => ({
        date: call.due_date, sort: `${call.due_date}:0:${call.period_start}`, type: 'rent_call' as const, id: call.id,
        label: `Avis d'échéance du ${call.period_start} au ${call.period_end}`, debit: call.total, credit: 0, delta: toCents(call.total), balance: 0,
      })),
      ...state.payments.map((payment) => ({
        date: payment.received_on, sort: `${payment.received_on}:1:${payment.id}`, type: payment.reverses_id ? ('reversal' as const) : ('payment' as const), id: payment.id,
        label: payment.reverses_id ? 'Annulation d\'un paiement' : payment.method === 'deposit' ? 'Retenue sur le dépôt de garantie' : `Paiement (${payment.method})`,
        debit: payment.reverses_id ? -payment.amount : 0, credit: payment.reverses_id ? 0 : payment.amount, delta: -toCents(payment.amount), balance: 0,
      })),
    ].sort((a, b) => (a.sort < b.sort ? -1 : 1));
    let running = 0;
    for (const line of lines) {
      running += line.delta;
      line.balance = fromCents(running);
    }
    const periods = state.allocation.calls.map((entry) => ({
      rent_call_id: entry.call.id,
      period_start: entry.call.periodStart,
      due_date: entry.call.dueDate,
      total: fromCents(entry.call.rent + entry.call.charges),
      paid: fromCents(entry.paidRent + entry.paidCharges),
      outstanding: fromCents(outstanding(entry)),
      status: entry.paidInFullOn ? ('PAID' as const) : entry.paidRent + entry.paidCharges > 0 ? ('PARTIAL' as const) : ('UNPAID' as const),
      paid_in_full_on: entry.paidInFullOn,
      overdue: !entry.paidInFullOn && entry.call.dueDate < today,
    }));
    return {
      lease_id: leaseId,
      balance: fromCents(state.allocation.balance),
      credit: fromCents(state.allocation.credit),
      overdue: fromCents(state.allocation.calls.filter((entry) => entry.call.dueDate < today).reduce((sum, entry) => sum + outstanding(entry), 0)),
      periods,
      lines: lines.map(({ sort: _sort, delta: _delta, ...line }) => line),
    };
  }

  /**
   * Leases with overdue periods: what is owed on calls past their due date (money received pays
   * the oldest first), and how late the oldest unpaid one is. One query over the tenant's calls
   * and payments, sorted and paged in SQL.
   */
  async arrears(query: ListArrearsQueryDto): Promise<Page<ArrearsRow>> {
    const today = isoDate(this.clock.now());
    const perPage = query.per_page ?? query.limit ?? 20;
    const page = query.page ?? 1;
    const rows = await this.arrearsRows(query, today, perPage, (page - 1) * perPage);
    // Past the last page the window count is gone with the rows: ask for it alone.
    const total = rows[0]?.total_rows ?? (page > 1 ? ((await this.arrearsRows(query, today, 1, 0))[0]?.total_rows ?? 0) : 0);
    const data = rows.map((row) => ({ lease_id: row.lease_id, overdue_amount: row.overdue_amount, oldest_due_date: row.oldest_due_date, days_late: daysBetween(row.oldest_due_date, today) }));
    return toPage(data, total, page, perPage);
  }

  private async arrearsRows(query: ListArrearsQueryDto, today: string, limit: number, offset: number) {
    const sort = query.sort ?? '-amount';
    const column = { amount: 'overdue_amount', days_late: 'oldest_due_date' }[sort.replace(/^-/, '') as 'amount' | 'days_late'];
    // More days late is an older due date: descending days is ascending dates.
    const descending = sort.startsWith('-') !== (column === 'oldest_due_date');
    return (await this.context.manager.query(
      `WITH paid AS (
         SELECT lease_id, sum(amount) AS paid FROM rent_payments WHERE tenant_id = $1 GROUP BY lease_id
       ), calls AS (
         SELECT c.lease_id, c.due_date, c.total, sum(c.total) OVER (PARTITION BY c.lease_id ORDER BY c.period_start) AS cumulative
           FROM rent_calls c WHERE c.tenant_id = $1
       ), overdue AS (
         SELECT calls.lease_id,
                greatest(0, coalesce(sum(calls.total) FILTER (WHERE calls.due_date < $2), 0) - coalesce(max(paid.paid), 0)) AS overdue_amount,
                min(calls.due_date) FILTER (WHERE calls.due_date < $2 AND calls.cumulative > coalesce(paid.paid, 0)) AS oldest_due_date
           FROM calls LEFT JOIN paid ON paid.lease_id = calls.lease_id
          GROUP BY calls.lease_id
       )
       SELECT lease_id, overdue_amount, oldest_due_date, count(*) OVER ()::int AS total_rows
         FROM overdue
        WHERE overdue_amount >= $3 AND oldest_due_date IS NOT NULL
          AND ($4::int IS NULL OR oldest_due_date <= $2::date - $4::int)
        ORDER BY ${column} ${descending ? 'DESC' : 'ASC'}, lease_id
        LIMIT $5 OFFSET $6`,
      [this.context.tenantId, today, query.min_amount ?? 0.01, query.min_days_late ?? null, limit, offset],
    )) as { lease_id: string; overdue_amount: number; oldest_due_date: string; total_rows: number }[];
  }
}
