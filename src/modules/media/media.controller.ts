import { Body, Controller, Delete, Get, HttpCode, Post, Query, StreamableFile, UploadedFile } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { RequirePermissions } from '../../core/auth/auth.decorators.js';
import type { Page } from '../../core/pagination/page.js';
import { ApiErrors, ApiPage } from '../../core/swagger/api-docs.decorators.js';
import { WithoutTenantTransaction } from '../../core/tenancy/tenant-transaction.interceptor.js';
import { UuidParam } from '../../core/validation/validation.js';
import { ListMediaQueryDto, UploadMediaDto } from './dto/media.dto.js';
import { Media } from './media.entity.js';
import { MediaService } from './media.service.js';
import { SingleFileUpload } from '../../core/uploads/upload-staging.interceptor.js';
import type { StagedFile } from '../../core/uploads/staged-file.js';

@ApiTags('media')
@Controller('api/media')
export class MediaController {
  constructor(private readonly media: MediaService) {}

  @Post()
  @RequirePermissions('media:write')
  @WithoutTenantTransaction()
  @SingleFileUpload()
  @ApiOperation({
    summary: 'Upload a file',
    description: 'multipart/form-data: `file` (exactly one), `entity_type`, `entity_id` (of the same tenant, else 404), optional `tags`, `role`. The type is decided from the bytes: PDF, PNG, JPEG or WebP, else 415. Over the size limit: 413.',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: UploadMediaDto })
  @ApiCreatedResponse({ type: Media })
  @ApiErrors(400, 404, 413, 415)
  upload(@UploadedFile() file: StagedFile | undefined, @Body() body: UploadMediaDto): Promise<Media> {
    return this.media.upload(file, body);
  }

  @Get()
  @RequirePermissions('media:read')
  @ApiOperation({ summary: 'List files' })
  @ApiPage(Media)
  @ApiErrors(400)
  list(@Query() query: ListMediaQueryDto): Promise<Page<Media>> {
    return this.media.list(query);
  }

  @Get(':id')
  @RequirePermissions('media:read')
  @ApiOperation({ summary: 'Get a file\'s metadata' })
  @ApiOkResponse({ type: Media })
  @ApiErrors(400, 404)
  get(@UuidParam() id: string): Promise<Media> {
    return this.media.get(id);
  }

  @Get(':id/download')
  @RequirePermissions('media:read')
  @ApiOperation({ summary: 'Download a file', description: 'Streamed with its detected type, `Content-Disposition: attachment` and `X-Content-Type-Options: nosniff`.' })
  @ApiProduces('application/pdf', 'image/png', 'image/jpeg', 'image/webp')
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  @ApiErrors(400, 404)
  download(@UuidParam() id: string): Promise<StreamableFile> {
    return this.media.download(id);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermissions('media:write')
  @ApiOperation({ summary: 'Delete a file (its row and its stored bytes)' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrors(400, 404)
  async delete(@UuidParam() id: string): Promise<void> {
    await this.media.delete(id);
  }
}
