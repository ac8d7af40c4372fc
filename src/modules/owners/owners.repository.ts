import { Injectable } from '@nestjs/common';
import type { Page } from '../../core/pagination/page.js';
import { paginate } from '../../core/pagination/paginate.js';
import { TenantRepository } from '../../core/tenancy/tenant-repository.js';
import { type ListOwnersQueryDto, OWNER_SORTS } from './dto/owner.dto.js';
import { Owner } from './owner.entity.js';

@Injectable()
export class OwnersRepository extends TenantRepository<Owner> {
  protected readonly entity = Owner;
  protected readonly alias = 'owner';
  protected readonly resource = 'Owner';

  list(query: ListOwnersQueryDto): Promise<Page<Owner>> {
    const builder = this.whereEqual(this.scoped(), { owner_category: query.owner_category });
    this.whereTextMatches(builder, query.search, ['first_name', 'last_name', 'legal_name', 'email']);
    return paginate(builder, query, OWNER_SORTS);
  }
}
