import { Body, Controller, Delete, Get, HttpCode, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequirePermissions } from '../../../core/auth/auth.decorators.js';
import type { Page } from '../../../core/pagination/page.js';
import { ApiErrors, ApiPage } from '../../../core/swagger/api-docs.decorators.js';
import { UuidParam } from '../../../core/validation/validation.js';
import { AttachLesseeDto, EndPartyDto, ListLeasePartiesQueryDto } from './lease-parties.dto.js';
import { LeasePartiesService } from './lease-parties.service.js';
import { LeaseParty } from './lease-party.entity.js';

@ApiTags('leases')
@Controller('api/leases/:id/lessees')
export class LeasePartiesController {
  constructor(private readonly parties: LeasePartiesService) {}

  @Get()
  @RequirePermissions('leases:read')
  @ApiOperation({ summary: 'List the parties of a lease (tenants and guarantors), oldest first' })
  @ApiPage(LeaseParty)
  @ApiErrors(400, 404)
  list(@UuidParam() leaseId: string, @Query() query: ListLeasePartiesQueryDto): Promise<Page<LeaseParty>> {
    return this.parties.list(leaseId, query);
  }

  @Post()
  @RequirePermissions('leases:write')
  @ApiOperation({ summary: 'Attach a lessee as tenant or guarantor', description: 'DRAFT, ACTIVE or NOTICE leases (else 409); once per role (else 409).' })
  @ApiCreatedResponse({ type: LeaseParty })
  @ApiErrors(400, 404, 409, 413, 415)
  attach(@UuidParam() leaseId: string, @Body() body: AttachLesseeDto): Promise<LeaseParty> {
    return this.parties.attach(leaseId, body);
  }

  @Delete(':lessee_id')
  @HttpCode(204)
  @RequirePermissions('leases:write')
  @ApiOperation({ summary: 'Remove a lessee from a DRAFT lease (every role)', description: '409 once past DRAFT: end the participation instead.' })
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiErrors(400, 404, 409)
  async detach(@UuidParam() leaseId: string, @UuidParam('lessee_id') lesseeId: string): Promise<void> {
    await this.parties.detach(leaseId, lesseeId);
  }

  @Put(':lessee_id/end')
  @RequirePermissions('leases:write')
  @ApiOperation({ summary: 'End a lessee\'s participation in an ACTIVE or NOTICE lease (every current role)' })
  @ApiPage(LeaseParty)
  @ApiErrors(400, 404, 409, 422)
  end(@UuidParam() leaseId: string, @UuidParam('lessee_id') lesseeId: string, @Body() body: EndPartyDto): Promise<Page<LeaseParty>> {
    return this.parties.end(leaseId, lesseeId, body);
  }
}
