import { Body, Controller, Get, Headers, HttpCode, Post, Query, Req } from '@nestjs/common';
import { ApiCreatedResponse, ApiExcludeEndpoint, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Public, RequirePermissions } from '../../core/auth/auth.decorators.js';
import { CreatedAt } from '../../core/http/location.interceptor.js';
import { type Page, wholePage } from '../../core/pagination/page.js';
import { ApiErrors, ApiPage } from '../../core/swagger/api-docs.decorators.js';
import { WithoutTenantTransaction } from '../../core/tenancy/tenant-transaction.interceptor.js';
import { UuidParam } from '../../core/validation/validation.js';
import { CreditLedger } from './credit-ledger.service.js';
import { CreditPackage, CreditTransaction } from './credit.entities.js';
import { BalanceDto, ListCreditTransactionsQueryDto, ListPaymentsQueryDto, PurchaseCreditsDto } from './dto/credits.dto.js';
import { Payment } from './payments/payment.entity.js';
import { PaymentsService } from './payments/payments.service.js';

@ApiTags('credits')
@Controller('api')
export class CreditsController {
  constructor(
    private readonly ledger: CreditLedger,
    private readonly payments: PaymentsService,
  ) {}

  @Get('credits/balance')
  @RequirePermissions('credits:read')
  @ApiOperation({ summary: 'Current credit balance' })
  @ApiOkResponse({ type: BalanceDto })
  @ApiErrors()
  balance(): Promise<BalanceDto> {
    return this.ledger.balance();
  }

  @Get('credits/transactions')
  @RequirePermissions('credits:read')
  @ApiOperation({ summary: 'The credit ledger: every purchase, consumption, refund and adjustment, with the balance after it' })
  @ApiPage(CreditTransaction)
  @ApiErrors(400)
  transactions(@Query() query: ListCreditTransactionsQueryDto): Promise<Page<CreditTransaction>> {
    return this.ledger.transactions(query);
  }

  @Get('credits/packages')
  @RequirePermissions('credits:read')
  @ApiOperation({ summary: 'Credit packages (prices in euros, excluding VAT)' })
  @ApiPage(CreditPackage)
  @ApiErrors()
  async packages(): Promise<Page<CreditPackage>> {
    return wholePage(await this.payments.packages()); // a short catalogue: one page, in the list shape of every list
  }

  @Post('credits/purchase')
  @RequirePermissions('credits:write')
  @WithoutTenantTransaction()
  @CreatedAt((payment) => `/api/payments/${payment.id}`)
  @ApiOperation({ summary: 'Buy a credit package', description: 'Creates a pending payment with the configured provider; pay at `checkout_url` (Stripe). Credits are added once the payment succeeds.' })
  @ApiCreatedResponse({ type: Payment })
  @ApiErrors(400, 404, 413, 415)
  purchase(@Body() body: PurchaseCreditsDto): Promise<Payment> {
    return this.payments.purchase(body);
  }

  @Get('payments')
  @RequirePermissions('credits:read')
  @ApiOperation({ summary: 'List payments' })
  @ApiPage(Payment)
  @ApiErrors(400)
  listPayments(@Query() query: ListPaymentsQueryDto): Promise<Page<Payment>> {
    return this.payments.list(query);
  }

  @Get('payments/:id')
  @RequirePermissions('credits:read')
  @ApiOperation({ summary: 'Get a payment' })
  @ApiOkResponse({ type: Payment })
  @ApiErrors(400, 404)
  getPayment(@UuidParam() id: string): Promise<Payment> {
    return this.payments.get(id);
  }

  /** SPEC section 10: public, but nothing happens before the Stripe signature is verified. */
  @Post('payments/webhooks/stripe')
  @HttpCode(200)
  @Public()
  @WithoutTenantTransaction()
  @ApiExcludeEndpoint()
  async stripeWebhook(@Req() request: Request & { rawBody?: Buffer }, @Headers('stripe-signature') signature?: string): Promise<{ received: true }> {
    const event = this.payments.verifyStripeWebhook(request.rawBody, signature);
    await this.payments.handleStripeEvent(event);
    return { received: true };
  }
}
