import { Body, Controller, Get, HttpCode, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequirePermissions } from '../../core/auth/auth.decorators.js';
import { CreatedAt } from '../../core/http/location.interceptor.js';
import type { Page } from '../../core/pagination/page.js';
import { ApiErrors, ApiPage } from '../../core/swagger/api-docs.decorators.js';
import { EnumParam, UuidParam } from '../../core/validation/validation.js';
import { Lease } from '../leases/lease.entity.js';
import { DepositReturnService } from './deposit/deposit-return.service.js';
import {
  ForceTerminationDto, GiveNoticeDto, ListNoticesQueryDto, ReletDto, ReturnDepositDto, StartTerminationDto, TerminationView, UpdateChecklistItemDto, UpdateDepositReturnDto,
} from './lease-end.dto.js';
import { CHECKLIST_KEYS, type ChecklistKey, DepositSettlement, LeaseNotice } from './lease-end.entities.js';
import { NoticesService } from './notices/notices.service.js';
import { TerminationService } from './termination/termination.service.js';

/** The end of a lease: notices (congés), the termination workflow and its checklist, the deposit's return, the archive. */
@ApiTags('end of lease')
@Controller('api/leases/:id')
export class LeaseEndController {
  constructor(
    private readonly notices: NoticesService,
    private readonly termination: TerminationService,
    private readonly deposit: DepositReturnService,
  ) {}

  @Post('notices')
  @RequirePermissions('leases:write')
  @CreatedAt((notice) => `/api/leases/${(notice as unknown as LeaseNotice).lease_id}/notices/${notice.id}`)
  @ApiOperation({
    summary: 'Record a notice (congé) on an ACTIVE housing lease',
    description:
      'The law computes the end date (art. 15, loi n° 89-462). Lessee: 3 months unfurnished; 1 month for furnished or student housing, a tense-market zone (`places.tense_zone`) or a legal reason. ' +
      'Landlord: sale (details.price, details.conditions), own_occupation (details.beneficiary) or serious_reason (details.description) only; ends the lease at its term (its end_date, else the current tacit term: ' +
      '3 years, 6 for a company landlord, unfurnished; 1 year furnished; none for a student lease) and must arrive 6 months (unfurnished) or 3 months (furnished) before it; refused for a protected lessee (over 65, modest resources, art. 15 III) without details.rehousing_offer. ' +
      'The lease moves to NOTICE, its end_date becomes the notice\'s (rent runs to it) and the termination workflow opens. 422 RULE_VIOLATION names the rule in `details.rule`; 409 if the lease is not ACTIVE or already ending.',
  })
  @ApiCreatedResponse({ type: LeaseNotice })
  @ApiErrors(400, 404, 409, 422)
  give(@UuidParam() leaseId: string, @Body() body: GiveNoticeDto): Promise<LeaseNotice> {
    return this.notices.give(leaseId, body);
  }

  @Get('notices')
  @RequirePermissions('leases:read')
  @ApiOperation({ summary: 'The notices given on the lease' })
  @ApiPage(LeaseNotice)
  @ApiErrors(400, 404)
  listNotices(@UuidParam() leaseId: string, @Query() query: ListNoticesQueryDto): Promise<Page<LeaseNotice>> {
    return this.notices.list(leaseId, query);
  }

  @Get('notices/:notice_id')
  @RequirePermissions('leases:read')
  @ApiOperation({ summary: 'A notice' })
  @ApiOkResponse({ type: LeaseNotice })
  @ApiErrors(400, 404)
  getNotice(@UuidParam() leaseId: string, @UuidParam('notice_id') noticeId: string): Promise<LeaseNotice> {
    return this.notices.get(leaseId, noticeId);
  }

  @Post('termination')
  @RequirePermissions('leases:write')
  @CreatedAt((termination) => `/api/leases/${(termination as unknown as TerminationView).lease_id}/termination`)
  @ApiOperation({
    summary: 'Start the termination of a lease without a notice (agreement, court decision...)',
    description: 'On an ACTIVE or NOTICE lease with no termination yet (else 409). The lease moves to NOTICE and ends on effective_date: rent runs to it.',
  })
  @ApiCreatedResponse({ type: TerminationView })
  @ApiErrors(400, 404, 409, 422)
  start(@UuidParam() leaseId: string, @Body() body: StartTerminationDto): Promise<TerminationView> {
    return this.termination.start(leaseId, body);
  }

  @Get('termination')
  @RequirePermissions('leases:read')
  @ApiOperation({ summary: 'The termination: status, checklist, completion', description: '404 until a notice is given or a termination started.' })
  @ApiOkResponse({ type: TerminationView })
  @ApiErrors(400, 404)
  getTermination(@UuidParam() leaseId: string): Promise<TerminationView> {
    return this.termination.get(leaseId);
  }

