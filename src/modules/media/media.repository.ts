import { Injectable } from '@nestjs/common';
import type { Page } from '../../core/pagination/page.js';
import { paginate } from '../../core/pagination/paginate.js';
import { TenantRepository } from '../../core/tenancy/tenant-repository.js';
import { type ListMediaQueryDto, MEDIA_SORTS } from './dto/media.dto.js';
import { Media } from './media.entity.js';

@Injectable()
export class MediaRepository extends TenantRepository<Media> {
  protected readonly entity = Media;
  protected readonly alias = 'media';
  protected readonly resource = 'Media';

  list(query: ListMediaQueryDto): Promise<Page<Media>> {
    const builder = this.whereEqual(this.scoped(), { entity_type: query.entity_type, entity_id: query.entity_id });
    if (query.tag) builder.andWhere(':tag = ANY(media.tags)', { tag: query.tag });
    return paginate(builder, query, MEDIA_SORTS);
  }
}
