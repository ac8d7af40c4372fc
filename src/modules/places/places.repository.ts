import { Injectable } from '@nestjs/common';
import type { Page } from '../../core/pagination/page.js';
import { paginate } from '../../core/pagination/paginate.js';
import { containsPattern } from '../../core/pagination/search.js';
import { TenantContext } from '../../core/tenancy/tenant-context.js';
import { TenantRepository } from '../../core/tenancy/tenant-repository.js';
import { type ListPlacesQueryDto, PLACE_SORTS } from './dto/place.dto.js';
import { Place } from './place.entity.js';

@Injectable()
export class PlacesRepository extends TenantRepository<Place> {
  protected readonly entity = Place;
  protected readonly alias = 'place';
  protected readonly resource = 'Place';

  constructor(context: TenantContext) {
    super(context);
  }

  list(query: ListPlacesQueryDto): Promise<Page<Place>> {
    const builder = this.scoped();
    if (query.owner_id) builder.andWhere('place.owner_id = :ownerId', { ownerId: query.owner_id });
    if (query.postal_code) builder.andWhere('place.postal_code = :postalCode', { postalCode: query.postal_code });
    if (query.city) builder.andWhere('lower(place.city) = lower(:city)', { city: query.city });
    if (query.place_category) builder.andWhere('place.place_category = :category', { category: query.place_category });
    if (query.search) {
      builder.andWhere('(place.name ILIKE :pattern OR place.street_name ILIKE :pattern OR place.city ILIKE :pattern)', {
        pattern: containsPattern(query.search),
      });
    }
    return paginate(builder, query, PLACE_SORTS);
  }
}
