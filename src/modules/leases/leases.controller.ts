import { Body, Controller, Delete, Get, HttpCode, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequirePermissions } from '../../core/auth/auth.decorators.js';
import type { Page } from '../../core/pagination/page.js';
import { ApiErrors, ApiPage } from '../../core/swagger/api-docs.decorators.js';
import { UuidParam } from '../../core/validation/validation.js';
import { ChangeLeaseStatusDto, CreateLeaseDto, ListLeasesQueryDto, UpdateLeaseDto } from './dto/lease.dto.js';
import { LeaseLifecycle } from './lease-lifecycle.service.js';
import { Lease } from './lease.entity.js';
import { LeasesService } from './leases.service.js';

@ApiTags('leases')
@Controller('api/leases')
export class LeasesController {
  constructor(
    private readonly leases: LeasesService,
    private readonly lifecycle: LeaseLifecycle,
  ) {}

  @Get()
  @RequirePermissions('leases:read')
  @ApiOperation({ summary: 'List leases' })
  @ApiPage(Lease)
  @ApiErrors(400)
  list(@Query() query: ListLeasesQueryDto): Promise<Page<Lease>> {
    return this.leases.list(query);
  }

  @Post()
  @RequirePermissions('leases:write')
  @ApiOperation({ summary: 'Create a lease (DRAFT)', description: 'Rules (422 RULE_VIOLATION): end_date after start_date; deposit at most 1 month of rent (unfurnished) or 2 (furnished, student).' })
  @ApiCreatedResponse({ type: Lease })
  @ApiErrors(400, 404, 413, 415, 422)
  create(@Body() body: CreateLeaseDto): Promise<Lease> {
    return this.leases.create(body);
  }

  @Get(':id')
  @RequirePermissions('leases:read')
  @ApiOperation({ summary: 'Get a lease' })
  @ApiOkResponse({ type: Lease })
  @ApiErrors(400, 404)
  get(@UuidParam() id: string): Promise<Lease> {
    return this.leases.get(id);
  }

  @Put(':id')
  @RequirePermissions('leases:write')
  @ApiOperation({ summary: 'Update a lease (partial; PATCH is a synonym)', description: 'Content only while DRAFT (else 409); `reference_number` and `notes` always.' })
  @ApiOkResponse({ type: Lease })
  @ApiErrors(400, 404, 409, 413, 415, 422)
  update(@UuidParam() id: string, @Body() body: UpdateLeaseDto): Promise<Lease> {
    return this.leases.update(id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermissions('leases:write')
  @ApiOperation({ summary: 'Delete a DRAFT lease', description: 'Its parties and charges go with it. 409 once past DRAFT.' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrors(400, 404, 409)
  async delete(@UuidParam() id: string): Promise<void> {
    await this.leases.delete(id);
  }

  @Put(':id/status')
  @RequirePermissions('leases:write')
  @ApiOperation({
    summary: 'Change a lease\'s status',
    description: 'DRAFT → ACTIVE (signed outside the platform, needs a tenant party) | CANCELLED; ACTIVE → NOTICE (prefer POST …/notices, which computes the end date). TERMINATED and ARCHIVED belong to their workflows: 409 naming the route (`details.workflow`: the termination routes, PUT …/archive). Anything else: 422 INVALID_TRANSITION with `details.allowed`. The unit\'s rental_status follows.',
  })
  @ApiOkResponse({ type: Lease })
  @ApiErrors(400, 404, 409, 422)
  changeStatus(@UuidParam() id: string, @Body() body: ChangeLeaseStatusDto): Promise<Lease> {
    return this.lifecycle.changeStatus(id, body.status, 'api');
  }
}
