import { Injectable } from '@nestjs/common';
import type { Page } from '../../core/pagination/page.js';
import { EstatesRepository } from '../estates/estates.repository.js';
import type { CreateRoomDto, ListRoomsQueryDto, UpdateRoomDto } from './dto/room.dto.js';
import type { Room } from './room.entity.js';
import { RoomsRepository } from './rooms.repository.js';

/** Rooms live under `/places/{place_id}/estates/{estate_id}`: both levels must match, else 404. */
@Injectable()
export class RoomsService {
  constructor(
    private readonly rooms: RoomsRepository,
    private readonly estates: EstatesRepository,
  ) {}

  async list(placeId: string, estateId: string, query: ListRoomsQueryDto): Promise<Page<Room>> {
    await this.estates.getInPlace(placeId, estateId);
    return this.rooms.listByEstate(estateId, query);
  }

  async get(placeId: string, estateId: string, id: string): Promise<Room> {
    await this.estates.getInPlace(placeId, estateId);
    return this.rooms.getInEstate(estateId, id);
  }

  async create(placeId: string, estateId: string, input: CreateRoomDto): Promise<Room> {
    await this.estates.getInPlace(placeId, estateId);
    return this.rooms.insert({ habitable_surface: null, carrez_surface: null, ...input, estate_id: estateId });
  }

  async update(placeId: string, estateId: string, id: string, patch: UpdateRoomDto): Promise<Room> {
    await this.estates.getInPlace(placeId, estateId);
    await this.rooms.getInEstate(estateId, id, true);
    return this.rooms.update(id, patch);
  }

  /** The room's equipment is deleted with it (database cascade). */
  async delete(placeId: string, estateId: string, id: string): Promise<void> {
    await this.estates.getInPlace(placeId, estateId);
    await this.rooms.getInEstate(estateId, id, true);
    await this.rooms.delete(id);
  }
}
