import { Body, Controller, Delete, Get, HttpCode, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequirePermissions } from '../../core/auth/auth.decorators.js';
import type { Page } from '../../core/pagination/page.js';
import { ApiErrors, ApiPage } from '../../core/swagger/api-docs.decorators.js';
import { UuidParam } from '../../core/validation/validation.js';
import { CreateEstateDto, ListPlaceEstatesQueryDto, UpdateEstateDto } from './dto/estate.dto.js';
import { Estate } from './estate.entity.js';
import { EstatesService } from './estates.service.js';

/** Units addressed under their place: a unit under another place is a 404, like a missing one. */
@ApiTags('estates')
@Controller('api/places/:place_id/estates')
export class PlaceEstatesController {
  constructor(private readonly estates: EstatesService) {}

  @Get()
  @RequirePermissions('properties:read')
  @ApiOperation({ summary: 'List the units of a place' })
  @ApiPage(Estate)
  @ApiErrors(400, 404)
  list(@UuidParam('place_id') placeId: string, @Query() query: ListPlaceEstatesQueryDto): Promise<Page<Estate>> {
    return this.estates.listInPlace(placeId, query);
  }

  @Post()
  @RequirePermissions('properties:write')
  @ApiOperation({ summary: 'Create a unit in a place', description: '`owner_id` defaults to the place\'s owner.' })
  @ApiCreatedResponse({ type: Estate })
  @ApiErrors(400, 404, 413, 415)
  create(@UuidParam('place_id') placeId: string, @Body() body: CreateEstateDto): Promise<Estate> {
    return this.estates.createInPlace(placeId, body);
  }

  @Get(':id')
  @RequirePermissions('properties:read')
  @ApiOperation({ summary: 'Get a unit of a place' })
  @ApiOkResponse({ type: Estate })
  @ApiErrors(400, 404)
  get(@UuidParam('place_id') placeId: string, @UuidParam() id: string): Promise<Estate> {
    return this.estates.getInPlace(placeId, id);
  }

  @Put(':id')
  @RequirePermissions('properties:write')
  @ApiOperation({ summary: 'Update a unit of a place (partial; PATCH is a synonym)', description: 'To move it to another place, use PUT /api/estates/{id}.' })
  @ApiOkResponse({ type: Estate })
  @ApiErrors(400, 404, 413, 415)
  update(@UuidParam('place_id') placeId: string, @UuidParam() id: string, @Body() body: UpdateEstateDto): Promise<Estate> {
    return this.estates.updateInPlace(placeId, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermissions('properties:write')
  @ApiOperation({ summary: 'Delete a unit', description: 'Its rooms and their equipment, and the unit\'s equipment, are deleted with it. 409 while leases reference it.' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrors(400, 404, 409)
  async delete(@UuidParam('place_id') placeId: string, @UuidParam() id: string): Promise<void> {
    await this.estates.deleteInPlace(placeId, id);
  }
}
