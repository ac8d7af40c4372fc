import { Injectable } from '@nestjs/common';
import { ConflictError, RuleViolationError } from '../../../core/errors/domain-errors.js';
import { fromCents, toCents } from '../../../core/money/money.js';
import type { SortedListQuery } from '../../../core/pagination/list-query.dto.js';
import type { Page } from '../../../core/pagination/page.js';
import { TenantContext } from '../../../core/tenancy/tenant-context.js';
import { isoDate } from '../../../core/time/calendar.js';
import { Clock } from '../../../core/time/clock.js';
import type { Lease } from '../../leases/lease.entity.js';
import { LeasesRepository } from '../../leases/leases.repository.js';
import { LeaseRentService } from '../lease-rent/lease-rent.service.js';
import { RentRevisionsRepository } from '../rent.repositories.js';
import { assertRunning, LOI_89_LEASE_TYPES } from '../rent-rules.js';
import { isRevisionDate, quarterNumber, quarterYearBefore, revisedRent, revisionEffectiveDate } from './irl-revision.js';
import type { RevisionDto, RevisionSimulation } from './rent-revisions.dto.js';
import { RentIndex, type RentRevision } from './rent-revision.entity.js';

/**
 * Yearly IRL revisions (art. 17-1, loi n° 89-462): simulated (nothing stored), recorded (the
 * landlord's claim, with the figures of that day), then applied (a rent change from the effective
 * date). The rules: loi 89 leases only; the lease's reference quarter; a revision date of the
 * lease; late claims take effect from the claim, a year late they are lost; F/G housing cannot rise.
 */
@Injectable()
export class RentRevisionsService {
  constructor(
    private readonly revisions: RentRevisionsRepository,
    private readonly leases: LeasesRepository,
    private readonly rents: LeaseRentService,
    private readonly context: TenantContext,
    private readonly clock: Clock,
  ) {}

  async simulate(leaseId: string, input: RevisionDto): Promise<RevisionSimulation> {
    return this.compute(await this.leases.getById(leaseId), input);
  }

  async record(leaseId: string, input: RevisionDto): Promise<RentRevision> {
    const lease = await this.leases.lockById(leaseId);
    const revision = await this.compute(lease, input);
    try {
      return await this.revisions.insert({ lease_id: lease.id, ...revision, status: 'RECORDED', applied_at: null });
    } catch (error) {
      if ((error as { driverError?: { code?: string } }).driverError?.code === '23505') throw new ConflictError('A revision for this date is recorded already', { revision_date: revision.revision_date });
      throw error;
    }
  }

  list(leaseId: string, query: SortedListQuery): Promise<Page<RentRevision>> {
    return this.revisions.pageOfLease(leaseId, query);
  }

  /** The new rent applies from the effective date: a rent change of reason `revision`. */
  async apply(leaseId: string, revisionId: string): Promise<RentRevision> {
    const lease = await this.leases.lockById(leaseId);
    const revision = await this.revisions.getChildOf('lease_id', leaseId, revisionId);
    if (revision.status === 'APPLIED') throw new ConflictError('The revision is applied already');
    assertRunning(lease, 'have its rent revised');
    await this.rents.record(lease, { effective_date: revision.effective_date, rent: toCents(revision.new_rent), reason: 'revision', note: `IRL ${revision.index_quarter}`, revision_id: revision.id });
    return this.revisions.update(revision.id, { status: 'APPLIED', applied_at: this.clock.now() });
  }

  private async compute(lease: Lease, input: RevisionDto): Promise<RevisionSimulation> {
    if (!LOI_89_LEASE_TYPES.includes(lease.lease_type)) {
      throw new RuleViolationError('IRL revision (art. 17-1, loi n° 89-462) is for housing leases: unfurnished, furnished or student', { rule: 'loi_89_lease' });
    }
    assertRunning(lease, 'have its rent revised');
    if (!lease.irl_reference_quarter) throw new RuleViolationError('The lease names no IRL reference quarter (irl_reference_quarter): no revision clause', { rule: 'revision_clause' });
    if (quarterNumber(input.new_irl_quarter) !== quarterNumber(lease.irl_reference_quarter)) {
      throw new RuleViolationError(`The revision uses the lease's reference quarter, T${quarterNumber(lease.irl_reference_quarter)} (art. 17-1)`, { rule: 'reference_quarter' });
    }
    if (!isRevisionDate(input.effective_date, lease.start_date, lease.revision_date)) {
      throw new RuleViolationError('effective_date must be one of the lease\'s revision dates (each anniversary, or of its revision date)', { rule: 'revision_date' });
    }
    const claimedOn = isoDate(this.clock.now());
    const effective = revisionEffectiveDate(input.effective_date, claimedOn);
    if (!effective) throw new RuleViolationError('A revision claimed more than a year after its date is lost (art. 17-1 I, loi n° 89-462)', { rule: 'revision_lost' });
    const previousQuarter = quarterYearBefore(input.new_irl_quarter);
    const [index, previous] = [await this.index(input.new_irl_quarter), await this.index(previousQuarter)];
    const current = this.rents.inForceOn(await this.rents.rents(lease), effective);
    const newRent = revisedRent(current.rent, index.value, previous.value);
    if (newRent > current.rent) await this.rents.assertRentMayRise(lease, effective);
    return {
      revision_date: input.effective_date, claimed_on: claimedOn, effective_date: effective,
      index_quarter: index.quarter, index_value: index.value, previous_quarter: previous.quarter, previous_value: previous.value,
      previous_rent: fromCents(current.rent), new_rent: fromCents(newRent),
    };
  }

  private async index(quarter: string): Promise<RentIndex> {
    const index = await this.context.manager.findOneBy(RentIndex, { quarter });
    if (!index) throw new RuleViolationError(`The IRL of ${quarter} is not in the catalogue (GET /api/rent-indices)`, { rule: 'index_known', quarter });
    return index;
  }
}
