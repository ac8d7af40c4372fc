import { Injectable } from '@nestjs/common';
import { NotFoundError } from '../../core/errors/domain-errors.js';
import type { Page } from '../../core/pagination/page.js';
import { paginate } from '../../core/pagination/paginate.js';
import { TenantRepository } from '../../core/tenancy/tenant-repository.js';
import { type ListRoomsQueryDto, ROOM_SORTS } from './dto/room.dto.js';
import { Room } from './room.entity.js';

@Injectable()
export class RoomsRepository extends TenantRepository<Room> {
  protected readonly entity = Room;
  protected readonly alias = 'room';
  protected readonly resource = 'Room';

  listByEstate(estateId: string, query: ListRoomsQueryDto): Promise<Page<Room>> {
    const builder = this.scoped().andWhere('room.estate_id = :estateId', { estateId });
    if (query.room_type) builder.andWhere('room.room_type = :type', { type: query.room_type });
    return paginate(builder, query, ROOM_SORTS);
  }

  /** A room only counts as found under its own unit. */
  async getInEstate(estateId: string, id: string, lock = false): Promise<Room> {
    const builder = this.scoped().andWhere('room.id = :id AND room.estate_id = :estateId', { id, estateId });
    const room = await (lock ? builder.setLock('pessimistic_write') : builder).getOne();
    if (!room) throw new NotFoundError(this.resource);
    return room;
  }
}
