import { Body, Controller, Get, HttpCode, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiAcceptedResponse, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { RequirePermissions } from '../../core/auth/auth.decorators.js';
import { CreatedAt } from '../../core/http/location.interceptor.js';
import { ListQueryDto, SortQuery } from '../../core/pagination/list-query.dto.js';
import type { Page } from '../../core/pagination/page.js';
import { ApiErrors, ApiPage } from '../../core/swagger/api-docs.decorators.js';
import { UuidParam } from '../../core/validation/validation.js';
import { DocumentsRepository } from '../documents/documents.repository.js';
import { DocumentsService } from '../documents/documents.service.js';
import { LeasesRepository } from '../leases/leases.repository.js';
import { RentCall, RentCallRun } from './calls/rent-call.entity.js';
import { RentCallRunsService } from './calls/rent-call-runs.service.js';
import { RentCallsService } from './calls/rent-calls.service.js';
import { RentCallsRepository } from './rent.repositories.js';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export class IssueRentCallDto {
  @ApiProperty({ example: '2027-03', description: 'The month in which the period starts (YYYY-MM); for a quarterly lease, the quarter\'s first month' })
  @Matches(MONTH, { message: 'period must be a month YYYY-MM' })
  period: string;
}

export class StartRunDto {
  @ApiProperty({ example: '2027-03', description: 'YYYY-MM' }) @Matches(MONTH, { message: 'month must be a month YYYY-MM' }) month: string;
}

class ListCallsQueryDto extends ListQueryDto {
  @SortQuery(['period_start', 'created_at']) sort?: string;
}
class ListRunsQueryDto extends ListQueryDto {
  @SortQuery(['month', 'created_at']) sort?: string;
}

@ApiTags('rent cycle')
@Controller('api')
export class RentCallsController {
  constructor(
    private readonly calls: RentCallsService,
    private readonly callsRepository: RentCallsRepository,
    private readonly runs: RentCallRunsService,
    private readonly leases: LeasesRepository,
    private readonly documents: DocumentsRepository,
    private readonly files: DocumentsService,
  ) {}

  @Post('leases/:id/rent-calls')
  @RequirePermissions('leases:write')
  @CreatedAt((call) => `/api/leases/${(call as unknown as RentCall).lease_id}/rent-calls/${call.id}`)
  @ApiOperation({
    summary: 'Call the rent of one period (avis d\'échéance)',
    description: 'The lease\'s period starting in `period`, with rent, charges provision and recoverable charges from the schedule, and its French PDF. One call per lease and period, ever: a second one is 409 (`details.rent_call_id`). ACTIVE or NOTICE leases only (422).',
  })
  @ApiCreatedResponse({ type: RentCall })
  @ApiErrors(400, 404, 409, 422)
  issue(@UuidParam() leaseId: string, @Body() body: IssueRentCallDto): Promise<RentCall> {
    return this.calls.issueForPeriod(leaseId, body.period);
  }

  @Get('leases/:id/rent-calls')
  @RequirePermissions('leases:read')
  @ApiOperation({ summary: 'The lease\'s rent calls' })
  @ApiPage(RentCall)
  @ApiErrors(400, 404)
  async list(@UuidParam() leaseId: string, @Query() query: ListCallsQueryDto): Promise<Page<RentCall>> {
    await this.leases.getById(leaseId);
    return this.callsRepository.pageOfLease(leaseId, query);
  }

  @Get('leases/:id/rent-calls/:call_id')
  @RequirePermissions('leases:read')
  @ApiOperation({ summary: 'A rent call' })
  @ApiOkResponse({ type: RentCall })
  @ApiErrors(400, 404)
  get(@UuidParam() leaseId: string, @UuidParam('call_id') callId: string): Promise<RentCall> {
    return this.callsRepository.getChildOf('lease_id', leaseId, callId);
  }

  @Get('leases/:id/rent-calls/:call_id/pdf')
  @RequirePermissions('leases:read')
  @ApiOperation({ summary: 'The rent call\'s PDF (avis d\'échéance)' })
  @ApiProduces('application/pdf')
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  @ApiErrors(400, 404)
  async pdf(@UuidParam() leaseId: string, @UuidParam('call_id') callId: string): Promise<StreamableFile> {
    const call = await this.callsRepository.getChildOf('lease_id', leaseId, callId);
    return this.files.stream(await this.documents.getById(call.document_id!));
  }

  @Post('rent-calls/runs')
  @HttpCode(202)
  @RequirePermissions('leases:write')
  @ApiOperation({
    summary: 'Call a month\'s rent for every running lease, in the background',
    description: 'Every ACTIVE or NOTICE lease with a period starting in `month` gets its call. Answers 202 with the run at once; follow it with GET /api/rent-calls/runs/{id}. One run per month: asking again returns the run (and, once finished, runs it again for the leases still missing their call). Never two calls for one lease and period.',
  })
  @ApiAcceptedResponse({ type: RentCallRun })
  @ApiErrors(400)
  start(@Body() body: StartRunDto): Promise<RentCallRun> {
    return this.runs.start(body.month);
  }

  @Get('rent-calls/runs')
  @RequirePermissions('leases:read')
  @ApiOperation({ summary: 'Bulk runs of rent calls' })
  @ApiPage(RentCallRun)
  @ApiErrors(400)
  listRuns(@Query() query: ListRunsQueryDto): Promise<Page<RentCallRun>> {
    return this.runs.list(query);
  }

  @Get('rent-calls/runs/:id')
  @RequirePermissions('leases:read')
  @ApiOperation({ summary: 'A bulk run: status, done/total, failures' })
  @ApiOkResponse({ type: RentCallRun })
  @ApiErrors(400, 404)
  getRun(@UuidParam() id: string): Promise<RentCallRun> {
    return this.runs.get(id);
  }
}
