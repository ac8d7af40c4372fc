import { PaymentProvider, type Checkout, type CheckoutRequest } from './payment-provider.js';

/**
 * For deployments without a card processor (and for development): the payment stays pending
 * until the dashboard backend records it with POST /internal/tenants/{id}/payments/{id}/complete.
 */
export class ManualPaymentProvider extends PaymentProvider {
  readonly name = 'manual' as const;

  async createCheckout(_request: CheckoutRequest): Promise<Checkout> {
    return { providerReference: null, checkoutUrl: null };
  }
}
