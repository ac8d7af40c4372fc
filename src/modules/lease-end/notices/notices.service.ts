import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../../config/app-config.js';
import { ConflictError, NotFoundError, RuleViolationError } from '../../../core/errors/domain-errors.js';
import { Events } from '../../../core/events/events.js';
import type { SortedListQuery } from '../../../core/pagination/list-query.dto.js';
import type { Page } from '../../../core/pagination/page.js';
import { isoDate } from '../../../core/time/calendar.js';
import { Clock } from '../../../core/time/clock.js';
import { LeaseLifecycle } from '../../leases/lease-lifecycle.service.js';
import { LeasesRepository } from '../../leases/leases.repository.js';
import { LOI_89_LEASE_TYPES } from '../../rent/rent-rules.js';
import type { GiveNoticeDto } from '../lease-end.dto.js';
import type { LeaseNotice } from '../lease-end.entities.js';
import { LeaseEndFacts, LeaseNoticesRepository, LeaseTerminationsRepository } from '../lease-end.repositories.js';
import { TerminationService } from '../termination/termination.service.js';
import { type HousingLeaseType, isProtectedLessee, LESSEE_REASONS, noticeOutcome } from './notice-rules.js';

const rule = (message: string, name: string) => new RuleViolationError(message, { rule: name });

/** What a landlord's notice must state, per ground (art. 15 I, loi n° 89-462). */
const LANDLORD_DETAILS: Record<string, { fields: ('price' | 'conditions' | 'beneficiary' | 'description')[]; message: string }> = {
  sale: { fields: ['price', 'conditions'], message: 'A notice to sell states the price and the conditions of the sale: it is the lessee\'s offer of first refusal (art. 15 II, loi n° 89-462)' },
  own_occupation: { fields: ['beneficiary'], message: 'A notice for own occupation names the beneficiary and their tie to the landlord (art. 15 I, loi n° 89-462)' },
  serious_reason: { fields: ['description'], message: 'A notice for a serious and legitimate reason states that reason (art. 15 I, loi n° 89-462)' },
};

/**
 * Notices (congés) on housing leases (loi n° 89-462): the law gives each its end date
 * (notice-rules.ts). A notice moves the lease to NOTICE, sets the day rent stops (the lease's
 * end_date) and opens the termination workflow, in one transaction.
 */
@Injectable()
export class NoticesService {
  constructor(
    private readonly notices: LeaseNoticesRepository,
    private readonly terminations: LeaseTerminationsRepository,
    private readonly facts: LeaseEndFacts,
    private readonly leases: LeasesRepository,
    private readonly lifecycle: LeaseLifecycle,
    private readonly termination: TerminationService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly events: Events,
  ) {}

  async list(leaseId: string, query: SortedListQuery): Promise<Page<LeaseNotice>> {
    await this.leases.getById(leaseId);
    return this.notices.pageOfLease(leaseId, query);
  }

  get(leaseId: string, id: string): Promise<LeaseNotice> {
    return this.notices.getChildOf('lease_id', leaseId, id);
  }

  async give(leaseId: string, input: GiveNoticeDto): Promise<LeaseNotice> {
    // The status change takes the unit's and the lease's locks first: two notices run one after the other.
    const lease = await this.lifecycle.lock(leaseId);
    const facts = await this.facts.forNotice(leaseId);
    if (!facts) throw new NotFoundError('Lease');
    if (!LOI_89_LEASE_TYPES.includes(lease.lease_type)) {
      throw rule(`Notices follow loi n° 89-462, for housing leases (unfurnished, furnished, student); this lease is ${lease.lease_type}`, 'loi_89_only');
    }
    if (await this.terminations.ofLease(leaseId)) throw new ConflictError('The lease is already ending: see GET /api/leases/{id}/termination', { status: lease.status });
    if (lease.status !== 'ACTIVE') throw new ConflictError(`Notice is given on an ACTIVE lease; this one is ${lease.status}`, { status: lease.status });

    const today = isoDate(this.clock.now());
    if (input.received_on > today) throw rule('received_on is the day the notice arrived: it cannot be in the future', 'received_on_not_future');
    if (input.received_on < lease.start_date) throw rule('received_on is before the lease starts', 'received_on_in_lease');
    const details = { ...(input.details ?? {}) };
    if (input.given_by === 'lessee') {
      if (!(LESSEE_REASONS as readonly string[]).includes(input.reason)) throw rule(`A lessee's notice reason is one of ${LESSEE_REASONS.join(', ')}`, 'lessee_reason');
    } else {
      this.assertLandlordNotice(input.reason, details, facts, input.received_on);
    }

    const outcome = noticeOutcome({
      leaseType: lease.lease_type as HousingLeaseType,
      givenBy: input.given_by,
      reason: input.reason,
      receivedOn: input.received_on,
      startDate: lease.start_date,
      endDate: lease.end_date,
      tenseZone: facts.tense_zone,
      landlordIsCompany: facts.owner_category !== 'individual',
    });
    const notice = await this.notices.insert({ lease_id: leaseId, given_by: input.given_by, reason: input.reason, received_on: input.received_on, notice_months: outcome.noticeMonths, end_date: outcome.endDate, details });
    await this.termination.open(lease, `${input.given_by === 'lessee' ? 'Congé du locataire' : 'Congé du bailleur'} (${input.reason})`, outcome.endDate, notice.id);
    await this.events.emit('notice.given', notice);
    return notice;
  }

  private assertLandlordNotice(reason: string, details: Record<string, unknown>, facts: { tenants: { birth_date: string | null; monthly_income: number | null }[] }, receivedOn: string): void {
    const required = LANDLORD_DETAILS[reason];
    if (required && required.fields.some((field) => details[field] === undefined)) {
      throw new RuleViolationError(required.message, { rule: `art_15_${reason}_details`, required: required.fields.map((field) => `details.${field}`) });
    }
    // Art. 15 III: a lessee over 65 with modest resources keeps the home unless rehousing is offered.
    const ceiling = this.config.PROTECTED_LESSEE_INCOME_CEILING;
    if (!details.rehousing_offer && facts.tenants.some((tenant) => isProtectedLessee(tenant, receivedOn, ceiling))) {
      throw new RuleViolationError(
        'A lessee over 65 whose resources are below the social-housing ceiling is protected: the landlord must offer rehousing in the vicinity (details.rehousing_offer) (art. 15 III, loi n° 89-462)',
        { rule: 'art_15_III_protected_lessee', annual_income_ceiling: ceiling },
      );
    }
  }
}
