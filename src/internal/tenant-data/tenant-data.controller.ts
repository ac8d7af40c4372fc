import { Body, Controller, Delete, Get, HttpCode, Post, StreamableFile } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../../core/swagger/api-docs.decorators.js';
import { UuidParam } from '../../core/validation/validation.js';
import { InternalApi } from '../internal-token.guard.js';
import { EraseTenantDto, TenantErasureDto } from './tenant-data.dto.js';
import { TenantErasureService } from './tenant-erasure.service.js';
import { TenantExport } from './tenant-export.entity.js';
import { TenantExportsService } from './tenant-exports.service.js';

/** A tenant's whole data: export archives and erasure (docs/tenant-data.md). Live tenant ids only. */
@ApiTags('internal: tenant data')
@InternalApi()
@Controller('internal/tenants/:tenant_id')
export class TenantDataController {
  constructor(
    private readonly exports: TenantExportsService,
    private readonly erasure: TenantErasureService,
  ) {}

  @Post('exports')
  @HttpCode(202)
  @ApiOperation({ summary: 'Export the tenant (live and sandbox data spaces) as one zip archive', description: 'A job writes the archive; poll GET …/exports/{export_id}.' })
  @ApiAcceptedResponse({ type: TenantExport })
  @ApiErrors(400, 401, 404)
  requestExport(@UuidParam('tenant_id') _tenantId: string): Promise<TenantExport> {
    return this.exports.request();
  }

  @Get('exports/:export_id')
  @ApiOkResponse({ type: TenantExport })
  @ApiErrors(400, 401, 404)
  getExport(@UuidParam('tenant_id') _tenantId: string, @UuidParam('export_id') id: string): Promise<TenantExport> {
    return this.exports.get(id);
  }

  @Get('exports/:export_id/download')
  @ApiProduces('application/zip')
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' }, description: 'The archive, streamed' })
  @ApiErrors(400, 401, 404, 409)
  download(@UuidParam('tenant_id') _tenantId: string, @UuidParam('export_id') id: string): Promise<StreamableFile> {
    return this.exports.download(id);
  }

  @Delete()
  @HttpCode(202)
  @ApiOperation({
    summary: 'Erase the tenant: every row and file of its live and sandbox data spaces',
    description: 'Irreversible. `confirm` must be the tenant id or its exact name. Its API keys stop working at once; a job erases the rest. A tombstone remains (GET …/erasure).',
  })
  @ApiAcceptedResponse({ type: TenantErasureDto })
  @ApiErrors(400, 401, 404, 422)
  erase(@UuidParam('tenant_id') _tenantId: string, @Body() body: EraseTenantDto): Promise<TenantErasureDto> {
    return this.erasure.request(body.confirm);
  }

  @Get('erasure')
  @ApiOkResponse({ type: TenantErasureDto, description: 'The erasure tombstone, also once the tenant is gone' })
  @ApiErrors(400, 401, 404)
  erasureStatus(@UuidParam('tenant_id') tenantId: string): Promise<TenantErasureDto> {
    return this.erasure.status(tenantId);
  }
}
