import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequirePermissions } from '../../core/auth/auth.decorators.js';
import { ApiErrors } from '../../core/swagger/api-docs.decorators.js';
import { UsageQueryDto, UsageSummaryDto } from './dto/usage.dto.js';
import { UsageService } from './usage.service.js';

@ApiTags('usage')
@Controller('api/usage')
export class UsageController {
  constructor(private readonly usage: UsageService) {}

  @Get('summary')
  @RequirePermissions('usage:read')
  @ApiOperation({
    summary: 'Usage summary',
    description: 'Requests by day and by key, rate-limit refusals, credits bought and spent, signatures completed and documents generated over whole UTC days; storage and counts as they are now.',
  })
  @ApiOkResponse({ type: UsageSummaryDto })
  @ApiErrors(400)
  summary(@Query() query: UsageQueryDto): Promise<UsageSummaryDto> {
    return this.usage.summary(query);
  }
}
