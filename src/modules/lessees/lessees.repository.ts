import { Injectable } from '@nestjs/common';
import type { Page } from '../../core/pagination/page.js';
import { paginate } from '../../core/pagination/paginate.js';
import { TenantRepository } from '../../core/tenancy/tenant-repository.js';
import { LESSEE_SORTS, type ListLesseesQueryDto } from './dto/lessee.dto.js';
import { Lessee } from './lessee.entity.js';

@Injectable()
export class LesseesRepository extends TenantRepository<Lessee> {
  protected readonly entity = Lessee;
  protected readonly alias = 'lessee';
  protected readonly resource = 'Lessee';

  list(query: ListLesseesQueryDto): Promise<Page<Lessee>> {
    const builder = this.whereEqual(this.scoped(), { category: query.category });
    this.whereTextMatches(builder, query.search, ['first_name', 'last_name', 'legal_name', 'email']);
    return paginate(builder, query, LESSEE_SORTS);
  }
}