  @Put('termination/checklist/:key')
  @RequirePermissions('leases:write')
  @ApiOperation({
    summary: 'Tick (or untick) a checklist item',
    description:
      'Keys: keys_returned, exit_report_signed, deposit_settled, charges_settled (else 400). An item ticked by its workflow (a signed exit condition report, a paid deposit settlement) cannot be changed by hand (409); ' +
      'deposit_settled cannot be ticked by hand when the lease has a deposit (422: record its return). After a landlord\'s notice, keys returned before the end date end the lease that day (rent is due for actual occupation only). 409 once COMPLETED.',
  })
  @ApiOkResponse({ type: TerminationView })
  @ApiErrors(400, 404, 409, 422)
  updateItem(@UuidParam() leaseId: string, @EnumParam('key', CHECKLIST_KEYS) key: ChecklistKey, @Body() body: UpdateChecklistItemDto): Promise<TerminationView> {
    return this.termination.updateItem(leaseId, key, body);
  }

  @Put('termination/relet')
  @RequirePermissions('leases:write')
  @ApiOperation({
    summary: 'A new tenant takes the unit before the end of a lessee\'s notice',
    description: 'With the landlord\'s agreement, the outgoing lessee owes rent only until the day before (art. 15 I, loi n° 89-462): the termination\'s effective_date and the lease\'s end_date move there. Only after a lessee\'s notice (422 otherwise).',
  })
  @ApiOkResponse({ type: TerminationView })
  @ApiErrors(400, 404, 409, 422)
  relet(@UuidParam() leaseId: string, @Body() body: ReletDto): Promise<TerminationView> {
    return this.termination.relet(leaseId, body);
  }

  @Put('termination/complete')
  @RequirePermissions('leases:write')
  @ApiOperation({ summary: 'Complete the termination', description: 'Needs the whole checklist (422 with `details.missing` otherwise). The lease becomes TERMINATED, the unit VACANT (unless another lease runs on it).' })
  @ApiOkResponse({ type: TerminationView })
  @ApiErrors(400, 404, 409, 422)
  complete(@UuidParam() leaseId: string): Promise<TerminationView> {
    return this.termination.complete(leaseId);
  }

  @Post('termination/force')
  @HttpCode(200)
  @RequirePermissions('leases:write')
  @ApiOperation({
    summary: 'Complete the termination without its checklist',
    description: 'For an end the checklist cannot follow (a lessee gone without a word, a court\'s decision); the reason is kept. Opens the termination first if there is none (effective_date, default today). The lease becomes TERMINATED.',
  })
  @ApiOkResponse({ type: TerminationView })
  @ApiErrors(400, 404, 409, 422)
  force(@UuidParam() leaseId: string, @Body() body: ForceTerminationDto): Promise<TerminationView> {
    return this.termination.force(leaseId, body);
  }

  @Put('archive')
  @RequirePermissions('leases:write')
  @ApiOperation({ summary: 'Archive a TERMINATED lease', description: 'TERMINATED → ARCHIVED; any other status: 422 INVALID_TRANSITION.' })
  @ApiOkResponse({ type: Lease })
  @ApiErrors(400, 404, 409, 422)
  archive(@UuidParam() leaseId: string): Promise<Lease> {
    return this.termination.archive(leaseId);
  }

  @Post('deposit/return')
  @RequirePermissions('leases:write')
  @CreatedAt((settlement) => `/api/leases/${(settlement as unknown as DepositSettlement).lease_id}/deposit/return`)
  @ApiOperation({
    summary: 'Settle the deposit\'s return (art. 22, loi n° 89-462)',
    description:
      'Itemised deductions, each with its reason; due 1 month after the keys were returned when the exit report matches the entry report, 2 months otherwise; in a collective building up to 20 % may be held back until the building\'s accounts are approved. ' +
      'Returned late, the sum owed grows by 10 % of the monthly rent (charges excluded) per month started, except while the lessee has given no forwarding address. Rent owed may be paid from it (`deduct_arrears`: an entry in the lease\'s account). ' +
      'Writes the settlement PDF (`document_id`, kind deposit_settlement_pdf). Once per lease (409); needs the termination open (409). Deductions beyond the deposit: 422.',
  })
  @ApiCreatedResponse({ type: DepositSettlement })
  @ApiErrors(400, 404, 409, 422)
  returnDeposit(@UuidParam() leaseId: string, @Body() body: ReturnDepositDto): Promise<DepositSettlement> {
    return this.deposit.create(leaseId, body);
  }

  @Get('deposit/return')
  @RequirePermissions('leases:read')
  @ApiOperation({ summary: 'The deposit settlement', description: 'Unpaid, its penalty and amount are shown as they stand today.' })
  @ApiOkResponse({ type: DepositSettlement })
  @ApiErrors(400, 404)
  getDeposit(@UuidParam() leaseId: string): Promise<DepositSettlement> {
    return this.deposit.get(leaseId);
  }

  @Put('deposit/return')
  @RequirePermissions('leases:write')
  @ApiOperation({
    summary: 'Record the payment, the forwarding address, or the building\'s accounts',
    description: 'paid_on fixes the penalty and ticks deposit_settled on the checklist (once set, it does not change: 409); accounts_approved_on makes the amount held back due within a month. Each change writes a new version of the PDF.',
  })
  @ApiOkResponse({ type: DepositSettlement })
  @ApiErrors(400, 404, 409, 422)
  updateDeposit(@UuidParam() leaseId: string, @Body() body: UpdateDepositReturnDto): Promise<DepositSettlement> {
    return this.deposit.update(leaseId, body);
  }
}
