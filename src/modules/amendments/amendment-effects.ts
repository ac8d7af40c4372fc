import { Injectable } from '@nestjs/common';
import { ConflictError, NotFoundError, RuleViolationError } from '../../core/errors/domain-errors.js';
import { fromCents, toCents } from '../../core/money/money.js';
import { References } from '../../core/relations/references.js';
import type { Lease } from '../leases/lease.entity.js';
import { LeasesRepository } from '../leases/leases.repository.js';
import { LeasePartiesRepository } from '../leases/parties/lease-parties.repository.js';
import type { LeaseParty } from '../leases/parties/lease-party.entity.js';
import { LeaseRentService } from '../rent/lease-rent/lease-rent.service.js';
import { assertRunning } from '../rent/rent-rules.js';
import { changesOf, type ChangesOf } from './amendment-changes.js';
import { assertEffectiveInLease, assertNewEnd, assertNoticeBeforeEffect } from './amendment-rules.js';
import type { Amendment } from './amendment.entity.js';
import { AmendmentsRepository } from './amendments.repository.js';
import { solidarityEnds } from './solidarity.js';

/** What an amendment says, before it has an id: enough to check it against its lease. */
export type AmendmentTerms = Pick<Amendment, 'type' | 'effective_date' | 'changes'>;

/** The lease's fields an application changed, before and after: for the amendment's history. */
export interface LeaseChange {
  previous: Record<string, unknown>;
  next: Record<string, unknown>;
}

/**
 * What each type of amendment does to its lease. `check` answers early (when it is drafted) what
 * `apply` would refuse; `apply` checks again, since the lease may have moved on meanwhile, then
 * changes the lease in the caller's transaction. The caller holds the lease's lock. The lease row
 * is written directly: its content is locked outside DRAFT for PUT /leases/{id}, and a signed
 * amendment is the legitimate way to change it.
 */
@Injectable()
export class AmendmentEffects {
  constructor(
    private readonly leases: LeasesRepository,
    private readonly parties: LeasePartiesRepository,
    private readonly amendments: AmendmentsRepository,
    private readonly references: References,
    private readonly rents: LeaseRentService,
  ) {}

  /** The lease is running (ACTIVE or NOTICE) and the terms fit it now. */
  async check(lease: Lease, terms: AmendmentTerms): Promise<void> {
    assertRunning(lease, 'be amended');
    assertEffectiveInLease(lease, terms.effective_date);
    switch (terms.type) {
      case 'duration_change':
      case 'renewal':
        return assertNewEnd(lease, changesOf(terms, 'duration_change', 'renewal').end_date, terms.effective_date);
      case 'co_tenant_added':
        return this.checkJoining(lease, changesOf(terms, 'co_tenant_added'));
      case 'co_tenant_removed':
        await this.leavingParties(lease, terms);
        return;
      case 'rent_change': // the rent rules (dates, F/G freeze) are LeaseRentService.record's, applied below
      case 'other': // nothing the platform can check: the parties agree
        return;
    }
  }

  async apply(lease: Lease, amendment: Amendment): Promise<LeaseChange> {
    await this.check(lease, amendment);
    switch (amendment.type) {
      case 'duration_change':
      case 'renewal': {
        const { end_date: endDate } = changesOf(amendment, 'duration_change', 'renewal');
        await this.leases.update(lease.id, { end_date: endDate });
        return { previous: { end_date: lease.end_date }, next: { end_date: endDate } };
      }
      case 'rent_change':
        return this.changeRent(lease, amendment);
      case 'co_tenant_added':
        return this.addParty(lease, amendment);
      case 'co_tenant_removed':
        return this.endParty(lease, amendment);
      case 'other':
        return { previous: {}, next: {} };
    }
  }

  /** Through the lease's rent history: the new rent from the effective date, under every rent rule. */
  private async changeRent(lease: Lease, amendment: Amendment): Promise<LeaseChange> {
    const changes = changesOf(amendment, 'rent_change');
    const before = this.rents.inForceOn(await this.rents.rents(lease), amendment.effective_date);
    const change = await this.rents.record(lease, {
      effective_date: amendment.effective_date,
      rent: toCents(changes.rent_amount),
      provision: changes.charges_amount === undefined ? undefined : toCents(changes.charges_amount),
      reason: 'amendment',
      note: `Avenant ${amendment.id}`,
      revision_id: null,
    });
    return {
      previous: { rent_amount: fromCents(before.rent), charges_amount: fromCents(before.provision) },
      next: { rent_amount: change.rent_amount, charges_amount: change.charges_amount, rent_change_id: change.id },
    };
  }

