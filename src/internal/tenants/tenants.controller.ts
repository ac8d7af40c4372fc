import { Body, Controller, Get, Post, Put } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../../core/swagger/api-docs.decorators.js';
import { WithoutTenantTransaction } from '../../core/tenancy/tenant-transaction.interceptor.js';
import { UuidParam } from '../../core/validation/validation.js';
import { InternalApi, ReachesSandbox } from '../internal-token.guard.js';
import { Tenant } from './tenant.entity.js';
import { CreateTenantDto, UpdateTenantDto } from './tenants.dto.js';
import { TenantsService } from './tenants.service.js';

@ApiTags('internal: tenants')
@InternalApi()
@Controller('internal/tenants')
export class TenantsController {
  constructor(private readonly tenants: TenantsService) {}

  @Post()
  @WithoutTenantTransaction()
  @ApiCreatedResponse({ type: Tenant, description: 'The live tenant; its sandbox twin is created with it (reach it with ?environment=sandbox)' })
  @ApiErrors(400, 401)
  create(@Body() body: CreateTenantDto): Promise<Tenant> {
    return this.tenants.create(body.name);
  }

  @Put(':tenant_id')
  @ReachesSandbox()
  @ApiOkResponse({ type: Tenant })
  @ApiErrors(400, 401, 404)
  update(@UuidParam('tenant_id') _tenantId: string, @Body() body: UpdateTenantDto): Promise<Tenant> {
    return this.tenants.update(body);
  }

  @Get(':tenant_id')
  @ReachesSandbox()
  @ApiOkResponse({ type: Tenant })
  @ApiErrors(400, 401, 404)
  get(@UuidParam('tenant_id') _tenantId: string): Promise<Tenant> {
    return this.tenants.getCurrent();
  }
}
