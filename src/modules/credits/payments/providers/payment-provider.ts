import type { CreditPackage } from '../../credit.entities.js';

export interface CheckoutRequest {
  tenantId: string;
  paymentId: string;
  creditPackage: CreditPackage;
  successUrl: string;
  cancelUrl: string;
}

export interface Checkout {
  providerReference: string | null;
  checkoutUrl: string | null;
}

/** A way to take a payment: Stripe Checkout, or the manual provider the internal API completes. */
export abstract class PaymentProvider {
  abstract readonly name: 'stripe' | 'manual';
  abstract createCheckout(request: CheckoutRequest): Promise<Checkout>;
}
