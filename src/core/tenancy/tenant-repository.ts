import { Injectable } from '@nestjs/common';
import type { EntityTarget, Repository, SelectQueryBuilder } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity.js';
import { newId } from '../../database/ids.js';
import { AuditTrail, type AuditRow } from '../audit/audit-trail.js';
import { NotFoundError } from '../errors/domain-errors.js';
import type { SortedListQuery } from '../pagination/list-query.dto.js';
import type { Page } from '../pagination/page.js';
import { paginate, type SortableFields } from '../pagination/paginate.js';
import { containsPattern } from '../pagination/search.js';
import { TenantContext } from './tenant-context.js';
import type { TenantScopedEntity } from './tenant-scoped.entity.js';

/** Writable fields of an entity: everything the database or the context does not set. */
export type EntityInput<T> = Omit<T, 'tenant_id' | 'id' | 'created_at' | 'updated_at' | 'toJSON'>;

/**
 * The shape every tenant-owned repository shares. Each query names `tenant_id` explicitly, on
 * top of RLS: defence in depth, and the shard key a distributed Postgres (Citus) routes on.
 * Everything runs on the request's tenant transaction (TenantContext.manager). Every write is
 * told to the audit trail (rows as the database returned them), so each module is audited
 * without code of its own. Injectable here so that subclasses inherit its constructor: they only
 * name their entity.
 */
@Injectable()
export abstract class TenantRepository<T extends TenantScopedEntity> {
  protected abstract readonly entity: EntityTarget<T>;
  protected abstract readonly alias: string;
  /** Singular name in errors: "Owner not found". */
  protected abstract readonly resource: string;

  constructor(
    protected readonly context: TenantContext,
    protected readonly audit: AuditTrail,
  ) {}

  private get table(): string {
    return this.repository.metadata.tableName;
  }

  protected get repository(): Repository<T> {
    return this.context.manager.getRepository(this.entity);
  }

  /** A select of this tenant's rows, for lists and specific finders. */
  protected scoped(): SelectQueryBuilder<T> {
    return this.repository.createQueryBuilder(this.alias).where(this.tenantFilter(`${this.alias}.`), { tenantId: this.context.tenantId });
  }

  /** `tenant_id = :tenantId`, or TRUE in the test build that proves RLS alone (TEST_RLS_ONLY). */
  private tenantFilter(prefix = ''): string {
    return this.context.explicitTenantFilter ? `${prefix}tenant_id = :tenantId` : 'TRUE';
  }

  /** A page of this tenant's rows, with `column = value` filters (those given). */
  page(query: SortedListQuery, sortable: SortableFields, filters: Record<string, unknown> = {}, defaultSort?: string): Promise<Page<T>> {
    return paginate(this.whereEqual(this.scoped(), filters), query, sortable, defaultSort);
  }

  /** List filters: `AND column = value` for each filter that was given (columns are code, not input). */
  protected whereEqual(builder: SelectQueryBuilder<T>, filters: Record<string, unknown>): SelectQueryBuilder<T> {
    for (const [column, value] of Object.entries(filters)) {
      if (value !== undefined) builder.andWhere(`${this.alias}.${column} = :${column}`, { [column]: value });
    }
    return builder;
  }

  /** The `search` filter: the text, matched literally and case-insensitively, in any of `columns`. */
  protected whereTextMatches(builder: SelectQueryBuilder<T>, text: string | undefined, columns: readonly string[]): SelectQueryBuilder<T> {
    if (text) {
      builder.andWhere(`(${columns.map((column) => `${this.alias}.${column} ILIKE :search`).join(' OR ')})`, { search: containsPattern(text) });
    }
    return builder;
  }

  findById(id: string): Promise<T | null> {
    return this.scoped().andWhere(`${this.alias}.id = :id`, { id }).getOne();
  }

  /** Locks the row until the request's transaction ends: read-check-write without races. */
  findByIdForUpdate(id: string): Promise<T | null> {
    return this.scoped().andWhere(`${this.alias}.id = :id`, { id }).setLock('pessimistic_write').getOne();
  }

  /** The row, or NotFoundError: a foreign id (invisible under RLS) reads exactly like a missing one. */
  async getById(id: string): Promise<T> {
    const row = await this.findById(id);
    if (!row) throw new NotFoundError(this.resource);
    return row;
  }

  /** A row that belongs to a parent (`lease_id` = the lease in the path): any other answers like a missing one. */
  async getChildOf(parentColumn: string, parentId: string, id: string): Promise<T> {
    const row = await this.scoped().andWhere(`${this.alias}.id = :id AND ${this.alias}.${parentColumn} = :parentId`, { id, parentId }).getOne();
    if (!row) throw new NotFoundError(this.resource);
    return row;
  }

