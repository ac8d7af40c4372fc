import { Injectable } from '@nestjs/common';
import type { Page } from '../../core/pagination/page.js';
import { paginate } from '../../core/pagination/paginate.js';
import { containsPattern } from '../../core/pagination/search.js';
import { TenantContext } from '../../core/tenancy/tenant-context.js';
import { TenantRepository } from '../../core/tenancy/tenant-repository.js';
import { type ListOwnersQueryDto, OWNER_SORTS } from './dto/owner.dto.js';
import { Owner } from './owner.entity.js';

@Injectable()
export class OwnersRepository extends TenantRepository<Owner> {
  protected readonly entity = Owner;
  protected readonly alias = 'owner';
  protected readonly resource = 'Owner';

  constructor(context: TenantContext) {
    super(context);
  }

  list(query: ListOwnersQueryDto): Promise<Page<Owner>> {
    const builder = this.scoped();
    if (query.owner_category) builder.andWhere('owner.owner_category = :category', { category: query.owner_category });
    if (query.search) {
      builder.andWhere(
        `(owner.first_name ILIKE :pattern OR owner.last_name ILIKE :pattern
          OR owner.legal_name ILIKE :pattern OR owner.email ILIKE :pattern)`,
        { pattern: containsPattern(query.search) },
      );
    }
    return paginate(builder, query, OWNER_SORTS);
  }
}
