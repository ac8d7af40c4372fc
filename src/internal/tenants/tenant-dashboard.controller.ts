import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Page } from '../../core/pagination/page.js';
import { ApiErrors, ApiPage } from '../../core/swagger/api-docs.decorators.js';
import { UuidParam } from '../../core/validation/validation.js';
import { RequestLogLineDto } from '../../modules/request-log/dto/request-log.dto.js';
import { RequestLogService } from '../../modules/request-log/request-log.service.js';
import { UsageSummaryDto } from '../../modules/usage/dto/usage.dto.js';
import { UsageService } from '../../modules/usage/usage.service.js';
import { InternalApi, ReachesSandbox } from '../internal-token.guard.js';
import { InternalRequestsQueryDto, InternalUsageQueryDto, ListTenantsQueryDto, SuspendTenantDto, TenantDirectoryEntryDto } from './tenant-dashboard.dto.js';
import { TenantDirectoryService } from './tenant-directory.service.js';
import { TenantSuspensionService } from './tenant-suspension.service.js';
import { Tenant } from './tenant.entity.js';
import { TenantsService } from './tenants.service.js';

/** The dashboard's view of tenants: find them, suspend them, see what they use and what they asked. */
@ApiTags('internal: tenants')
@InternalApi()
@Controller('internal/tenants')
export class TenantDashboardController {
  constructor(
    private readonly directory: TenantDirectoryService,
    private readonly suspension: TenantSuspensionService,
    private readonly tenants: TenantsService,
    private readonly usage: UsageService,
    private readonly requests: RequestLogService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'The directory of live tenants: search by name or id, filter by status, sort by name, creation or last activity' })
  @ApiPage(TenantDirectoryEntryDto)
  @ApiErrors(400, 401)
  list(@Query() query: ListTenantsQueryDto): Promise<Page<TenantDirectoryEntryDto>> {
    return this.directory.list(query);
  }

  @Post(':tenant_id/suspend')
  @HttpCode(200)
  @ApiOperation({ summary: 'Suspend a tenant: every key (live and sandbox) gets 403 TENANT_SUSPENDED within a second; background work pauses; no data changes' })
  @ApiOkResponse({ type: Tenant })
  @ApiErrors(400, 401, 404)
  suspend(@UuidParam('tenant_id') _tenantId: string, @Body() body: SuspendTenantDto): Promise<Tenant> {
    return this.suspension.suspend(body);
  }

  @Post(':tenant_id/reactivate')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reactivate a suspended tenant (its keys work again within a second, its jobs resume)' })
  @ApiOkResponse({ type: Tenant })
  @ApiErrors(400, 401, 404)
  reactivate(@UuidParam('tenant_id') _tenantId: string): Promise<Tenant> {
    return this.suspension.reactivate();
  }

  @Get(':tenant_id/usage')
  @ReachesSandbox()
  @ApiOperation({ summary: 'What the tenant consumed (the same summary as GET /api/usage/summary)' })
  @ApiOkResponse({ type: UsageSummaryDto })
  @ApiErrors(400, 401, 404)
  async getUsage(@UuidParam('tenant_id') _tenantId: string, @Query() query: InternalUsageQueryDto): Promise<UsageSummaryDto> {
    await this.tenants.getCurrent();
    return this.usage.summary(query);
  }

  @Get(':tenant_id/requests')
  @ReachesSandbox()
  @ApiOperation({ summary: 'The tenant\'s API request log (the same lines and filters as GET /api/requests)' })
  @ApiPage(RequestLogLineDto)
  @ApiErrors(400, 401, 404)
  async listRequests(@UuidParam('tenant_id') _tenantId: string, @Query() query: InternalRequestsQueryDto): Promise<Page<RequestLogLineDto>> {
    await this.tenants.getCurrent();
    return this.requests.list(query);
  }
}
