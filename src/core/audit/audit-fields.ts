/**
 * What the audit trail records of each tenant table, in one declarative place: the resource type a
 * table's rows are named by, and how each field is shown. A field is one of:
 * - plain: its before and after values are recorded;
 * - secret (key hashes, OTP hashes, tokens, webhook secrets, a message that carries a code): the
 *   values are recorded as "[redacted]" (null stays null: only whether it was set shows);
 * - personal (names, emails, phones, addresses, birth data, IBAN, income...): only the field's
 *   name is recorded, never a value (GDPR: erasing a person must not leave copies in the log).
 * A new tenant table must be added to AUDITED_TABLES or NOT_AUDITED (a spec checks every entity,
 * test/audit.e2e-spec.ts every table of the database).
 */

export const REDACTED = '[redacted]';

/** Secret wherever they appear. */
const SECRET_FIELDS = ['key_hash', 'otp_hash', 'token_hash', 'secret', 'secret_ciphertext', 'previous_secret_ciphertext'] as const;

/** Personal wherever they appear. */
const PERSONAL_FIELDS = [
  'title', 'first_name', 'last_name', 'email', 'mobile_phone', 'phone', 'birth_date', 'birth_place', 'profession',
  'monthly_income', 'iban', 'bic', 'display_name', 'recipient', 'forwarding_address',
] as const;

/** A person's postal address (on owners, lessees and contacts; a building's address is not personal). */
const PERSONAL_ADDRESS = ['street_number', 'street_name', 'address_complement', 'address_line1', 'postal_code', 'city'] as const;

/** Never recorded: the row's identity and the database's own timestamps. */
const IGNORED_FIELDS = new Set(['tenant_id', 'id', 'created_at', 'updated_at']);

export interface AuditedTable {
  /** The `resource_type` of its events (singular, snake_case). */
  type: string;
  /** Secret or personal fields of this table only, on top of the lists above. */
  secret?: readonly string[];
  personal?: readonly string[];
}

export const AUDITED_TABLES: Readonly<Record<string, AuditedTable>> = {
  tenants: { type: 'tenant' },
  users: { type: 'user' },
  api_keys: { type: 'api_key' },
  owners: { type: 'owner', personal: PERSONAL_ADDRESS },
  places: { type: 'place' },
  estates: { type: 'estate' },
  rooms: { type: 'room' },
  equipment: { type: 'equipment' },
  lessees: { type: 'lessee', personal: PERSONAL_ADDRESS },
  contacts: { type: 'contact', personal: PERSONAL_ADDRESS },
  leases: { type: 'lease' },
  lease_lessees: { type: 'lease_party' },
  lease_charges: { type: 'lease_charge' },
  documents: { type: 'document' },
  media: { type: 'media', personal: ['filename'] },
  credit_accounts: { type: 'credit_account' },
  credit_transactions: { type: 'credit_transaction' },
  payments: { type: 'payment' },
  signatures: { type: 'signature' },
  signature_signers: { type: 'signature_signer', personal: ['name'] },
  signing_links: { type: 'signing_link' },
  // The message body carries the OTP until it is delivered.
  outbox_messages: { type: 'outbox_message', secret: ['body', 'redacted_body'], personal: ['subject'] },
  lease_rent_changes: { type: 'lease_rent_change' },
  rent_calls: { type: 'rent_call' },
  rent_call_runs: { type: 'rent_call_run' },
  rent_payments: { type: 'rent_payment' },
  receipts: { type: 'receipt' },
  rent_revisions: { type: 'rent_revision' },
  condition_reports: { type: 'condition_report' },
  wear_grids: { type: 'wear_grid' },
  amendments: { type: 'amendment' },
  lease_notices: { type: 'lease_notice' },
  lease_terminations: { type: 'lease_termination' },
  deposit_settlements: { type: 'deposit_settlement' },
  webhook_endpoints: { type: 'webhook_endpoint' },
  tenant_exports: { type: 'tenant_export' },
};

/** Tenant tables whose rows are not audit events, and why. */
export const NOT_AUDITED: Readonly<Record<string, string>> = {
  audit_events: 'the audit trail itself',
  events: 'the webhook outbox: written by a change that is itself audited',
  webhook_deliveries: 'delivery bookkeeping of those events (written by the fan-out and the delivery job)',
  signature_events: "a signature's own hash-chained proof log (GET …/signature/proof)",
  amendment_events: "an amendment's own history (GET …/amendments/{id}/history), written with the audited change",
  idempotency_keys: 'the replay cache of Idempotency-Key',
  payment_events: "the provider's event ids, kept to process each webhook once",
  receipt_sequences: 'the per-year counter behind receipt numbers (the receipt itself is audited)',
  request_log: 'the request log (GET /api/requests): every keyed request, written after the response, never a write of its own',
};

/** Every resource type, for the `resource_type` filter. */
export const AUDIT_RESOURCE_TYPES = Object.values(AUDITED_TABLES).map((table) => table.type);

export const AUDIT_ACTIONS = ['create', 'update', 'delete'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** One changed field: values for a plain field, "[redacted]" for a secret one, none for a personal one. */
export interface FieldChange {
  field: string;
  before?: unknown;
  after?: unknown;
  /** true: a personal field, recorded without its values. */
  personal?: true;
}

type FieldKind = 'plain' | 'secret' | 'personal';

const SECRET = new Set<string>(SECRET_FIELDS);
const PERSONAL = new Set<string>(PERSONAL_FIELDS);

export function fieldKind(table: AuditedTable, field: string): FieldKind {
  if (SECRET.has(field) || table.secret?.includes(field)) return 'secret';
  if (PERSONAL.has(field) || table.personal?.includes(field)) return 'personal';
  return 'plain';
}

/**
 * The fields that changed between two rows as the database returned them (either may be absent:
 * a create, a delete), each shown by its kind. A field missing from one side is not compared: raw
 * SQL writes may pass only the columns they set.
 */
export function describeChanges(table: AuditedTable, before: Record<string, unknown> | undefined, after: Record<string, unknown> | undefined): FieldChange[] {
  const fields = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  const changes: FieldChange[] = [];
  for (const field of fields) {
    if (IGNORED_FIELDS.has(field)) continue;
    const old = before ? jsonValue(before[field]) : undefined;
    const now = after ? jsonValue(after[field]) : undefined;
    if (before && after && (!(field in before) || !(field in after) || sameValue(old, now))) continue;
    if (!before && now === null) continue; // a create: fields left empty say nothing
    if (!after && old === null) continue; // a delete: likewise
    const kind = fieldKind(table, field);
    if (kind === 'personal') {
      changes.push({ field, personal: true });
      continue;
    }
    const change: FieldChange = { field };
    if (before) change.before = kind === 'secret' && old !== null ? REDACTED : old;
    if (after) change.after = kind === 'secret' && now !== null ? REDACTED : now;
    changes.push(change);
  }
  return changes.sort((a, b) => a.field.localeCompare(b.field));
}

/** A column value as JSON: dates as ISO strings, bytes as hex, numerics as the exact strings pg gives. */
function jsonValue(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (Buffer.isBuffer(value)) return `\\x${value.toString('hex')}`;
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'object') return JSON.parse(JSON.stringify(value)) as unknown;
  return value;
}

function sameValue(a: unknown, b: unknown): boolean {
  return a === b || (typeof a === 'object' && typeof b === 'object' && JSON.stringify(a) === JSON.stringify(b));
}
