import { Body, Controller, Get, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { RequirePermissions } from '../../core/auth/auth.decorators.js';
import { CreatedAt } from '../../core/http/location.interceptor.js';
import { ListQueryDto, SortQuery } from '../../core/pagination/list-query.dto.js';
import type { Page } from '../../core/pagination/page.js';
import { ApiErrors, ApiPage } from '../../core/swagger/api-docs.decorators.js';
import { UuidParam } from '../../core/validation/validation.js';
import { IsCalendarDate } from '../../core/validation/validators.js';
import { DocumentsRepository } from '../documents/documents.repository.js';
import { DocumentsService } from '../documents/documents.service.js';
import { LeasesRepository } from '../leases/leases.repository.js';
import { AccountView, ArrearsRow, ListArrearsQueryDto } from './account/account.dto.js';
import { LeaseAccounts } from './account/lease-account.service.js';
import { RentPayment } from './payments/rent-payment.entity.js';
import { ListRentPaymentsQueryDto, RecordPaymentDto, ReversePaymentDto } from './payments/rent-payments.dto.js';
import { RentPaymentsService } from './payments/rent-payments.service.js';
import { Receipt, RECEIPT_KINDS } from './receipts/receipt.entity.js';
import { ReceiptsService } from './receipts/receipts.service.js';

export class GenerateReceiptDto {
  @ApiProperty({ format: 'date', example: '2027-03-01', description: 'The period\'s first day (period_start of its rent call)' }) @IsCalendarDate() period: string;
}

class ListReceiptsQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ enum: RECEIPT_KINDS }) @IsOptional() @IsIn(RECEIPT_KINDS) kind?: string;
  @SortQuery(['created_at', 'number']) sort?: string;
}

/** Money in: payments received, the account, arrears, and the receipts that acknowledge payments. */
@ApiTags('rent cycle')
@Controller('api')
export class RentMoneyController {
  constructor(
    private readonly payments: RentPaymentsService,
    private readonly receipts: ReceiptsService,
    private readonly accounts: LeaseAccounts,
    private readonly leases: LeasesRepository,
    private readonly documents: DocumentsRepository,
    private readonly files: DocumentsService,
  ) {}

  @Post('leases/:id/payments-received')
  @RequirePermissions('leases:write')
  @CreatedAt((payment) => `/api/leases/${(payment as unknown as RentPayment).lease_id}/payments-received/${payment.id}`)
  @ApiOperation({
    summary: 'Record money received for a lease',
    description: 'Allocated to the oldest period still owed, charges before rent; an overpayment stays as a credit for the next periods. A period paid in full gets its quittance, a partial payment a reçu (art. 21, loi n° 89-462). Never edited: reverse it instead.',
  })
  @ApiCreatedResponse({ type: RentPayment })
  @ApiErrors(400, 404)
  record(@UuidParam() leaseId: string, @Body() body: RecordPaymentDto): Promise<RentPayment> {
    return this.payments.record(leaseId, body);
  }

  @Get('leases/:id/payments-received')
  @RequirePermissions('leases:read')
  @ApiOperation({ summary: 'Money received for the lease, reversals included' })
  @ApiPage(RentPayment)
  @ApiErrors(400, 404)
  async listPayments(@UuidParam() leaseId: string, @Query() query: ListRentPaymentsQueryDto): Promise<Page<RentPayment>> {
    await this.leases.getById(leaseId);
    return this.payments.list(leaseId, query);
  }

  @Get('leases/:id/payments-received/:payment_id')
  @RequirePermissions('leases:read')
  @ApiOperation({ summary: 'A payment received' })
  @ApiOkResponse({ type: RentPayment })
  @ApiErrors(400, 404)
  getPayment(@UuidParam() leaseId: string, @UuidParam('payment_id') paymentId: string): Promise<RentPayment> {
    return this.payments.get(leaseId, paymentId);
  }

