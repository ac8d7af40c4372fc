import { Body, Controller, Delete, Get, HttpCode, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequirePermissions } from '../../core/auth/auth.decorators.js';
import type { Page } from '../../core/pagination/page.js';
import { ApiErrors, ApiPage } from '../../core/swagger/api-docs.decorators.js';
import { UuidParam } from '../../core/validation/validation.js';
import { CreateRoomDto, ListRoomsQueryDto, UpdateRoomDto } from './dto/room.dto.js';
import { Room } from './room.entity.js';
import { RoomsService } from './rooms.service.js';

@ApiTags('rooms')
@Controller('api/places/:place_id/estates/:estate_id/rooms')
export class RoomsController {
  constructor(private readonly rooms: RoomsService) {}

  @Get()
  @RequirePermissions('properties:read')
  @ApiOperation({ summary: 'List the rooms of a unit' })
  @ApiPage(Room)
  @ApiErrors(400, 404)
  list(@UuidParam('place_id') placeId: string, @UuidParam('estate_id') estateId: string, @Query() query: ListRoomsQueryDto): Promise<Page<Room>> {
    return this.rooms.list(placeId, estateId, query);
  }

  @Post()
  @RequirePermissions('properties:write')
  @ApiOperation({ summary: 'Add a room to a unit' })
  @ApiCreatedResponse({ type: Room })
  @ApiErrors(400, 404, 413, 415)
  create(@UuidParam('place_id') placeId: string, @UuidParam('estate_id') estateId: string, @Body() body: CreateRoomDto): Promise<Room> {
    return this.rooms.create(placeId, estateId, body);
  }

  @Get(':id')
  @RequirePermissions('properties:read')
  @ApiOperation({ summary: 'Get a room' })
  @ApiOkResponse({ type: Room })
  @ApiErrors(400, 404)
  get(@UuidParam('place_id') placeId: string, @UuidParam('estate_id') estateId: string, @UuidParam() id: string): Promise<Room> {
    return this.rooms.get(placeId, estateId, id);
  }

  @Put(':id')
  @RequirePermissions('properties:write')
  @ApiOperation({ summary: 'Update a room (partial; PATCH is a synonym)' })
  @ApiOkResponse({ type: Room })
  @ApiErrors(400, 404, 413, 415)
  update(
    @UuidParam('place_id') placeId: string,
    @UuidParam('estate_id') estateId: string,
    @UuidParam() id: string,
    @Body() body: UpdateRoomDto,
  ): Promise<Room> {
    return this.rooms.update(placeId, estateId, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermissions('properties:write')
  @ApiOperation({ summary: 'Delete a room', description: 'Its equipment is deleted with it.' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrors(400, 404)
  async delete(@UuidParam('place_id') placeId: string, @UuidParam('estate_id') estateId: string, @UuidParam() id: string): Promise<void> {
    await this.rooms.delete(placeId, estateId, id);
  }
}
