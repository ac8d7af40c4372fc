import { Module } from '@nestjs/common';
import { AppConfig } from '../../config/app-config.js';
import { CreditLedger, CreditTransactionsRepository } from './credit-ledger.service.js';
import { PaymentsRepository } from './payments/payments.repository.js';
import { CreditsController } from './credits.controller.js';
import { PaymentsService } from './payments/payments.service.js';
import { ManualPaymentProvider } from './payments/providers/manual.provider.js';
import { PaymentProvider } from './payments/providers/payment-provider.js';
import { StripePaymentProvider } from './payments/providers/stripe.provider.js';

@Module({
  controllers: [CreditsController],
  providers: [
    CreditLedger,
    CreditTransactionsRepository,
    PaymentsRepository,
    PaymentsService,
    {
      provide: PaymentProvider,
      inject: [AppConfig],
      useFactory: (config: AppConfig): PaymentProvider =>
        config.PAYMENT_PROVIDER === 'stripe'
          ? new StripePaymentProvider(config.STRIPE_SECRET_KEY!, config.STRIPE_WEBHOOK_SECRET!)
          : new ManualPaymentProvider(),
    },
  ],
  exports: [CreditLedger, PaymentsService],
})
export class CreditsModule {}
