import { Body, Controller, Delete, Get, HttpCode, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequirePermissions } from '../../core/auth/auth.decorators.js';
import type { Page } from '../../core/pagination/page.js';
import { ApiErrors, ApiPage } from '../../core/swagger/api-docs.decorators.js';
import { UuidParam } from '../../core/validation/validation.js';
import { CreatePlaceDto, ListPlacesQueryDto, UpdatePlaceDto } from './dto/place.dto.js';
import { Place } from './place.entity.js';
import { PlacesService } from './places.service.js';

@ApiTags('places')
@Controller('api/places')
export class PlacesController {
  constructor(private readonly places: PlacesService) {}

  @Get()
  @RequirePermissions('properties:read')
  @ApiOperation({ summary: 'List places (buildings)' })
  @ApiPage(Place)
  @ApiErrors(400)
  list(@Query() query: ListPlacesQueryDto): Promise<Page<Place>> {
    return this.places.list(query);
  }

  @Post()
  @RequirePermissions('properties:write')
  @ApiOperation({ summary: 'Create a place', description: '`owner_id` must be an owner of the same tenant (else 404).' })
  @ApiCreatedResponse({ type: Place })
  @ApiErrors(400, 404, 413, 415)
  create(@Body() body: CreatePlaceDto): Promise<Place> {
    return this.places.create(body);
  }

  @Get(':id')
  @RequirePermissions('properties:read')
  @ApiOperation({ summary: 'Get a place' })
  @ApiOkResponse({ type: Place })
  @ApiErrors(400, 404)
  get(@UuidParam() id: string): Promise<Place> {
    return this.places.get(id);
  }

  @Put(':id')
  @RequirePermissions('properties:write')
  @ApiOperation({ summary: 'Update a place (partial; PATCH is a synonym)' })
  @ApiOkResponse({ type: Place })
  @ApiErrors(400, 404, 413, 415)
  update(@UuidParam() id: string, @Body() body: UpdatePlaceDto): Promise<Place> {
    return this.places.update(id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermissions('properties:write')
  @ApiOperation({ summary: 'Delete a place', description: '409 with `details.dependants` while it has units; its own equipment is deleted with it.' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrors(400, 404, 409)
  async delete(@UuidParam() id: string): Promise<void> {
    await this.places.delete(id);
  }
}
