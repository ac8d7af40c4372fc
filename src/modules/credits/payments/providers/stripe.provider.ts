import Stripe from 'stripe';
import { toCents } from '../../../../core/money/money.js';
import { PaymentProvider, type Checkout, type CheckoutRequest } from './payment-provider.js';

/**
 * Stripe Checkout through the official SDK. The session carries the tenant and payment ids in its
 * metadata, so the (signed) webhook knows whose payment completed without any lookup across
 * tenants. `httpClient` is injectable: tests answer the SDK without the network.
 */
export class StripePaymentProvider extends PaymentProvider {
  readonly name = 'stripe' as const;
  readonly stripe: Stripe;

  constructor(
    secretKey: string,
    private readonly webhookSecret: string,
    httpClient?: Stripe.HttpClient,
  ) {
    super();
    this.stripe = new Stripe(secretKey, { httpClient, maxNetworkRetries: 2, timeout: 10_000 });
  }

  async createCheckout({ tenantId, paymentId, creditPackage, successUrl, cancelUrl }: CheckoutRequest): Promise<Checkout> {
    const session = await this.stripe.checkout.sessions.create(
      {
        mode: 'payment',
        success_url: successUrl,
        cancel_url: cancelUrl,
        client_reference_id: paymentId,
        metadata: { tenant_id: tenantId, payment_id: paymentId },
        line_items: [
          {
            quantity: 1,
            price_data: {
              currency: creditPackage.currency.toLowerCase(),
              unit_amount: toCents(creditPackage.price),
              product_data: { name: `FairePlace — ${creditPackage.credits} crédit${creditPackage.credits > 1 ? 's' : ''} de signature` },
            },
          },
        ],
      },
      { idempotencyKey: `checkout-${paymentId}` },
    );
    return { providerReference: session.id, checkoutUrl: session.url };
  }

  /** Verifies the `Stripe-Signature` header with the SDK; throws on anything unsigned or altered. */
  verifyWebhook(rawBody: Buffer, signature: string): Stripe.Event {
    return this.stripe.webhooks.constructEvent(rawBody, signature, this.webhookSecret);
  }
}
