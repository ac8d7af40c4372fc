import { Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { CLS_REQ, ClsService } from 'nestjs-cls';
import pg from 'pg';
import { AppConfig } from '../../config/app-config.js';
import { newId } from '../../database/ids.js';
import { requestIdOf } from '../http/request-id.middleware.js';
import { TenantContext } from '../tenancy/tenant-context.js';
import { AUDITED_TABLES, type AuditAction, describeChanges, type FieldChange } from './audit-fields.js';

/** A row a write touched, as the database returned it (RETURNING *, or the columns a raw write set). */
export type AuditRow = Record<string, unknown>;

/** Who made the request and how: the same for every event of one request. */
interface RequestFacts {
  /** provider: a signed provider webhook (no key, no internal token), e.g. Stripe's. */
  actorType: 'api_key' | 'internal' | 'signing_link' | 'provider';
  userId: string | null;
  keyId: string | null;
  keyPrefix: string | null;
  requestId: string;
  ip: string | null;
  /** `POST /api/leases/:id/status`: the route's pattern, not its ids. */
  route: string;
}

interface PendingEvent {
  id: string;
  action: AuditAction;
  resource_type: string;
  resource_id: string | null;
  changes: FieldChange[];
}

interface Batch {
  facts: RequestFacts;
  events: PendingEvent[];
}

const BATCH = Symbol('audit batch');

/**
 * The audit trail: every write an HTTP request makes (through TenantRepository, or a raw SQL write
 * that calls this itself) becomes an audit event in the same transaction. Events are kept in
 * memory while the request works and written at its end by one multi-row INSERT sent in the
 * COMMIT's own round trip (TenantContext.withCommit): a rolled-back request leaves none, and the
 * trail adds no round trip to a request. Work outside a request
 * (pg-boss jobs, the CLI) is not recorded here: it has no caller to name.
 */
@Injectable()
export class AuditTrail {
  /** Off only in the benchmark's comparison runs (BENCH_AUDIT_OFF, refused outside NODE_ENV=bench). */
  readonly enabled: boolean;

  constructor(
    private readonly context: TenantContext,
    private readonly cls: ClsService,
    config: AppConfig,
  ) {
    this.enabled = !config.BENCH_AUDIT_OFF;
  }

  /** Whether a write to `table` now would be recorded (so callers fetch a `before` only when needed). */
  records(table: string): boolean {
    return this.enabled && table in AUDITED_TABLES && this.request() !== undefined && this.context.inTransaction;
  }

  created(table: string, after: AuditRow): void {
    this.record('create', table, undefined, after);
  }

  updated(table: string, before: AuditRow, after: AuditRow): void {
    this.record('update', table, before, after);
  }

  deleted(table: string, before: AuditRow): void {
    this.record('delete', table, before, undefined);
  }

  private record(action: AuditAction, table: string, before: AuditRow | undefined, after: AuditRow | undefined): void {
    if (!this.records(table)) return;
    const changes = describeChanges(AUDITED_TABLES[table], before, after);
    if (action === 'update' && changes.length === 0) return; // nothing changed: nothing to tell
    const id = (after?.id ?? before?.id ?? null) as string | null;
    const batch = this.context.perTransaction(BATCH, () => this.openBatch());
    batch.events.push({ id: newId(), action, resource_type: AUDITED_TABLES[table].type, resource_id: id, changes });
  }

  /** The first event of a transaction: its request's facts, and the one INSERT before the commit. */
  private openBatch(): Batch {
    const batch: Batch = { facts: this.factsOf(this.request() as Request), events: [] };
    const tenantId = this.context.tenantId;
    // The INSERT travels with the COMMIT (one round trip, not two): no parameters there, so every
    // value is a literal escaped by pg's escapeLiteral.
    this.context.withCommit(() => {
      const { facts, events } = batch;
      if (events.length === 0) return undefined;
      const [tenant, actor, user, key, prefix, requestId, ip, route, rows] = [tenantId, facts.actorType, facts.userId, facts.keyId, facts.keyPrefix, facts.requestId, facts.ip, facts.route, JSON.stringify(events)].map(literal);
      return `INSERT INTO audit_events (tenant_id, id, actor_type, user_id, key_id, key_prefix, request_id, ip, route, action, resource_type, resource_id, changes)
         SELECT ${tenant}::uuid, e.id, ${actor}, ${user}::uuid, ${key}::uuid, ${prefix}, ${requestId}, ${ip}::inet, ${route}, e.action, e.resource_type, e.resource_id, e.changes
           FROM jsonb_to_recordset(${rows}::jsonb) AS e(id uuid, action text, resource_type text, resource_id uuid, changes jsonb)`;
    });
    return batch;
  }

  private request(): Request | undefined {
    return this.cls.isActive() ? (this.cls.get(CLS_REQ) as Request | undefined) : undefined;
  }

  private factsOf(request: Request): RequestFacts {
    const principal = this.context.principal;
    const actorType = principal
      ? ({ 'api-key': 'api_key', internal: 'internal', 'signing-link': 'signing_link' } as const)[principal.kind]
      : request.path.startsWith('/internal/') ? 'internal' : 'provider';
    const pattern = (request.route as { path?: string } | undefined)?.path;
    return {
      actorType,
      userId: principal?.userId ?? null,
      keyId: principal?.keyId ?? null,
      keyPrefix: principal?.keyPrefix ?? null,
      requestId: requestIdOf(request),
      ip: request.ip ?? null,
      route: `${request.method} ${typeof pattern === 'string' ? `${request.baseUrl}${pattern}` : request.path}`,
    };
  }
}

/** A value as an SQL literal: NULL, or the string quoted and escaped (pg's escapeLiteral). */
const literal = (value: string | null): string => (value === null ? 'NULL' : pg.escapeLiteral(value));
