import { Body, Controller, Delete, Get, HttpCode, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequirePermissions } from '../../core/auth/auth.decorators.js';
import type { Page } from '../../core/pagination/page.js';
import { ApiErrors, ApiPage } from '../../core/swagger/api-docs.decorators.js';
import { UuidParam } from '../../core/validation/validation.js';
import { CreateEquipmentDto, ListEquipmentQueryDto, UpdateEquipmentDto } from './dto/equipment.dto.js';
import { Equipment } from './equipment.entity.js';
import { EquipmentService } from './equipment.service.js';

@ApiTags('equipment')
@Controller('api/equipment')
export class EquipmentController {
  constructor(private readonly equipment: EquipmentService) {}

  @Get()
  @RequirePermissions('properties:read')
  @ApiOperation({ summary: 'List equipment' })
  @ApiPage(Equipment)
  @ApiErrors(400)
  list(@Query() query: ListEquipmentQueryDto): Promise<Page<Equipment>> {
    return this.equipment.list(query);
  }

  @Post()
  @RequirePermissions('properties:write')
  @ApiOperation({ summary: 'Create equipment', description: 'Attached to exactly one of `place_id`, `estate_id`, `room_id` (of the same tenant, else 404).' })
  @ApiCreatedResponse({ type: Equipment })
  @ApiErrors(400, 404, 413, 415)
  create(@Body() body: CreateEquipmentDto): Promise<Equipment> {
    return this.equipment.create(body);
  }

  @Get(':id')
  @RequirePermissions('properties:read')
  @ApiOperation({ summary: 'Get equipment' })
  @ApiOkResponse({ type: Equipment })
  @ApiErrors(400, 404)
  get(@UuidParam() id: string): Promise<Equipment> {
    return this.equipment.get(id);
  }

  @Put(':id')
  @RequirePermissions('properties:write')
  @ApiOperation({ summary: 'Update equipment (partial; PATCH is a synonym)', description: 'Naming one of `place_id`, `estate_id`, `room_id` re-attaches it there.' })
  @ApiOkResponse({ type: Equipment })
  @ApiErrors(400, 404, 413, 415)
  update(@UuidParam() id: string, @Body() body: UpdateEquipmentDto): Promise<Equipment> {
    return this.equipment.update(id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermissions('properties:write')
  @ApiOperation({ summary: 'Delete equipment' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrors(400, 404)
  async delete(@UuidParam() id: string): Promise<void> {
    await this.equipment.delete(id);
  }
}
