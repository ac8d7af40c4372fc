import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequirePermissions } from '../../core/auth/auth.decorators.js';
import type { Page } from '../../core/pagination/page.js';
import { ApiErrors, ApiPage } from '../../core/swagger/api-docs.decorators.js';
import { ListRequestsQueryDto, RequestLogLineDto } from './dto/request-log.dto.js';
import { RequestLogService } from './request-log.service.js';

@ApiTags('requests')
@Controller('api/requests')
export class RequestLogController {
  constructor(private readonly requests: RequestLogService) {}

  @Get()
  @RequirePermissions('logs:read')
  @ApiOperation({
    summary: 'The API request log',
    description:
      'Every request made with this data space\'s keys (sandbox keys: the sandbox log), newest first, kept 30 days by default. ' +
      'Quote an `X-Request-Id` in `request_id` to find its line. Lines appear within a few seconds. Never a body, a query string or a header other than the user agent.',
  })
  @ApiPage(RequestLogLineDto)
  @ApiErrors(400)
  list(@Query() query: ListRequestsQueryDto): Promise<Page<RequestLogLineDto>> {
    return this.requests.list(query);
  }
}
