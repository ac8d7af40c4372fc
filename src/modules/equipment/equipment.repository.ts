import { Injectable } from '@nestjs/common';
import type { Page } from '../../core/pagination/page.js';
import { paginate } from '../../core/pagination/paginate.js';
import { TenantContext } from '../../core/tenancy/tenant-context.js';
import { TenantRepository } from '../../core/tenancy/tenant-repository.js';
import { EQUIPMENT_SORTS, type ListEquipmentQueryDto } from './dto/equipment.dto.js';
import { Equipment } from './equipment.entity.js';

@Injectable()
export class EquipmentRepository extends TenantRepository<Equipment> {
  protected readonly entity = Equipment;
  protected readonly alias = 'equipment';
  protected readonly resource = 'Equipment';

  constructor(context: TenantContext) {
    super(context);
  }

  list(query: ListEquipmentQueryDto): Promise<Page<Equipment>> {
    const builder = this.scoped();
    if (query.place_id) builder.andWhere('equipment.place_id = :placeId', { placeId: query.place_id });
    if (query.estate_id) builder.andWhere('equipment.estate_id = :estateId', { estateId: query.estate_id });
    if (query.room_id) builder.andWhere('equipment.room_id = :roomId', { roomId: query.room_id });
    if (query.equipment_type) builder.andWhere('equipment.equipment_type = :type', { type: query.equipment_type });
    return paginate(builder, query, EQUIPMENT_SORTS);
  }
}
