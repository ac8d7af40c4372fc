import { Injectable } from '@nestjs/common';
import { ConflictError, NotFoundError, RuleViolationError } from '../../../core/errors/domain-errors.js';
import { type Page, wholePage } from '../../../core/pagination/page.js';
import { References } from '../../../core/relations/references.js';
import { assertStatus, type LeaseStatus } from '../lease-status.js';
import { LeasesRepository } from '../leases.repository.js';
import type { AttachLesseeDto, EndPartyDto, ListLeasePartiesQueryDto } from './lease-parties.dto.js';
import type { LeaseParty } from './lease-party.entity.js';
import { LeasePartiesRepository } from './lease-parties.repository.js';

/** Parties can join a lease being drafted or running (an amendment), not one being signed or over. */
const OPEN_TO_NEW_PARTIES: readonly LeaseStatus[] = ['DRAFT', 'ACTIVE', 'NOTICE'];
const today = () => new Date().toISOString().slice(0, 10);

@Injectable()
export class LeasePartiesService {
  constructor(
    private readonly parties: LeasePartiesRepository,
    private readonly leases: LeasesRepository,
    private readonly references: References,
  ) {}

  /** The parties of a lease, paged and sorted like every list (oldest first by default). */
  async list(leaseId: string, query: ListLeasePartiesQueryDto): Promise<Page<LeaseParty>> {
    await this.leases.getById(leaseId);
    return this.parties.pageByLease(leaseId, query);
  }

  async attach(leaseId: string, input: AttachLesseeDto): Promise<LeaseParty> {
    const lease = await this.leases.lockById(leaseId);
    assertStatus(lease, OPEN_TO_NEW_PARTIES, 'take new parties');
    await this.references.require('lessees', input.lessee_id, 'Lessee');
    if (await this.parties.exists(leaseId, input.lessee_id, input.role)) throw new ConflictError(`The lessee is already a ${input.role} of this lease`);
    return this.parties.insert({
      lease_id: leaseId,
      lessee_id: input.lessee_id,
      role: input.role,
      start_date: input.start_date ?? (lease.status === 'DRAFT' ? lease.start_date : today()),
      end_date: null,
      solidarity_until: null,
    });
  }

  /** Removing a party is for drafts; on a running lease, end its participation instead. */
  async detach(leaseId: string, lesseeId: string): Promise<void> {
    const lease = await this.leases.lockById(leaseId);
    assertStatus(lease, ['DRAFT'], 'lose a party (end it instead)');
    if ((await this.parties.deleteForLessee(leaseId, lesseeId)) === 0) throw new NotFoundError('Lessee');
  }

  /** Ends every current role of the lessee on the lease. */
  async end(leaseId: string, lesseeId: string, input: EndPartyDto): Promise<Page<LeaseParty>> {
    const lease = await this.leases.lockById(leaseId);
    assertStatus(lease, ['ACTIVE', 'NOTICE'], 'end a party');
    const endDate = input.end_date ?? today();
    const current = await this.parties.listByLease(leaseId, lesseeId);
    const open = current.filter((party) => party.end_date === null);
    if (current.length === 0) throw new NotFoundError('Lessee');
    if (open.length === 0) throw new ConflictError('The lessee\'s participation has already ended');
    if (open.some((party) => endDate < party.start_date)) {
      throw new RuleViolationError('end_date must not be before the party\'s start_date', { rule: 'end_after_start' });
    }
    for (const party of open) await this.parties.update(party.id, { end_date: endDate });
    return wholePage(await this.parties.listByLease(leaseId, lesseeId));
  }
}
