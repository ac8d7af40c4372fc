import { Body, Controller, Delete, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiTags } from '@nestjs/swagger';
import type { Page } from '../../core/pagination/page.js';
import { ApiErrors, ApiPage } from '../../core/swagger/api-docs.decorators.js';
import { UuidParam } from '../../core/validation/validation.js';
import { InternalApi } from '../internal-token.guard.js';
import { ApiKey } from './api-key.entity.js';
import { CreateApiKeyDto, CreatedApiKeyDto, ListApiKeysQueryDto } from './api-keys.dto.js';
import { ApiKeysService, type CreatedApiKey } from './api-keys.service.js';

@ApiTags('internal: api keys')
@InternalApi()
@Controller('internal/tenants/:tenant_id/api-keys')
export class ApiKeysController {
  constructor(private readonly apiKeys: ApiKeysService) {}

  @Get()
  @ApiPage(ApiKey)
  @ApiErrors(400, 401)
  list(@UuidParam('tenant_id') _tenantId: string, @Query() query: ListApiKeysQueryDto): Promise<Page<ApiKey>> {
    return this.apiKeys.list(query);
  }

  @Post()
  @ApiCreatedResponse({ type: CreatedApiKeyDto, description: 'The only response that ever contains the key' })
  @ApiErrors(400, 401, 404, 422)
  create(@UuidParam('tenant_id') _tenantId: string, @Body() body: CreateApiKeyDto): Promise<CreatedApiKey> {
    return this.apiKeys.create(body);
  }

  @Delete(':key_id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Revoked; refused on every instance within a second' })
  @ApiErrors(400, 401, 404)
  async revoke(@UuidParam('tenant_id') _tenantId: string, @UuidParam('key_id') keyId: string): Promise<void> {
    await this.apiKeys.revoke(keyId);
  }
}
