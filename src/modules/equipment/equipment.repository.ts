import { Injectable } from '@nestjs/common';
import type { Page } from '../../core/pagination/page.js';
import { paginate } from '../../core/pagination/paginate.js';
import { TenantRepository } from '../../core/tenancy/tenant-repository.js';
import { EQUIPMENT_SORTS, type ListEquipmentQueryDto } from './dto/equipment.dto.js';
import { Equipment } from './equipment.entity.js';

@Injectable()
export class EquipmentRepository extends TenantRepository<Equipment> {
  protected readonly entity = Equipment;
  protected readonly alias = 'equipment';
  protected readonly resource = 'Equipment';

  list(query: ListEquipmentQueryDto): Promise<Page<Equipment>> {
    const builder = this.whereEqual(this.scoped(), { place_id: query.place_id, estate_id: query.estate_id, room_id: query.room_id, equipment_type: query.equipment_type });
    return paginate(builder, query, EQUIPMENT_SORTS);
  }
}
