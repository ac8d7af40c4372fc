import type { Type } from '@nestjs/common';
import { ApiProperty, getSchemaPath, type SchemaObject } from '@nestjs/swagger';
import type { EventType } from '../../core/events/event-types.js';
import { BalanceLowDto } from '../credits/dto/credits.dto.js';
import { Payment } from '../credits/payments/payment.entity.js';
import { LeaseDocument } from '../documents/document.entity.js';
import { TerminationView } from '../lease-end/lease-end.dto.js';
import { LeaseNotice } from '../lease-end/lease-end.entities.js';
import { Lease } from '../leases/lease.entity.js';
import { RentCall } from '../rent/calls/rent-call.entity.js';
import { RentPayment } from '../rent/payments/rent-payment.entity.js';
import { Receipt } from '../rent/receipts/receipt.entity.js';
import { Signature } from '../signatures/signature.entities.js';
import { WebhookEndpoint } from './webhook-endpoint.entity.js';

/**
 * What each event type carries in `data`: the resource as the API answers it. A `Record` over
 * every type, so a new event type cannot ship undocumented.
 */
const EVENT_DATA: Record<EventType, { model: Type<unknown>; description: string }> = {
  'lease.status_changed': { model: Lease, description: 'A lease changed status (any move of the status machine, by a route or a workflow): the lease after the change.' },
  'signature.signer_completed': { model: Signature, description: 'A signer signed: the signature workflow with its signers (the one who just signed is the last COMPLETED in position order).' },
  'signature.completed': { model: Signature, description: 'Every signer signed: the workflow, COMPLETED, with `signed_document_id`.' },
  'signature.expired': { model: Signature, description: 'A workflow reached its expiry unsigned (its credit was refunded).' },
  'payment.succeeded': { model: Payment, description: 'A credit purchase was paid (once per payment): the payment.' },
  'credits.balance_low': { model: BalanceLowDto, description: 'A consumption took the credit balance below the threshold.' },
  'document.generated': { model: LeaseDocument, description: 'A PDF was generated and stored (contract, rent call, receipt, amendment, condition report, settlement, or a signed one): the document.' },
  'rent_call.issued': { model: RentCall, description: 'A rent call (avis d\'échéance) was issued, alone or by a monthly run.' },
  'rent_payment.received': { model: RentPayment, description: 'Money received for a lease was recorded.' },
  'receipt.issued': { model: Receipt, description: 'A quittance or a reçu was issued.' },
  'notice.given': { model: LeaseNotice, description: 'A notice (congé) was recorded on a lease.' },
  'termination.completed': { model: TerminationView, description: 'The end of a lease was completed (checklist done, or forced): the termination, COMPLETED.' },
  'webhook_endpoint.disabled': { model: WebhookEndpoint, description: 'FairePlace disabled an endpoint whose deliveries failed for 3 days: the endpoint (never its secret).' },
  ping: { model: WebhookEndpoint, description: 'Sent by POST /api/webhook-endpoints/{id}/test to that endpoint only: the endpoint tested.' },
};

const pascal = (type: string) => type.split(/[._]/).map((part) => part[0].toUpperCase() + part.slice(1)).join('');

/** One schema per event type (`LeaseStatusChangedEvent`, …): the envelope with its own `type` and `data`. */
function eventModel(type: EventType, { model, description }: (typeof EVENT_DATA)[EventType]): Type<unknown> {
  const named = { [`${pascal(type)}Event`]: class {} };
  const schema = named[`${pascal(type)}Event`];
  // Decorators applied by hand get no design-time type: each one names its own.
  ApiProperty({ type: String, format: 'uuid', description: 'The event id: receivers deduplicate on it (also in the FairePlace-Event-Id header)' })(schema.prototype, 'id');
  ApiProperty({ type: String, enum: [type], description })(schema.prototype, 'type');
  ApiProperty({ type: String, format: 'date-time', example: '2026-11-27T10:00:00.000Z' })(schema.prototype, 'created_at');
  ApiProperty({ type: () => model })(schema.prototype, 'data');
  return schema;
}

export const EVENT_MODELS = Object.fromEntries(Object.entries(EVENT_DATA).map(([type, entry]) => [type, eventModel(type as EventType, entry)])) as Record<EventType, Type<unknown>>;

/** Every event, as `oneOf` the per-type schemas, told apart by `type`. */
export function anyEventSchema(): SchemaObject {
  return {
    oneOf: Object.values(EVENT_MODELS).map((model) => ({ $ref: getSchemaPath(model) })),
    discriminator: { propertyName: 'type', mapping: Object.fromEntries(Object.entries(EVENT_MODELS).map(([type, model]) => [type, getSchemaPath(model)])) },
  };
}
