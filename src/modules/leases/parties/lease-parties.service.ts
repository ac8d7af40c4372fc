import { Injectable } from '@nestjs/common';
import { ConflictError, NotFoundError, RuleViolationError } from '../../../core/errors/domain-errors.js';
import type { Page } from '../../../core/pagination/page.js';
import { toPage } from '../../../core/pagination/page.js';
import { References } from '../../../core/relations/references.js';
import { TenantContext } from '../../../core/tenancy/tenant-context.js';
import { newId } from '../../../database/ids.js';
import { assertStatus, type LeaseStatus } from '../lease-status.js';
import { LeasesRepository } from '../leases.repository.js';
import type { AttachLesseeDto, EndPartyDto } from './lease-parties.dto.js';
import { LeaseParty } from './lease-party.entity.js';

/** Parties can join a lease being drafted or running (an amendment), not one being signed or over. */
const OPEN_TO_NEW_PARTIES: readonly LeaseStatus[] = ['DRAFT', 'ACTIVE', 'NOTICE'];
const today = () => new Date().toISOString().slice(0, 10);

@Injectable()
export class LeasePartiesService {
  constructor(
    private readonly context: TenantContext,
    private readonly leases: LeasesRepository,
    private readonly references: References,
  ) {}

  private get repository() {
    return this.context.manager.getRepository(LeaseParty);
  }

  /** All parties of a lease (at most a handful: one page holds them all), oldest first. */
  async list(leaseId: string): Promise<Page<LeaseParty>> {
    await this.leases.getById(leaseId);
    const parties = await this.repository.find({
      where: { tenant_id: this.context.tenantId, lease_id: leaseId },
      order: { created_at: 'ASC', id: 'ASC' },
    });
    return toPage(parties, parties.length, 1, Math.max(parties.length, 1));
  }

  async attach(leaseId: string, input: AttachLesseeDto): Promise<LeaseParty> {
    const lease = await this.leases.lockById(leaseId);
    assertStatus(lease, OPEN_TO_NEW_PARTIES, 'take new parties');
    await this.references.require('lessees', input.lessee_id, 'Lessee');
    const existing = await this.repository.findOneBy({ tenant_id: this.context.tenantId, lease_id: leaseId, lessee_id: input.lessee_id, role: input.role });
    if (existing) throw new ConflictError(`The lessee is already a ${input.role} of this lease`);
    const party = this.repository.create({
      tenant_id: this.context.tenantId,
      id: newId(),
      lease_id: leaseId,
      lessee_id: input.lessee_id,
      role: input.role,
      start_date: input.start_date ?? (lease.status === 'DRAFT' ? lease.start_date : today()),
      end_date: null,
    });
    await this.repository.insert(party);
    return this.repository.findOneByOrFail({ tenant_id: this.context.tenantId, id: party.id });
  }

  /** Removing a party is for drafts; on a running lease, end its participation instead. */
  async detach(leaseId: string, lesseeId: string): Promise<void> {
    const lease = await this.leases.lockById(leaseId);
    assertStatus(lease, ['DRAFT'], 'lose a party (end it instead)');
    const result = await this.repository.delete({ tenant_id: this.context.tenantId, lease_id: leaseId, lessee_id: lesseeId });
    if (!result.affected) throw new NotFoundError('Lessee');
  }

  /** Ends every current role of the lessee on the lease. */
  async end(leaseId: string, lesseeId: string, input: EndPartyDto): Promise<Page<LeaseParty>> {
    const lease = await this.leases.lockById(leaseId);
    assertStatus(lease, ['ACTIVE', 'NOTICE'], 'end a party');
    const endDate = input.end_date ?? today();
    const current = await this.repository.find({ where: { tenant_id: this.context.tenantId, lease_id: leaseId, lessee_id: lesseeId } });
    const open = current.filter((party) => party.end_date === null);
    if (current.length === 0) throw new NotFoundError('Lessee');
    if (open.length === 0) throw new ConflictError('The lessee\'s participation has already ended');
    if (open.some((party) => endDate < party.start_date)) {
      throw new RuleViolationError('end_date must not be before the party\'s start_date', { rule: 'end_after_start' });
    }
    for (const party of open) await this.repository.update({ tenant_id: this.context.tenantId, id: party.id }, { end_date: endDate });
    const parties = await this.repository.find({ where: { tenant_id: this.context.tenantId, lease_id: leaseId, lessee_id: lesseeId }, order: { created_at: 'ASC', id: 'ASC' } });
    return toPage(parties, parties.length, 1, Math.max(parties.length, 1));
  }
}
