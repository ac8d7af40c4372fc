import { Body, Controller, Delete, Get, HttpCode, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequirePermissions } from '../../core/auth/auth.decorators.js';
import type { Page } from '../../core/pagination/page.js';
import { ApiErrors, ApiPage } from '../../core/swagger/api-docs.decorators.js';
import { UuidParam } from '../../core/validation/validation.js';
import { CreateOwnerDto, ListOwnersQueryDto, UpdateOwnerDto } from './dto/owner.dto.js';
import { Owner } from './owner.entity.js';
import { OwnersService } from './owners.service.js';

@ApiTags('owners')
@Controller('api/owners')
export class OwnersController {
  constructor(private readonly owners: OwnersService) {}

  @Get()
  @RequirePermissions('properties:read')
  @ApiOperation({ summary: 'List owners' })
  @ApiPage(Owner)
  @ApiErrors(400)
  list(@Query() query: ListOwnersQueryDto): Promise<Page<Owner>> {
    return this.owners.list(query);
  }

  @Post()
  @RequirePermissions('properties:write')
  @ApiOperation({ summary: 'Create an owner' })
  @ApiCreatedResponse({ type: Owner, description: 'Created; `Location` points at it' })
  @ApiErrors(400, 409, 413, 415)
  create(@Body() body: CreateOwnerDto): Promise<Owner> {
    return this.owners.create(body);
  }

  @Get(':id')
  @RequirePermissions('properties:read')
  @ApiOperation({ summary: 'Get an owner' })
  @ApiOkResponse({ type: Owner })
  @ApiErrors(400, 404)
  get(@UuidParam() id: string): Promise<Owner> {
    return this.owners.get(id);
  }

  @Put(':id')
  @RequirePermissions('properties:write')
  @ApiOperation({ summary: 'Update an owner (partial; PATCH is a synonym)', description: 'Absent fields keep their value, `null` clears a nullable field.' })
  @ApiOkResponse({ type: Owner })
  @ApiErrors(400, 404, 413, 415)
  update(@UuidParam() id: string, @Body() body: UpdateOwnerDto): Promise<Owner> {
    return this.owners.update(id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermissions('properties:write')
  @ApiOperation({ summary: 'Delete an owner', description: '409 while places or estates reference it.' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrors(400, 404, 409)
  async delete(@UuidParam() id: string): Promise<void> {
    await this.owners.delete(id);
  }
}
