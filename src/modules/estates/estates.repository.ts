import { Injectable } from '@nestjs/common';
import { NotFoundError } from '../../core/errors/domain-errors.js';
import type { Page } from '../../core/pagination/page.js';
import { paginate } from '../../core/pagination/paginate.js';
import { TenantRepository } from '../../core/tenancy/tenant-repository.js';
import { ESTATE_SORTS, type ListEstatesQueryDto } from './dto/estate.dto.js';
import { Estate } from './estate.entity.js';

@Injectable()
export class EstatesRepository extends TenantRepository<Estate> {
  protected readonly entity = Estate;
  protected readonly alias = 'estate';
  protected readonly resource = 'Estate';

  list(query: ListEstatesQueryDto): Promise<Page<Estate>> {
    const builder = this.whereEqual(this.scoped(), { place_id: query.place_id, rental_status: query.rental_status, floor: query.floor, number_of_room: query.number_of_room });
    if (query.area_min !== undefined) builder.andWhere('estate.area >= :areaMin', { areaMin: query.area_min });
    if (query.area_max !== undefined) builder.andWhere('estate.area <= :areaMax', { areaMax: query.area_max });
    return paginate(builder, query, ESTATE_SORTS);
  }

  /** A unit only counts as found under the place it belongs to: the wrong place reads as missing. */
  async getInPlace(placeId: string, id: string, lock = false): Promise<Estate> {
    const builder = this.scoped().andWhere('estate.id = :id AND estate.place_id = :placeId', { id, placeId });
    const estate = await (lock ? builder.setLock('pessimistic_write') : builder).getOne();
    if (!estate) throw new NotFoundError(this.resource);
    return estate;
  }
}