  async lockById(id: string): Promise<T> {
    const row = await this.findByIdForUpdate(id);
    if (!row) throw new NotFoundError(this.resource);
    return row;
  }

  /** Inserts and returns the stored row (defaults and timestamps included) in one round trip. */
  insert(input: EntityInput<T>): Promise<T> {
    return this.insertWithId(newId(), input);
  }

  /** The same, for a row whose id was needed before (e.g. to name its stored file). */
  async insertWithId(id: string, input: EntityInput<T>): Promise<T> {
    const result = await this.repository
      .createQueryBuilder()
      .insert()
      .values({ ...input, tenant_id: this.context.tenantId, id } as QueryDeepPartialEntity<T>)
      .returning('*')
      .execute();
    const stored = (result.raw as AuditRow[])[0];
    this.audit.created(this.table, stored);
    return this.hydrate(stored);
  }

  /**
   * Inserts every row in one multi-row statement and returns the stored rows in input order
   * (matched by id: SQL does not promise RETURNING follows the VALUES order). Atomic with the
   * request's transaction: one failing row stores none.
   */
  async insertMany(inputs: EntityInput<T>[]): Promise<T[]> {
    if (inputs.length === 0) return [];
    const ids = inputs.map(() => newId());
    const result = await this.repository
      .createQueryBuilder()
      .insert()
      .values(inputs.map((input, index) => ({ ...input, tenant_id: this.context.tenantId, id: ids[index] }) as QueryDeepPartialEntity<T>))
      .returning('*')
      .execute();
    const stored = new Map((result.raw as AuditRow[]).map((raw) => [raw.id, raw]));
    return ids.map((id) => {
      const row = stored.get(id) as AuditRow;
      this.audit.created(this.table, row);
      return this.hydrate(row);
    });
  }

  /**
   * Partial update in one statement, returning the stored row; undefined fields are kept. When the
   * audit trail records it, the row is read (and locked) first: its `before`.
   */
  async update(id: string, patch: Partial<EntityInput<T>>): Promise<T> {
    const given = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined));
    const before = this.audit.records(this.table) ? await this.lockedRawRow(this.table, id) : undefined;
    const result = await this.repository
      .createQueryBuilder()
      .update()
      .set(given as QueryDeepPartialEntity<T>)
      .where(`${this.tenantFilter()} AND id = :id`, { tenantId: this.context.tenantId, id })
      .returning('*')
      .execute();
    const raw = (result.raw as AuditRow[])[0];
    if (!raw) throw new NotFoundError(this.resource);
    if (before) this.audit.updated(this.table, before, raw);
    return this.hydrate(raw);
  }

  /**
   * A raw SQL write of one row of `table` that the query builder cannot express: `sql` must end
   * with `RETURNING *`. Told to the audit trail like update(), with the row as it was (read and
   * locked first, only when the trail records it). Returns the stored row, if any.
   */
  protected async rawUpdate(table: string, id: string, sql: string, parameters: unknown[]): Promise<AuditRow | undefined> {
    const before = this.audit.records(table) ? await this.lockedRawRow(table, id) : undefined;
    const [rows] = (await this.context.manager.query(sql, parameters)) as [AuditRow[], number];
    if (before && rows[0]) this.audit.updated(table, before, rows[0]);
    return rows[0];
  }

  /** The row exactly as RETURNING * gives it (same column types), locked until the transaction ends. */
  private async lockedRawRow(table: string, id: string): Promise<AuditRow | undefined> {
    const filter = this.context.explicitTenantFilter ? 'tenant_id = $1 AND ' : '';
    const parameters = this.context.explicitTenantFilter ? [this.context.tenantId, id] : [id];
    const rows = (await this.context.manager.query(`SELECT * FROM ${table} WHERE ${filter}id = $${parameters.length} FOR UPDATE`, parameters)) as AuditRow[];
    return rows[0];
  }

  /** A RETURNING row as an entity; columns and properties share their snake_case names. */
  protected hydrate(raw: Record<string, unknown>): T {
    return Object.assign(this.repository.create(), raw);
  }

  async delete(id: string): Promise<void> {
    const result = await this.repository
      .createQueryBuilder()
      .delete()
      .where(`${this.tenantFilter()} AND id = :id`, { tenantId: this.context.tenantId, id })
      .returning('*')
      .execute();
    const removed = (result.raw as AuditRow[])[0];
    if (!removed) throw new NotFoundError(this.resource);
    this.audit.deleted(this.table, removed);
  }
}