  @Post('leases/:id/payments-received/:payment_id/reverse')
  @RequirePermissions('leases:write')
  @CreatedAt((payment) => `/api/leases/${(payment as unknown as RentPayment).lease_id}/payments-received/${payment.id}`)
  @ApiOperation({ summary: 'Reverse a payment (a bounced cheque, a mistake)', description: 'A new entry of the opposite amount: the payment no longer counts, and a quittance it completed is cancelled. Once per payment (409).' })
  @ApiCreatedResponse({ type: RentPayment })
  @ApiErrors(400, 404, 409)
  reverse(@UuidParam() leaseId: string, @UuidParam('payment_id') paymentId: string, @Body() body: ReversePaymentDto): Promise<RentPayment> {
    return this.payments.reverse(leaseId, paymentId, body);
  }

  @Get('leases/:id/account')
  @RequirePermissions('leases:read')
  @ApiOperation({ summary: 'The lease\'s account: ledger lines, each period\'s state, balance, credit and overdue amount' })
  @ApiOkResponse({ type: AccountView })
  @ApiErrors(400, 404)
  account(@UuidParam() leaseId: string): Promise<AccountView> {
    return this.accounts.account(leaseId);
  }

  @Get('arrears')
  @RequirePermissions('leases:read')
  @ApiOperation({ summary: 'Leases with overdue periods: amount owed and days late', description: 'Sorted by amount (default `-amount`) or `days_late`; filters `min_amount`, `min_days_late`.' })
  @ApiPage(ArrearsRow)
  @ApiErrors(400)
  arrears(@Query() query: ListArrearsQueryDto): Promise<Page<ArrearsRow>> {
    return this.accounts.arrears(query);
  }

  @Get('leases/:id/receipts')
  @RequirePermissions('leases:read')
  @ApiOperation({ summary: 'Quittances and reçus of the lease' })
  @ApiPage(Receipt)
  @ApiErrors(400, 404)
  async listReceipts(@UuidParam() leaseId: string, @Query() query: ListReceiptsQueryDto): Promise<Page<Receipt>> {
    await this.leases.getById(leaseId);
    return this.receipts.list(leaseId, query);
  }

  @Post('leases/:id/receipts/generate')
  @RequirePermissions('leases:write')
  @CreatedAt((receipt) => `/api/leases/${(receipt as unknown as Receipt).lease_id}/receipts/${receipt.id}`)
  @ApiOperation({ summary: 'The quittance of a period paid in full', description: 'Issued automatically when a period becomes paid in full; this returns it (or issues it). A period not paid in full: 422 (art. 21: partial payments get reçus).' })
  @ApiCreatedResponse({ type: Receipt })
  @ApiErrors(400, 404, 422)
  generate(@UuidParam() leaseId: string, @Body() body: GenerateReceiptDto): Promise<Receipt> {
    return this.receipts.generate(leaseId, body.period);
  }

  @Get('leases/:id/receipts/:receipt_id')
  @RequirePermissions('leases:read')
  @ApiOperation({ summary: 'A quittance or reçu' })
  @ApiOkResponse({ type: Receipt })
  @ApiErrors(400, 404)
  getReceipt(@UuidParam() leaseId: string, @UuidParam('receipt_id') receiptId: string): Promise<Receipt> {
    return this.receipts.get(leaseId, receiptId);
  }

  @Get('leases/:id/receipts/:receipt_id/pdf')
  @RequirePermissions('leases:read')
  @ApiOperation({ summary: 'The receipt\'s PDF' })
  @ApiProduces('application/pdf')
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  @ApiErrors(400, 404)
  async receiptPdf(@UuidParam() leaseId: string, @UuidParam('receipt_id') receiptId: string): Promise<StreamableFile> {
    const receipt = await this.receipts.get(leaseId, receiptId);
    return this.files.stream(await this.documents.getById(receipt.document_id!));
  }
}
