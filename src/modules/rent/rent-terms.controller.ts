import { Body, Controller, Get, HttpCode, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequirePermissions } from '../../core/auth/auth.decorators.js';
import { CreatedAt } from '../../core/http/location.interceptor.js';
import { ListQueryDto } from '../../core/pagination/list-query.dto.js';
import { type Page, pageOf } from '../../core/pagination/page.js';
import { ApiErrors, ApiPage } from '../../core/swagger/api-docs.decorators.js';
import { TenantContext } from '../../core/tenancy/tenant-context.js';
import { UuidParam } from '../../core/validation/validation.js';
import { LeasesRepository } from '../leases/leases.repository.js';
import { ChangeRentDto, RentView } from './lease-rent/lease-rent.dto.js';
import { LeaseRentService } from './lease-rent/lease-rent.service.js';
import { RentIndex, RentRevision } from './revisions/rent-revision.entity.js';
import { ListRevisionsQueryDto, RevisionDto, RevisionSimulation } from './revisions/rent-revisions.dto.js';
import { RentRevisionsService } from './revisions/rent-revisions.service.js';
import { LeaseSchedule } from './schedule/lease-schedule.service.js';
import { ListScheduleQueryDto, SchedulePeriodView } from './schedule/schedule.dto.js';

/** What the rent is and will be: the schedule, the rent in force and its changes, IRL revisions. */
@ApiTags('rent cycle')
@Controller('api')
export class RentTermsController {
  constructor(
    private readonly schedule: LeaseSchedule,
    private readonly rents: LeaseRentService,
    private readonly revisions: RentRevisionsService,
    private readonly leases: LeasesRepository,
    private readonly context: TenantContext,
  ) {}

  @Get('leases/:id/schedule')
  @RequirePermissions('leases:read')
  @ApiOperation({
    summary: 'The lease\'s periods and what each calls for',
    description: 'Rent payable in advance on the payment day; a quarterly lease is called in the first month of each quarter; a partial first or last period is prorated by days; a rent change applies from its date, prorated too. Charges: the provision plus the recoverable charge rows due in the period. Each period says whether it was called and paid.',
  })
  @ApiPage(SchedulePeriodView)
  @ApiErrors(400, 404)
  periods(@UuidParam() leaseId: string, @Query() query: ListScheduleQueryDto): Promise<Page<SchedulePeriodView>> {
    return this.schedule.page(leaseId, query);
  }

  @Get('leases/:id/rent')
  @RequirePermissions('leases:read')
  @ApiOperation({ summary: 'The rent in force today, the contract\'s, and every change since' })
  @ApiOkResponse({ type: RentView })
  @ApiErrors(400, 404)
  rent(@UuidParam() leaseId: string): Promise<RentView> {
    return this.rents.view(leaseId);
  }

  @Put('leases/:id/rent')
  @RequirePermissions('leases:write')
  @ApiOperation({
    summary: 'Change the rent from a date (an amendment or a correction)',
    description: 'Applies from `effective_date` (prorated within its period). ACTIVE or NOTICE leases (a DRAFT lease is edited directly). F and G housing cannot have its rent raised (422, art. 159 loi n° 2021-1104). One change per day (409). Yearly IRL revisions go through /rent-revisions.',
  })
  @ApiOkResponse({ type: RentView })
  @ApiErrors(400, 404, 409, 422)
  changeRent(@UuidParam() leaseId: string, @Body() body: ChangeRentDto): Promise<RentView> {
    return this.rents.change(leaseId, body);
  }

  @Post('leases/:id/rent-revisions/simulate')
  @HttpCode(200)
  @RequirePermissions('leases:read')
  @ApiOperation({ summary: 'What an IRL revision would give (nothing stored)', description: 'new rent = rent in force × IRL(new_irl_quarter) ÷ IRL(same quarter a year earlier), to the cent (art. 17-1, loi n° 89-462).' })
  @ApiOkResponse({ type: RevisionSimulation })
  @ApiErrors(400, 404, 422)
  simulate(@UuidParam() leaseId: string, @Body() body: RevisionDto): Promise<RevisionSimulation> {
    return this.revisions.simulate(leaseId, body);
  }

  @Post('leases/:id/rent-revisions')
  @RequirePermissions('leases:write')
  @CreatedAt((revision) => `/api/leases/${(revision as unknown as RentRevision).lease_id}/rent-revisions`)
  @ApiOperation({
    summary: 'Record an IRL revision (the landlord\'s claim)',
    description: 'Loi 89 leases only; the lease\'s reference quarter; `effective_date` is the revision date it is for. Claimed late it applies from today; more than a year late it is lost (422). F/G housing: no rise (422). One per revision date (409). Apply it with …/{id}/apply.',
  })
  @ApiCreatedResponse({ type: RentRevision })
  @ApiErrors(400, 404, 409, 422)
  record(@UuidParam() leaseId: string, @Body() body: RevisionDto): Promise<RentRevision> {
    return this.revisions.record(leaseId, body);
  }

  @Get('leases/:id/rent-revisions')
  @RequirePermissions('leases:read')
  @ApiOperation({ summary: 'The lease\'s IRL revisions' })
  @ApiPage(RentRevision)
  @ApiErrors(400, 404)
  async listRevisions(@UuidParam() leaseId: string, @Query() query: ListRevisionsQueryDto): Promise<Page<RentRevision>> {
    await this.leases.getById(leaseId);
    return this.revisions.list(leaseId, query);
  }

  @Post('leases/:id/rent-revisions/:revision_id/apply')
  @HttpCode(200)
  @RequirePermissions('leases:write')
  @ApiOperation({ summary: 'Apply a recorded revision: the new rent from its effective date' })
  @ApiOkResponse({ type: RentRevision })
  @ApiErrors(400, 404, 409, 422)
  apply(@UuidParam() leaseId: string, @UuidParam('revision_id') revisionId: string): Promise<RentRevision> {
    return this.revisions.apply(leaseId, revisionId);
  }

  @Get('rent-indices')
  @RequirePermissions('leases:read')
  @ApiOperation({ summary: 'The IRL catalogue (shared by every tenant; maintained by FairePlace from INSEE\'s publications)' })
  @ApiPage(RentIndex)
  @ApiErrors(400)
  async indices(@Query() query: ListQueryDto): Promise<Page<RentIndex>> {
    return pageOf(await this.context.manager.getRepository(RentIndex).find({ order: { quarter: 'DESC' } }), query);
  }
}
