import { Injectable } from '@nestjs/common';
import { RuleViolationError } from '../../../core/errors/domain-errors.js';
import type { Page } from '../../../core/pagination/page.js';
import { assertStatus, type LeaseStatus } from '../lease-status.js';
import { LeasesRepository } from '../leases.repository.js';
import type { CreateChargeDto, ListChargesQueryDto, UpdateChargeDto } from './lease-charges.dto.js';
import type { LeaseCharge } from './lease-charge.entity.js';
import { LeaseChargesRepository } from './lease-charges.repository.js';

/** Charges evolve over a lease's life (regularisation), but not while it is being signed or once over. */
const CHARGES_EDITABLE: readonly LeaseStatus[] = ['DRAFT', 'ACTIVE', 'NOTICE'];

@Injectable()
export class LeaseChargesService {
  constructor(
    private readonly charges: LeaseChargesRepository,
    private readonly leases: LeasesRepository,
  ) {}

  async list(leaseId: string, query: ListChargesQueryDto): Promise<Page<LeaseCharge>> {
    await this.leases.getById(leaseId);
    return this.charges.listByLease(leaseId, query);
  }

  async get(leaseId: string, id: string): Promise<LeaseCharge> {
    await this.leases.getById(leaseId);
    return this.charges.getInLease(leaseId, id);
  }

  async create(leaseId: string, input: CreateChargeDto): Promise<LeaseCharge> {
    assertStatus(await this.leases.lockById(leaseId), CHARGES_EDITABLE, 'change its charges');
    const charge = { recoverable: true, start_date: null, end_date: null, ...input, lease_id: leaseId };
    assertPeriod(charge);
    return this.charges.insert(charge);
  }

  async update(leaseId: string, id: string, patch: UpdateChargeDto): Promise<LeaseCharge> {
    assertStatus(await this.leases.lockById(leaseId), CHARGES_EDITABLE, 'change its charges');
    const current = await this.charges.getInLease(leaseId, id, true);
    assertPeriod({ ...current, ...patch });
    return this.charges.update(id, patch);
  }

  async delete(leaseId: string, id: string): Promise<void> {
    assertStatus(await this.leases.lockById(leaseId), CHARGES_EDITABLE, 'change its charges');
    await this.charges.getInLease(leaseId, id, true);
    await this.charges.delete(id);
  }
}

function assertPeriod(charge: { start_date?: string | null; end_date?: string | null }): void {
  if (charge.start_date && charge.end_date && charge.end_date <= charge.start_date) {
    throw new RuleViolationError('end_date must be after start_date', { rule: 'end_after_start' });
  }
}
