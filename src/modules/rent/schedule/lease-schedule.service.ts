import { Injectable } from '@nestjs/common';
import { fromCents } from '../../../core/money/money.js';
import { type Page, toPage } from '../../../core/pagination/page.js';
import { addMonths, isoDate } from '../../../core/time/calendar.js';
import { Clock } from '../../../core/time/clock.js';
import { LeasesRepository } from '../../leases/leases.repository.js';
import { outstanding } from '../account/allocation.js';
import { LeaseLedger } from '../account/lease-ledger.service.js';
import { LeaseRentService } from '../lease-rent/lease-rent.service.js';
import { rentSchedule } from './rent-schedule.js';
import type { ListScheduleQueryDto, SchedulePeriodView } from './schedule.dto.js';

/** GET /leases/{id}/schedule: the periods between `from` and `to`, with their call and payment state. */
@Injectable()
export class LeaseSchedule {
  constructor(
    private readonly leases: LeasesRepository,
    private readonly rents: LeaseRentService,
    private readonly ledger: LeaseLedger,
    private readonly clock: Clock,
  ) {}

  async page(leaseId: string, query: ListScheduleQueryDto): Promise<Page<SchedulePeriodView>> {
    const lease = await this.leases.getById(leaseId);
    // Default window: the lease's start to its end, or to a year from today when it has none.
    const from = query.from ?? lease.start_date;
    const to = query.to ?? lease.end_date ?? addMonths(isoDate(this.clock.now()), 12);
    const periods = rentSchedule(await this.rents.scheduleInput(lease), from, to);
    const state = await this.ledger.state(lease);
    const byStart = new Map(state.allocation.calls.map((entry) => [entry.call.periodStart, entry]));
    const perPage = query.per_page ?? query.limit ?? 20;
    const page = query.page ?? 1;
    const data = periods.slice((page - 1) * perPage, page * perPage).map((period) => {
      const entry = byStart.get(period.start);
      return {
        period_start: period.start,
        period_end: period.end,
        due_date: period.dueDate,
        rent: fromCents(period.rent),
        charges: fromCents(period.charges),
        total: fromCents(period.total),
        lines: period.lines.map((line) => ({ ...line, amount: fromCents(line.amount) })),
        rent_call_id: entry?.call.id ?? null,
        status: !entry ? ('NOT_CALLED' as const) : entry.paidInFullOn ? ('PAID' as const) : entry.paidRent + entry.paidCharges > 0 ? ('PARTIAL' as const) : ('UNPAID' as const),
        outstanding: entry ? fromCents(outstanding(entry)) : null,
      };
    });
    return toPage(data, periods.length, page, perPage);
  }
}
