import { Injectable, Logger } from '@nestjs/common';
import { isUUID } from 'class-validator';
import type Stripe from 'stripe';
import { DataSource } from 'typeorm';
import { BadRequestError, ConflictError, NotFoundError, RouteNotFoundError } from '../../../core/errors/domain-errors.js';
import { Events } from '../../../core/events/events.js';
import type { Page } from '../../../core/pagination/page.js';
import { TenantContext } from '../../../core/tenancy/tenant-context.js';
import { TenantTransactions } from '../../../core/tenancy/tenant-transactions.js';
import { newId } from '../../../database/ids.js';
import { CreditLedger } from '../credit-ledger.service.js';
import { CreditPackage } from '../credit.entities.js';
import type { ListPaymentsQueryDto, PurchaseCreditsDto } from '../dto/credits.dto.js';
import type { Payment } from './payment.entity.js';
import { toCents } from '../../../core/money/money.js';
import { PaymentsRepository } from './payments.repository.js';
import { ManualPaymentProvider } from './providers/manual.provider.js';
import { PaymentProvider } from './providers/payment-provider.js';
import { StripePaymentProvider } from './providers/stripe.provider.js';

@Injectable()
export class PaymentsService {
  private readonly logger = new Logger(PaymentsService.name);
  /** The sandbox never reaches a real processor: its payments are completed through the internal API. */
  private readonly sandboxProvider = new ManualPaymentProvider();

  constructor(
    private readonly context: TenantContext,
    private readonly transactions: TenantTransactions,
    private readonly dataSource: DataSource,
    private readonly provider: PaymentProvider,
    private readonly ledger: CreditLedger,
    private readonly payments: PaymentsRepository,
    private readonly events: Events,
  ) {}

  /** The shared catalogue (no tenant data), read on the request's own connection like everything else. */
  packages(): Promise<CreditPackage[]> {
    return this.context.manager.getRepository(CreditPackage).find({ where: { active: true }, order: { position: 'ASC' } });
  }

  /**
   * Opens a checkout with the provider, then records the pending payment. The provider call
   * (network, for Stripe) happens outside any database transaction: no connection waits on it
   * (so the package is read from the pool directly, before the transaction opens).
   */
  async purchase(input: PurchaseCreditsDto): Promise<Payment> {
    const creditPackage = await this.dataSource.getRepository(CreditPackage).findOneBy({ id: input.package_id, active: true });
    if (!creditPackage) throw new NotFoundError('Credit package');
    const { tenantId, environment } = this.context.principal!;
    const provider = environment === 'sandbox' ? this.sandboxProvider : this.provider;
    const paymentId = newId();
    const checkout = await provider.createCheckout({ tenantId, paymentId, creditPackage, successUrl: input.success_url, cancelUrl: input.cancel_url });
    return this.transactions.run(tenantId, () =>
      this.payments.insertWithId(paymentId, {
        package_id: creditPackage.id,
        provider: provider.name,
        provider_reference: checkout.providerReference,
        status: 'pending',
        credits: creditPackage.credits,
        amount: creditPackage.price,
        currency: creditPackage.currency,
        checkout_url: checkout.checkoutUrl,
        success_url: input.success_url,
        cancel_url: input.cancel_url,
        completed_at: null,
      }),
    );
  }

  list(query: ListPaymentsQueryDto): Promise<Page<Payment>> {
    return this.payments.page(query, { created_at: 'payment.created_at' }, { status: query.status });
  }

  get(id: string): Promise<Payment> {
    return this.payments.getById(id);
  }

  /** Marks a payment succeeded and adds its credits, exactly once (see markSucceeded). */
  async complete(id: string, provider: Payment['provider']): Promise<Payment> {
    const credits = await this.payments.markSucceeded(id, provider);
    if (credits !== undefined) {
      await this.ledger.credit(credits, 'purchase', `payment:${id}`);
      const succeeded = await this.get(id);
      await this.events.emit('payment.succeeded', succeeded);
      return succeeded;
    }
    const payment = await this.get(id);
    if (payment.provider !== provider) throw new ConflictError(`This payment is handled by ${payment.provider}`);
    if (payment.status !== 'succeeded') throw new ConflictError(`The payment is ${payment.status}`);
    return payment;
  }

  /** A verified Stripe event; each event id is processed once per tenant. */
  async handleStripeEvent(event: Stripe.Event): Promise<void> {
    if (event.type !== 'checkout.session.completed' && event.type !== 'checkout.session.async_payment_succeeded' && event.type !== 'checkout.session.expired') return;
    const session = event.data.object;
    const tenantId = session.metadata?.tenant_id;
    const paymentId = session.metadata?.payment_id;
    if (!tenantId || !paymentId || !isUUID(tenantId) || !isUUID(paymentId)) {
      this.logger.warn(`Stripe event ${event.id} carries no FairePlace payment; ignored`);
      return;
    }
    await this.transactions.run(tenantId, async () => {
      const recorded: unknown[] = await this.context.manager.query(
        `INSERT INTO payment_events (tenant_id, id, provider, event_id, event_type) VALUES ($1, $2, 'stripe', $3, $4)
         ON CONFLICT (tenant_id, provider, event_id) DO NOTHING RETURNING id`,
        [tenantId, newId(), event.id, event.type],
      );
      if (recorded.length === 0) return; // a replay
      const payment = await this.payments.findById(paymentId);
      if (!payment) return;
      const mismatch = sessionMismatch(session, payment);
      if (mismatch) {
        // Signed by Stripe, but not the session this payment opened: metadata alone is not trusted.
        this.logger.warn(`Stripe event ${event.id} ignored: ${mismatch}`);
        return;
      }
      if (event.type === 'checkout.session.expired') {
        await this.payments.cancelIfPending(paymentId);
      } else if (session.payment_status === 'paid') {
        await this.complete(paymentId, 'stripe');
      }
    });
  }

  verifyStripeWebhook(rawBody: Buffer | undefined, signature: string | undefined): Stripe.Event {
    if (!(this.provider instanceof StripePaymentProvider)) throw new RouteNotFoundError();
    if (!rawBody || !signature) throw new BadRequestError('Missing Stripe signature');
    try {
      return this.provider.verifyWebhook(rawBody, signature);
    } catch {
      throw new BadRequestError('Invalid Stripe signature');
    }
  }
}

/** Why a checkout session does not belong to a payment, or undefined when it does. */
function sessionMismatch(session: Stripe.Checkout.Session, payment: Payment): string | undefined {
  if (payment.provider !== 'stripe' || session.id !== payment.provider_reference) return 'the session is not the one this payment opened';
  if (session.amount_total !== toCents(payment.amount)) return 'the amount differs from the payment';
  if (session.currency?.toLowerCase() !== payment.currency.toLowerCase()) return 'the currency differs from the payment';
  return undefined;
}
