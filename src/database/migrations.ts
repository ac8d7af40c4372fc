import { Foundation1764230400000 } from '../../db/migrations/1764230400000-foundation.js';
import { Owners1764230460000 } from '../../db/migrations/1764230460000-owners.js';
import { Properties1764316800000 } from '../../db/migrations/1764316800000-properties.js';
import { LesseesContacts1764403200000 } from '../../db/migrations/1764403200000-lessees-contacts.js';
import { Leases1764403260000 } from '../../db/migrations/1764403260000-leases.js';
import { DocumentsMedia1764489600000 } from '../../db/migrations/1764489600000-documents-media.js';
import { CreditsSignatures1764576000000 } from '../../db/migrations/1764576000000-credits-signatures.js';
import { Operations1764662400000 } from '../../db/migrations/1764662400000-operations.js';
import { Jobs1764748800000 } from '../../db/migrations/1764748800000-jobs.js';
import { OutboxDelivery1764835200000 } from '../../db/migrations/1764835200000-outbox-delivery.js';
import { SandboxTwins1764921600000 } from '../../db/migrations/1764921600000-sandbox-twins.js';
import { OtpLimits1765008000000 } from '../../db/migrations/1765008000000-otp-limits.js';
import { RentCycle1765094400000 } from '../../db/migrations/1765094400000-rent-cycle.js';
import { EndOfLease1765180800000 } from '../../db/migrations/1765180800000-end-of-lease.js';
import { ConditionReports1765267200000 } from '../../db/migrations/1765267200000-condition-reports.js';
import { Amendments1765353600000 } from '../../db/migrations/1765353600000-amendments.js';
import { WebhooksPermissions1765440000000 } from '../../db/migrations/1765440000000-webhooks-permissions.js';
import { Webhooks1765440060000 } from '../../db/migrations/1765440060000-webhooks.js';
import { SigningLinks1765526400000 } from '../../db/migrations/1765526400000-signing-links.js';
import { AuditPermission1765612800000 } from '../../db/migrations/1765612800000-audit-permission.js';
import { AuditEvents1765612860000 } from '../../db/migrations/1765612860000-audit-events.js';
import { TenantData1765699200000 } from '../../db/migrations/1765699200000-tenant-data.js';
import { DashboardPermissions1765785600000 } from '../../db/migrations/1765785600000-dashboard-permissions.js';
import { Dashboard1765785660000 } from '../../db/migrations/1765785660000-dashboard.js';
import { ExportExpiry1765872000000 } from '../../db/migrations/1765872000000-export-expiry.js';

/** Applied in this order; never edit one that has shipped, add the next. */
export const MIGRATIONS = [Foundation1764230400000, Owners1764230460000, Properties1764316800000, LesseesContacts1764403200000, Leases1764403260000, DocumentsMedia1764489600000, CreditsSignatures1764576000000, Operations1764662400000, Jobs1764748800000, OutboxDelivery1764835200000, SandboxTwins1764921600000, OtpLimits1765008000000, RentCycle1765094400000, EndOfLease1765180800000,
  ConditionReports1765267200000, Amendments1765353600000,
  WebhooksPermissions1765440000000, Webhooks1765440060000,
  SigningLinks1765526400000,
  AuditPermission1765612800000, AuditEvents1765612860000, TenantData1765699200000,
  DashboardPermissions1765785600000, Dashboard1765785660000,
  ExportExpiry1765872000000];