  private async checkJoining(lease: Lease, changes: ChangesOf<'co_tenant_added'>): Promise<void> {
    await this.references.require('lessees', changes.lessee_id, 'Lessee');
    // Once per role and lease, ever (a unique key): someone who left cannot rejoin in the same role.
    if (await this.parties.exists(lease.id, changes.lessee_id, changes.role)) throw new ConflictError(`The lessee is or was already a ${changes.role} of this lease`);
  }

  private async addParty(lease: Lease, amendment: Amendment): Promise<LeaseChange> {
    const { lessee_id: lesseeId, role } = changesOf(amendment, 'co_tenant_added');
    const party = await this.parties.insert({ lease_id: lease.id, lessee_id: lesseeId, role, start_date: amendment.effective_date, end_date: null, solidarity_until: null });
    // A new co-tenant on the lease ends the solidarity of those who left before (art. 8-1 VI).
    if (role === 'tenant') await this.refreshSolidarity(lease.id, await this.amendments.appliedOfType(lease.id, 'co_tenant_removed'));
    return { previous: {}, next: { party: { id: party.id, lessee_id: lesseeId, role, start_date: party.start_date } } };
  }

  /** The lessee's current roles on the lease: a tenant among them; the congé before it takes effect. */
  private async leavingParties(lease: Lease, terms: AmendmentTerms): Promise<LeaseParty[]> {
    const { lessee_id: lesseeId, notice_date: noticeDate } = changesOf(terms, 'co_tenant_removed');
    const roles = await this.parties.listByLease(lease.id, lesseeId);
    if (roles.length === 0) throw new NotFoundError('Lessee');
    const current = roles.filter((party) => party.end_date === null);
    if (!current.some((party) => party.role === 'tenant')) throw new ConflictError('The lessee is not a current tenant of this lease');
    assertNoticeBeforeEffect(noticeDate, terms.effective_date);
    if (current.some((party) => terms.effective_date < party.start_date)) {
      throw new RuleViolationError('effective_date must not be before the co-tenant joined the lease', { rule: 'end_after_start' });
    }
    return current;
  }

  private async endParty(lease: Lease, amendment: Amendment): Promise<LeaseChange> {
    const current = await this.leavingParties(lease, amendment);
    for (const party of current) await this.parties.update(party.id, { end_date: amendment.effective_date });
    if ((await this.leases.countActiveTenants(lease.id)) === 0) {
      throw new RuleViolationError('The lease would have no tenant left: add the replacement first, or terminate the lease', { rule: 'needs_tenant' });
    }
    const [solidarityUntil] = await this.refreshSolidarity(lease.id, [amendment]);
    return {
      previous: { parties: current.map(({ id, role, end_date }) => ({ id, role, end_date })) },
      next: { parties: current.map(({ id, role }) => ({ id, role, end_date: amendment.effective_date })), solidarity_until: solidarityUntil },
    };
  }

  /**
   * Recomputes, for each departure, the date the departed co-tenant's solidarity ends, from the
   * tenants on the lease now, and stores it on their ended tenant role. Returns the dates in order.
   */
  private async refreshSolidarity(leaseId: string, departures: Amendment[]): Promise<string[]> {
    const parties = await this.parties.listByLease(leaseId);
    const tenants = parties.filter((party) => party.role === 'tenant');
    const dates: string[] = [];
    for (const departure of departures) {
      const { lessee_id: lesseeId, notice_date: noticeDate } = changesOf(departure, 'co_tenant_removed');
      const until = solidarityEnds({ lesseeId, noticeDate, effectiveDate: departure.effective_date }, tenants);
      const ended = tenants.filter((party) => party.lessee_id === lesseeId && party.end_date === departure.effective_date);
      for (const party of ended) if (party.solidarity_until !== until) await this.parties.update(party.id, { solidarity_until: until });
      dates.push(until);
    }
    return dates;
  }
}
