import { ApiKey } from '../internal/api-keys/api-key.entity.js';
import { Tenant } from '../internal/tenants/tenant.entity.js';
import { User } from '../internal/users/user.entity.js';
import { Contact } from '../modules/contacts/contact.entity.js';
import { LeaseDocument } from '../modules/documents/document.entity.js';
import { Equipment } from '../modules/equipment/equipment.entity.js';
import { Estate } from '../modules/estates/estate.entity.js';
import { LeaseCharge } from '../modules/leases/charges/lease-charge.entity.js';
import { Lease } from '../modules/leases/lease.entity.js';
import { LeaseParty } from '../modules/leases/parties/lease-party.entity.js';
import { DepositSettlement, LeaseNotice, LeaseTermination } from '../modules/lease-end/lease-end.entities.js';
import { Lessee } from '../modules/lessees/lessee.entity.js';
import { TenantExport } from '../internal/tenant-data/tenant-export.entity.js';
import { Media } from '../modules/media/media.entity.js';
import { CreditPackage, CreditTransaction } from '../modules/credits/credit.entities.js';
import { Payment } from '../modules/credits/payments/payment.entity.js';
import { Signature, SignatureEvent, SignatureSigner } from '../modules/signatures/signature.entities.js';
import { OutboxMessage } from '../core/notifications/outbox-message.entity.js';
import { Owner } from '../modules/owners/owner.entity.js';
import { Place } from '../modules/places/place.entity.js';
import { Room } from '../modules/rooms/room.entity.js';
import { RentCall, RentCallRun } from '../modules/rent/calls/rent-call.entity.js';
import { LeaseRentChange } from '../modules/rent/lease-rent/lease-rent-change.entity.js';
import { RentPayment } from '../modules/rent/payments/rent-payment.entity.js';
import { Receipt } from '../modules/rent/receipts/receipt.entity.js';
import { RentIndex, RentRevision } from '../modules/rent/revisions/rent-revision.entity.js';
import { ConditionReport } from '../modules/condition-reports/condition-report.entity.js';
import { Amendment, AmendmentEvent } from '../modules/amendments/amendment.entity.js';
import { Event } from '../core/events/event.entity.js';
import { WebhookDelivery } from '../modules/webhooks/webhook-delivery.entity.js';
import { WebhookEndpoint } from '../modules/webhooks/webhook-endpoint.entity.js';
import { AuditEvent } from '../core/audit/audit-event.entity.js';
import { SigningLink } from '../modules/signatures/signing-links/signing-link.entity.js';

/** Every entity the API maps; a new module adds its entities here. */
export const ENTITIES = [TenantExport, Tenant, User, ApiKey, Owner, Place, Estate, Room, Equipment, Lessee, Contact, Lease, LeaseParty, LeaseCharge, LeaseDocument, Media,
  CreditPackage, CreditTransaction, Payment, Signature, SignatureSigner, SignatureEvent, OutboxMessage,
  LeaseRentChange, RentCall, RentCallRun, RentPayment, Receipt, RentRevision, RentIndex,
  ConditionReport, Amendment, AmendmentEvent, LeaseNotice, LeaseTermination, DepositSettlement,
  Event, WebhookEndpoint, WebhookDelivery,
  SigningLink,
  AuditEvent,
];
