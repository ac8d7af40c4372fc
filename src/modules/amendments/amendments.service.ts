import { Injectable } from '@nestjs/common';
import { ConflictError } from '../../core/errors/domain-errors.js';
import type { ListQueryDto } from '../../core/pagination/list-query.dto.js';
import { type Page, pageOf } from '../../core/pagination/page.js';
import { Clock } from '../../core/time/clock.js';
import { LeasesRepository } from '../leases/leases.repository.js';
import { parseChanges } from './amendment-changes.js';
import { AmendmentEffects } from './amendment-effects.js';
import { AmendmentHistory, type AmendmentHistoryEntry } from './amendment-history.js';
import { assertAmendmentTransition, EDITABLE_AMENDMENT_STATUSES } from './amendment-status.js';
import type { Amendment } from './amendment.entity.js';
import { AmendmentsRepository } from './amendments.repository.js';
import type { CreateAmendmentDto, ListAmendmentsQueryDto, UpdateAmendmentDto } from './dto/amendment.dto.js';

/** The fields a caller writes: what `created` and `updated` record. */
const CONTENT = ['type', 'effective_date', 'description', 'changes'] as const;
const content = (amendment: Pick<Amendment, (typeof CONTENT)[number]>) => Object.fromEntries(CONTENT.map((field) => [field, amendment[field]]));

/**
 * Amendments (avenants) of a running lease: drafted and edited, signed through the one signature
 * workflow (AmendmentSignable), then applied to the lease (AmendmentEffects) or cancelled. Every
 * change is recorded in the amendment's history in the same transaction. Locks: lease, then amendment.
 */
@Injectable()
export class AmendmentsService {
  constructor(
    private readonly amendments: AmendmentsRepository,
    private readonly leases: LeasesRepository,
    private readonly effects: AmendmentEffects,
    private readonly history: AmendmentHistory,
    private readonly clock: Clock,
  ) {}

  async create(leaseId: string, input: CreateAmendmentDto): Promise<Amendment> {
    const lease = await this.leases.lockById(leaseId);
    const description = input.description ?? null;
    const terms = { type: input.type, effective_date: input.effective_date, changes: parseChanges(input.type, input.changes, description) };
    await this.effects.check(lease, terms);
    const amendment = await this.amendments.insert({ lease_id: leaseId, ...terms, description, status: 'DRAFT', signed_at: null, applied_at: null });
    await this.history.record(amendment.id, 'created', null, { status: amendment.status, ...content(amendment) });
    return amendment;
  }

  async list(leaseId: string, query: ListAmendmentsQueryDto): Promise<Page<Amendment>> {
    await this.leases.getById(leaseId);
    return this.amendments.pageOfLease(leaseId, query);
  }

  async get(leaseId: string, id: string): Promise<Amendment> {
    await this.leases.getById(leaseId);
    return this.amendments.getChildOf('lease_id', leaseId, id);
  }

  /** DRAFT only (409 once signing started): what is signed must be what was drafted. */
  async update(leaseId: string, id: string, patch: UpdateAmendmentDto): Promise<Amendment> {
    const lease = await this.leases.lockById(leaseId);
    const current = await this.amendments.lockOfLease(leaseId, id);
    if (!EDITABLE_AMENDMENT_STATUSES.includes(current.status)) throw new ConflictError(`Only a DRAFT amendment can be edited; this one is ${current.status}`, { status: current.status });
    const merged = { ...current, ...Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)) } as Amendment;
    merged.changes = parseChanges(merged.type, merged.changes, merged.description);
    await this.effects.check(lease, merged);
    const changed = CONTENT.filter((field) => JSON.stringify(current[field]) !== JSON.stringify(merged[field]));
    // Nothing new: no write, no history entry (and its PDF stays the one to sign).
    if (changed.length === 0) return current;
    const updated = await this.amendments.update(id, content(merged));
    await this.history.record(id, 'updated', Object.fromEntries(changed.map((f) => [f, current[f]])), Object.fromEntries(changed.map((f) => [f, updated[f]])));
    return updated;
  }

  /** A DRAFT, or a SIGNED amendment the parties drop before it is applied (409 otherwise). */
  async cancel(leaseId: string, id: string): Promise<Amendment> {
    await this.leases.getById(leaseId);
    const amendment = await this.amendments.lockOfLease(leaseId, id);
    assertAmendmentTransition(amendment.status, 'CANCELLED', 'api');
    const cancelled = await this.amendments.update(id, { status: 'CANCELLED' });
    await this.history.record(id, 'cancelled', { status: amendment.status }, { status: cancelled.status });
    return cancelled;
  }

  /** SIGNED → APPLIED, the lease changed in the same transaction (409 when not SIGNED). */
  async apply(leaseId: string, id: string): Promise<Amendment> {
    const lease = await this.leases.lockById(leaseId);
    const amendment = await this.amendments.lockOfLease(leaseId, id);
    assertAmendmentTransition(amendment.status, 'APPLIED', 'api');
    const leaseChange = await this.effects.apply(lease, amendment);
    const applied = await this.amendments.update(id, { status: 'APPLIED', applied_at: this.clock.now() });
    await this.history.record(id, 'applied', { status: amendment.status, lease: leaseChange.previous }, { status: applied.status, applied_at: applied.applied_at, lease: leaseChange.next });
    return applied;
  }

  async historyOf(leaseId: string, id: string, query: ListQueryDto): Promise<Page<AmendmentHistoryEntry>> {
    await this.get(leaseId, id);
    return pageOf(await this.history.list(id), query);
  }
}
