import { Body, Controller, Get, Put, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequirePermissions } from '../../core/auth/auth.decorators.js';
import type { Page } from '../../core/pagination/page.js';
import { ApiErrors, ApiPage } from '../../core/swagger/api-docs.decorators.js';
import { UuidParam } from '../../core/validation/validation.js';
import { ListEstatesQueryDto, MoveOrUpdateEstateDto } from './dto/estate.dto.js';
import { Estate } from './estate.entity.js';
import { EstatesService } from './estates.service.js';

/** Every unit of the tenant, whatever its place. */
@ApiTags('estates')
@Controller('api/estates')
export class EstatesController {
  constructor(private readonly estates: EstatesService) {}

  @Get()
  @RequirePermissions('properties:read')
  @ApiOperation({ summary: 'List all units' })
  @ApiPage(Estate)
  @ApiErrors(400)
  list(@Query() query: ListEstatesQueryDto): Promise<Page<Estate>> {
    return this.estates.list(query);
  }

  @Get(':id')
  @RequirePermissions('properties:read')
  @ApiOperation({ summary: 'Get a unit' })
  @ApiOkResponse({ type: Estate })
  @ApiErrors(400, 404)
  get(@UuidParam() id: string): Promise<Estate> {
    return this.estates.get(id);
  }

  @Put(':id')
  @RequirePermissions('properties:write')
  @ApiOperation({ summary: 'Update or move a unit (partial; PATCH is a synonym)', description: '`place_id` moves the unit to another place of the same tenant (else 404).' })
  @ApiOkResponse({ type: Estate })
  @ApiErrors(400, 404, 413, 415)
  update(@UuidParam() id: string, @Body() body: MoveOrUpdateEstateDto): Promise<Estate> {
    return this.estates.update(id, body);
  }
}
