import { Injectable, OnModuleInit } from '@nestjs/common';
import { ConflictError, RuleViolationError } from '../../core/errors/domain-errors.js';
import type { Page } from '../../core/pagination/page.js';
import { Dependants } from '../../core/relations/dependants.js';
import { References } from '../../core/relations/references.js';
import { ESTATE_RESOURCE } from '../estates/estates.service.js';
import { LESSEE_RESOURCE } from '../lessees/lessees.service.js';
import { ALWAYS_EDITABLE_LEASE_FIELDS, type CreateLeaseDto, type ListLeasesQueryDto, type UpdateLeaseDto } from './dto/lease.dto.js';
import { assertLeaseRules } from './lease-rules.js';
import { EDITABLE_STATUSES } from './lease-status.js';
import type { Lease } from './lease.entity.js';
import { LeasesRepository } from './leases.repository.js';
import { toCents } from '../../core/money/money.js';
import { LOI_89_LEASE_TYPES } from '../rent/rent-rules.js';
import { rentFreezeApplies } from '../rent/revisions/irl-revision.js';

const OPTIONAL_FIELDS = {
  end_date: null,
  charges_amount: null,
  deposit_amount: null,
  payment_day: null,
  rent_frequency: 'monthly' as const,
  charge_settlement_mode: null,
  reference_number: null,
  notes: null,
  irl_reference_quarter: null,
  revision_date: null,
  rent_supplement: null,
  wear_grid: null,
};

@Injectable()
export class LeasesService implements OnModuleInit {
  constructor(
    private readonly leases: LeasesRepository,
    private readonly references: References,
    private readonly dependants: Dependants,
  ) {}

  onModuleInit(): void {
    this.dependants.register(ESTATE_RESOURCE, { resource: 'leases', table: 'leases', column: 'estate_id' });
    // A lessee blocks deletion only while on a lease that went past DRAFT and was not cancelled.
    this.dependants.register(LESSEE_RESOURCE, {
      resource: 'leases',
      table: 'lease_lessees',
      column: 'lessee_id',
      condition: `EXISTS (SELECT 1 FROM leases WHERE leases.tenant_id = lease_lessees.tenant_id
                          AND leases.id = lease_lessees.lease_id AND leases.status NOT IN ('DRAFT', 'CANCELLED'))`,
    });
  }

  list(query: ListLeasesQueryDto): Promise<Page<Lease>> {
    return this.leases.list(query);
  }

  get(id: string): Promise<Lease> {
    return this.leases.getById(id);
  }

  async create(input: CreateLeaseDto): Promise<Lease> {
    const lease = { ...OPTIONAL_FIELDS, ...input, status: 'DRAFT' as const };
    assertLeaseRules(lease);
    await this.references.require('estates', input.estate_id, 'Estate');
    await this.assertRelettingRent(lease);
    return this.leases.insert(lease);
  }

  async update(id: string, patch: UpdateLeaseDto): Promise<Lease> {
    const current = await this.leases.lockById(id);
    const changesContent = Object.keys(patch).some((field) => !(ALWAYS_EDITABLE_LEASE_FIELDS as readonly string[]).includes(field));
    if (changesContent && !EDITABLE_STATUSES.includes(current.status)) {
      throw new ConflictError(`The lease is ${current.status}: only reference_number and notes can change`, { status: current.status });
    }
    assertLeaseRules({ ...current, ...patch });
    if (patch.estate_id && patch.estate_id !== current.estate_id) await this.references.require('estates', patch.estate_id, 'Estate');
    return this.leases.update(id, patch);
  }

  /**
   * Reletting F or G housing: the new rent may not exceed the last rent of the previous tenant
   * (art. 159, loi n° 2021-1104, amending art. 17 of loi n° 89-462).
   */
  private async assertRelettingRent(lease: Pick<Lease, 'estate_id' | 'lease_type' | 'rent_amount' | 'start_date'>): Promise<void> {
    if (!LOI_89_LEASE_TYPES.includes(lease.lease_type)) return;
    const unit = await this.leases.unitRentHistory(lease.estate_id);
    if (!unit || unit.last_rent === null || !rentFreezeApplies(unit.energy_label, unit.postal_code, lease.start_date)) return;
    if (toCents(lease.rent_amount) > toCents(unit.last_rent)) {
      throw new RuleViolationError(
        `Housing rated ${unit.energy_label}: the rent at reletting cannot exceed the previous tenant's, ${unit.last_rent} € (art. 159, loi n° 2021-1104)`,
        { rule: 'dpe_rent_freeze', energy_label: unit.energy_label, previous_rent: unit.last_rent },
      );
    }
  }

  /** Only a DRAFT can be deleted (its parties and charges go with it); later, cancel or terminate. */
  async delete(id: string): Promise<void> {
    const lease = await this.leases.lockById(id);
    if (lease.status !== 'DRAFT') throw new ConflictError(`Only a DRAFT lease can be deleted; this one is ${lease.status}`, { status: lease.status });
    await this.leases.delete(id);
  }
}
