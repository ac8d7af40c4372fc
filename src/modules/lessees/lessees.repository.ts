import { Injectable } from '@nestjs/common';
import type { Page } from '../../core/pagination/page.js';
import { paginate } from '../../core/pagination/paginate.js';
import { containsPattern } from '../../core/pagination/search.js';
import { TenantContext } from '../../core/tenancy/tenant-context.js';
import { TenantRepository } from '../../core/tenancy/tenant-repository.js';
import { LESSEE_SORTS, type ListLesseesQueryDto } from './dto/lessee.dto.js';
import { Lessee } from './lessee.entity.js';

@Injectable()
export class LesseesRepository extends TenantRepository<Lessee> {
  protected readonly entity = Lessee;
  protected readonly alias = 'lessee';
  protected readonly resource = 'Lessee';

  constructor(context: TenantContext) {
    super(context);
  }

  list(query: ListLesseesQueryDto): Promise<Page<Lessee>> {
    const builder = this.scoped();
    if (query.category) builder.andWhere('lessee.category = :category', { category: query.category });
    if (query.search) {
      builder.andWhere(
        `(lessee.first_name ILIKE :pattern OR lessee.last_name ILIKE :pattern
          OR lessee.legal_name ILIKE :pattern OR lessee.email ILIKE :pattern)`,
        { pattern: containsPattern(query.search) },
      );
    }
    return paginate(builder, query, LESSEE_SORTS);
  }
}
