import { Body, Controller, Delete, Get, HttpCode, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequirePermissions } from '../../../core/auth/auth.decorators.js';
import type { Page } from '../../../core/pagination/page.js';
import { ApiErrors, ApiPage } from '../../../core/swagger/api-docs.decorators.js';
import { UuidParam } from '../../../core/validation/validation.js';
import { CreateChargeDto, ListChargesQueryDto, UpdateChargeDto } from './lease-charges.dto.js';
import { LeaseCharge } from './lease-charge.entity.js';
import { LeaseChargesService } from './lease-charges.service.js';

@ApiTags('leases')
@Controller('api/leases/:id/charges')
export class LeaseChargesController {
  constructor(private readonly charges: LeaseChargesService) {}

  @Get()
  @RequirePermissions('leases:read')
  @ApiOperation({ summary: 'List the charges of a lease' })
  @ApiPage(LeaseCharge)
  @ApiErrors(400, 404)
  list(@UuidParam() leaseId: string, @Query() query: ListChargesQueryDto): Promise<Page<LeaseCharge>> {
    return this.charges.list(leaseId, query);
  }

  @Post()
  @RequirePermissions('leases:write')
  @ApiOperation({ summary: 'Add a charge', description: 'DRAFT, ACTIVE or NOTICE leases (else 409).' })
  @ApiCreatedResponse({ type: LeaseCharge })
  @ApiErrors(400, 404, 409, 413, 415, 422)
  create(@UuidParam() leaseId: string, @Body() body: CreateChargeDto): Promise<LeaseCharge> {
    return this.charges.create(leaseId, body);
  }

  @Get(':charge_id')
  @RequirePermissions('leases:read')
  @ApiOperation({ summary: 'Get a charge' })
  @ApiOkResponse({ type: LeaseCharge })
  @ApiErrors(400, 404)
  get(@UuidParam() leaseId: string, @UuidParam('charge_id') id: string): Promise<LeaseCharge> {
    return this.charges.get(leaseId, id);
  }

  @Put(':charge_id')
  @RequirePermissions('leases:write')
  @ApiOperation({ summary: 'Update a charge (partial; PATCH is a synonym)' })
  @ApiOkResponse({ type: LeaseCharge })
  @ApiErrors(400, 404, 409, 413, 415, 422)
  update(@UuidParam() leaseId: string, @UuidParam('charge_id') id: string, @Body() body: UpdateChargeDto): Promise<LeaseCharge> {
    return this.charges.update(leaseId, id, body);
  }

  @Delete(':charge_id')
  @HttpCode(204)
  @RequirePermissions('leases:write')
  @ApiOperation({ summary: 'Delete a charge' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrors(400, 404, 409)
  async delete(@UuidParam() leaseId: string, @UuidParam('charge_id') id: string): Promise<void> {
    await this.charges.delete(leaseId, id);
  }
}
