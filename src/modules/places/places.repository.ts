import { Injectable } from '@nestjs/common';
import type { Page } from '../../core/pagination/page.js';
import { paginate } from '../../core/pagination/paginate.js';
import { TenantRepository } from '../../core/tenancy/tenant-repository.js';
import { type ListPlacesQueryDto, PLACE_SORTS } from './dto/place.dto.js';
import { Place } from './place.entity.js';

@Injectable()
export class PlacesRepository extends TenantRepository<Place> {
  protected readonly entity = Place;
  protected readonly alias = 'place';
  protected readonly resource = 'Place';

  list(query: ListPlacesQueryDto): Promise<Page<Place>> {
    const builder = this.whereEqual(this.scoped(), { owner_id: query.owner_id, postal_code: query.postal_code, place_category: query.place_category });
    if (query.city) builder.andWhere('lower(place.city) = lower(:city)', { city: query.city });
    this.whereTextMatches(builder, query.search, ['name', 'street_name', 'city']);
    return paginate(builder, query, PLACE_SORTS);
  }
}
