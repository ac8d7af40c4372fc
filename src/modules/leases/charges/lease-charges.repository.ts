import { Injectable } from '@nestjs/common';
import { NotFoundError } from '../../../core/errors/domain-errors.js';
import type { Page } from '../../../core/pagination/page.js';
import { paginate } from '../../../core/pagination/paginate.js';
import { TenantRepository } from '../../../core/tenancy/tenant-repository.js';
import { CHARGE_SORTS, type ListChargesQueryDto } from './lease-charges.dto.js';
import { LeaseCharge } from './lease-charge.entity.js';

@Injectable()
export class LeaseChargesRepository extends TenantRepository<LeaseCharge> {
  protected readonly entity = LeaseCharge;
  protected readonly alias = 'charge';
  protected readonly resource = 'Charge';

  listByLease(leaseId: string, query: ListChargesQueryDto): Promise<Page<LeaseCharge>> {
    const builder = this.scoped().andWhere('charge.lease_id = :leaseId', { leaseId });
    if (query.category) builder.andWhere('charge.category = :category', { category: query.category });
    return paginate(builder, query, CHARGE_SORTS);
  }

  /** A charge only counts as found under its own lease. */
  async getInLease(leaseId: string, id: string, lock = false): Promise<LeaseCharge> {
    const builder = this.scoped().andWhere('charge.id = :id AND charge.lease_id = :leaseId', { id, leaseId });
    const charge = await (lock ? builder.setLock('pessimistic_write') : builder).getOne();
    if (!charge) throw new NotFoundError(this.resource);
    return charge;
  }
}
