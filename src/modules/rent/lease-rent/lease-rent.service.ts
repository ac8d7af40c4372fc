import { Injectable } from '@nestjs/common';
import { ConflictError, RuleViolationError } from '../../../core/errors/domain-errors.js';
import { type Cents, fromCents, toCents } from '../../../core/money/money.js';
import { isoDate, type IsoDate } from '../../../core/time/calendar.js';
import { Clock } from '../../../core/time/clock.js';
import { TenantContext } from '../../../core/tenancy/tenant-context.js';
import { Estate } from '../../estates/estate.entity.js';
import { LeaseCharge } from '../../leases/charges/lease-charge.entity.js';
import type { Lease } from '../../leases/lease.entity.js';
import { LeasesRepository } from '../../leases/leases.repository.js';
import { Place } from '../../places/place.entity.js';
import { rentFreezeApplies } from '../revisions/irl-revision.js';
import { LeaseRentChangesRepository } from '../rent.repositories.js';
import type { ScheduleInput } from '../schedule/rent-schedule.js';
import { assertRunning } from '../rent-rules.js';
import type { ChangeRentDto, RentView } from './lease-rent.dto.js';
import type { LeaseRentChange, RentChangeReason } from './lease-rent-change.entity.js';

export interface RentInForce {
  rent: Cents;
  provision: Cents;
}

/**
 * A lease's rent over time: the contract's figures from its start, then each change (a revision,
 * an amendment, a correction) from its effective date. The schedule and every rent rule read it here.
 */
@Injectable()
export class LeaseRentService {
  constructor(
    private readonly leases: LeasesRepository,
    private readonly changes: LeaseRentChangesRepository,
    private readonly context: TenantContext,
    private readonly clock: Clock,
  ) {}

  async rents(lease: Lease): Promise<ScheduleInput['rents']> {
    const changes = await this.changes.listByLease(lease.id);
    return [
      { from: lease.start_date, rent: toCents(lease.rent_amount), provision: toCents(lease.charges_amount ?? 0) },
      ...changes.map((change) => ({ from: change.effective_date, rent: toCents(change.rent_amount), provision: toCents(change.charges_amount) })),
    ];
  }

  /** Everything the schedule needs: dates, frequency, rents, and the recoverable charge rows. */
  async scheduleInput(lease: Lease): Promise<ScheduleInput> {
    const charges = await this.context.manager.find(LeaseCharge, { where: { tenant_id: this.context.tenantId, lease_id: lease.id, recoverable: true }, order: { created_at: 'ASC', id: 'ASC' } });
    return {
      startDate: lease.start_date,
      endDate: lease.end_date,
      paymentDay: lease.payment_day,
      frequency: lease.rent_frequency,
      rents: await this.rents(lease),
      charges: charges.map((charge) => ({ label: charge.label, amount: toCents(charge.amount), frequency: charge.frequency, startDate: charge.start_date, endDate: charge.end_date })),
    };
  }

  inForceOn(rents: ScheduleInput['rents'], date: IsoDate): RentInForce {
    const current = [...rents].filter((entry) => entry.from <= date).sort((a, b) => (a.from < b.from ? 1 : -1))[0] ?? rents[0];
    return { rent: current.rent, provision: current.provision };
  }

  async view(leaseId: string): Promise<RentView> {
    const lease = await this.leases.getById(leaseId);
    const rents = await this.rents(lease);
    const current = this.inForceOn(rents, isoDate(this.clock.now()));
    return {
      rent_amount: fromCents(current.rent),
      charges_amount: fromCents(current.provision),
      contract: { rent_amount: lease.rent_amount, charges_amount: lease.charges_amount ?? 0, effective_date: lease.start_date },
      changes: await this.changes.listByLease(lease.id),
    };
  }

  /** PUT /leases/{id}/rent: an amendment or a correction, from its effective date. */
  async change(leaseId: string, input: ChangeRentDto): Promise<RentView> {
    const lease = await this.leases.lockById(leaseId);
    assertRunning(lease, 'have its rent changed (change a DRAFT lease itself)');
    await this.record(lease, { effective_date: input.effective_date, rent: toCents(input.rent_amount), provision: input.charges_amount === undefined ? undefined : toCents(input.charges_amount), reason: input.reason, note: input.note ?? null, revision_id: null });
    return this.view(leaseId);
  }

  /** Adds a change, once the rules allow it (the caller holds the lease's lock). */
  async record(
    lease: Lease,
    change: { effective_date: IsoDate; rent: Cents; provision?: Cents; reason: RentChangeReason; note: string | null; revision_id: string | null },
  ): Promise<LeaseRentChange> {
    if (change.effective_date <= lease.start_date) throw new RuleViolationError('A rent change takes effect after the lease starts', { rule: 'after_start' });
    if (lease.end_date && change.effective_date > lease.end_date) throw new RuleViolationError('A rent change takes effect before the lease ends', { rule: 'before_end' });
    const rents = await this.rents(lease);
    const before = this.inForceOn(rents, change.effective_date);
    if (change.rent > before.rent) await this.assertRentMayRise(lease, change.effective_date);
    try {
      return await this.changes.insert({
        lease_id: lease.id,
        effective_date: change.effective_date,
        rent_amount: fromCents(change.rent),
        charges_amount: fromCents(change.provision ?? before.provision),
        reason: change.reason,
        revision_id: change.revision_id,
        note: change.note,
      });
    } catch (error) {
      if ((error as { driverError?: { code?: string } }).driverError?.code === '23505') throw new ConflictError('The lease already has a rent change on that date');
      throw error;
    }
  }

  /** F and G housing: no rise at revision, renewal or reletting (art. 159, loi n° 2021-1104). */
  async assertRentMayRise(lease: Lease, on: IsoDate): Promise<void> {
    const estate = await this.context.manager.findOneByOrFail(Estate, { tenant_id: this.context.tenantId, id: lease.estate_id });
    const place = await this.context.manager.findOneByOrFail(Place, { tenant_id: this.context.tenantId, id: estate.place_id });
    if (rentFreezeApplies(estate.energy_label, place.postal_code, on)) {
      throw new RuleViolationError(
        `The rent of housing rated ${estate.energy_label} cannot rise (art. 159, loi n° 2021-1104 "Climat et résilience"; art. 17-1 loi n° 89-462)`,
        { rule: 'dpe_rent_freeze', energy_label: estate.energy_label },
      );
    }
  }
}
