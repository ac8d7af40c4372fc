import { Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../../core/swagger/api-docs.decorators.js';
import { UuidParam } from '../../core/validation/validation.js';
import { Payment } from '../../modules/credits/payments/payment.entity.js';
import { PaymentsService } from '../../modules/credits/payments/payments.service.js';
import { InternalApi, ReachesSandbox } from '../internal-token.guard.js';

@ApiTags('internal: payments')
@InternalApi()
@ReachesSandbox()
@Controller('internal/tenants/:tenant_id/payments')
export class PaymentsInternalController {
  constructor(private readonly payments: PaymentsService) {}

  /** Records a manual payment as received: its credits are added once, however often this is called. */
  @Post(':payment_id/complete')
  @HttpCode(200)
  @ApiOkResponse({ type: Payment })
  @ApiErrors(400, 401, 404, 409)
  complete(@UuidParam('tenant_id') _tenantId: string, @UuidParam('payment_id') paymentId: string): Promise<Payment> {
    return this.payments.complete(paymentId, 'manual');
  }
}
