import { Injectable } from '@nestjs/common';
import { ClsService } from 'nestjs-cls';
import { AppConfig } from '../../config/app-config.js';
import type { EntityManager } from 'typeorm';
import type { Permission } from '../auth/permissions.js';

/** Who is calling: resolved once per request by a guard, then read anywhere through the context. */
export interface Principal {
  /** signing-link: a signer on a hosted signing page (`/sign/{token}`), for that one signer's actions. */
  kind: 'api-key' | 'internal' | 'signing-link';
  /** The data space the request works in: a live tenant, or its sandbox twin. */
  tenantId: string;
  /** The data space's kind: a sandbox key (or `?environment=sandbox` internally) works in the twin. */
  environment: 'live' | 'sandbox';
  userId?: string;
  keyId?: string;
  /** The live tenant that holds the key (for a sandbox key, not the data space). */
  keyTenantId?: string;
  keyPrefix?: string;
  permissions: ReadonlySet<Permission>;
  /** The tenant's own limit, when it has one (else the configured default). */
  rateLimitPerHour?: number | null;
  /** Set when the key's tenant is suspended: the public part of the reason (its keys get 403 TENANT_SUSPENDED). */
  suspendedReason?: string;
}

export type CommitParticipant = (result: unknown) => Promise<void>;
export const COMMIT_PARTICIPANT = 'commitParticipant';

export interface TransactionHooks {
  /** Last work inside the transaction, after the handler and the request's participant. */
  beforeCommit: (() => Promise<void>)[];
  /** Parameter-free statements, made at commit time, sent in the COMMIT's own round trip (TenantContext.withCommit). */
  withCommit: (() => string | undefined)[];
  afterCommit: (() => Promise<void>)[];
  afterRollback: (() => Promise<void>)[];
  /** Values that live exactly as long as this transaction (TenantContext.perTransaction). */
  values: Map<symbol, unknown>;
}

export const newTransactionHooks = (): TransactionHooks => ({ beforeCommit: [], withCommit: [], afterCommit: [], afterRollback: [], values: new Map() });

/**
 * The request context (AsyncLocalStorage via nestjs-cls): no request-scoped providers, so
 * singletons read the current tenant and its transaction without being rebuilt per request.
 * Keys: `principal` (set by the guards), `tenantId`, `manager` and `hooks` (set by
 * TenantTransactions while a transaction is open).
 */
@Injectable()
export class TenantContext {
  /** Repositories also filter by tenant_id themselves (defence in depth); off only in the RLS-alone test build. */
  readonly explicitTenantFilter: boolean;

  constructor(
    private readonly cls: ClsService,
    config: AppConfig,
  ) {
    this.explicitTenantFilter = !config.TEST_RLS_ONLY;
  }

  get principal(): Principal | undefined {
    return this.cls.isActive() ? (this.cls.get('principal') as Principal | undefined) : undefined;
  }

  setPrincipal(principal: Principal): void {
    this.cls.set('principal', principal);
  }

  /** The tenant whose transaction is open; a programming error to ask outside one. */
  get tenantId(): string {
    const tenantId = this.cls.isActive() ? (this.cls.get('tenantId') as string | undefined) : undefined;
    if (!tenantId) throw new Error('No tenant transaction is open in this context');
    return tenantId;
  }

  /**
   * Work outside the database that must follow the transaction's outcome: a stored file is deleted
   * if the row that points at it is rolled back; a file whose row was deleted goes once committed.
   */
  afterCommit(hook: () => Promise<void>): void {
    this.hooks.afterCommit.push(hook);
  }

  /**
   * Work to do inside the request's next transaction, just before it commits, with that
   * transaction's result (the handler's answer): it commits or rolls back with the work itself.
   * Once per request; the idempotency record uses it to store the response with the change.
   */
  beforeCommitOfRequest(participant: CommitParticipant): void {
    this.cls.set(COMMIT_PARTICIPANT, participant);
  }

  afterRollback(hook: () => Promise<void>): void {
    this.hooks.afterRollback.push(hook);
  }

  /**
   * Work to do inside the open transaction, after everything else, just before it commits: it
   * commits or rolls back with the change (e.g. the audit trail's one INSERT for the request).
   * Never run when the transaction fails.
   */
  beforeCommit(hook: () => Promise<void>): void {
    this.hooks.beforeCommit.push(hook);
  }

  /**
   * A last statement of the open transaction that travels with its COMMIT, in one round trip (the
   * audit trail's INSERT: an append that nothing in the request reads back). `make` runs at commit
   * time and returns the SQL, or nothing; the SQL has no parameters (a multi-statement query cannot
   * carry any), so every value in it is a literal escaped by the caller. If it fails, the COMMIT is
   * not run and the transaction rolls back like any failed request.
   */
  withCommit(make: () => string | undefined): void {
    this.hooks.withCommit.push(make);
  }

  /** The open transaction's value under `key`, made by `create` the first time it is asked for. */
  perTransaction<T>(key: symbol, create: () => T): T {
    const values = this.hooks.values;
    if (!values.has(key)) values.set(key, create());
    return values.get(key) as T;
  }

  private get hooks(): TransactionHooks {
    const hooks = this.cls.isActive() ? (this.cls.get('hooks') as TransactionHooks | undefined) : undefined;
    if (!hooks) throw new Error('No tenant transaction is open in this context');
    return hooks;
  }

  /** The data space the caller works in: sandbox for a sandbox key or `?environment=sandbox`. */
  get sandbox(): boolean {
    return this.principal?.environment === 'sandbox';
  }

  /**
   * Whether the open transaction's data space is a sandbox twin: from the caller when there is
   * one, else (a background job) from the tenant row itself, read once per transaction.
   */
  async isSandbox(): Promise<boolean> {
    if (this.principal) return this.sandbox;
    const known = this.cls.get('sandbox') as boolean | undefined;
    if (known !== undefined) return known;
    const [row] = (await this.manager.query('SELECT sandbox_of IS NOT NULL AS sandbox FROM tenants WHERE id = $1', [this.tenantId])) as { sandbox: boolean }[];
    this.cls.set('sandbox', Boolean(row?.sandbox));
    return Boolean(row?.sandbox);
  }

  /** True while this context holds a tenant transaction (its connection, its manager). */
  get inTransaction(): boolean {
    return this.cls.isActive() && this.cls.get('manager') !== undefined;
  }

  /** The manager every repository must use: it is bound to the tenant transaction's connection. */
  get manager(): EntityManager {
    const manager = this.cls.isActive() ? (this.cls.get('manager') as EntityManager | undefined) : undefined;
    if (!manager) throw new Error('No tenant transaction is open in this context');
    return manager;
  }
}
