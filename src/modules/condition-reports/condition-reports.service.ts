import { Injectable } from '@nestjs/common';
import { ConflictError, NotFoundError, RuleViolationError } from '../../core/errors/domain-errors.js';
import type { Page } from '../../core/pagination/page.js';
import { References } from '../../core/relations/references.js';
import type { Lease } from '../leases/lease.entity.js';
import { LeasesRepository } from '../leases/leases.repository.js';
import { WearGrids } from '../leases/wear-grids.service.js';
import { assertRunning } from '../rent/rent-rules.js';
import type { ConditionReport, ReportItem, ReportKind } from './condition-report.entity.js';
import { ConditionReportsRepository } from './condition-reports.repository.js';
import type { ConditionReportComparison } from './dto/comparison.dto.js';
import type { CreateConditionReportDto, ItemChangeDto, ListConditionReportsQueryDto, UpdateConditionReportDto } from './dto/condition-report.dto.js';
import { compareReports } from './report-comparison.js';
import { applyItemChanges, prefillItems, type UnitInventory } from './report-items.js';

/**
 * États des lieux (décret n° 2016-382): one entry and one exit report per lease, drawn up while it
 * runs, pre-filled from its unit, edited while DRAFT, then signed through the one signature
 * workflow (condition-report-signable.ts), which moves them to PENDING_SIGNATURE and SIGNED.
 */
@Injectable()
export class ConditionReportsService {
  constructor(
    private readonly reports: ConditionReportsRepository,
    private readonly leases: LeasesRepository,
    private readonly references: References,
    private readonly wearGrids: WearGrids,
  ) {}

  async list(leaseId: string, query: ListConditionReportsQueryDto): Promise<Page<ConditionReport>> {
    await this.leases.getById(leaseId);
    return this.reports.pageOfLease(leaseId, query);
  }

  async get(leaseId: string, id: string): Promise<ConditionReport> {
    await this.leases.getById(leaseId);
    return this.reports.getChildOf('lease_id', leaseId, id);
  }

  /** Under the lease's lock: two creations of the same kind queue, the second gets its 409. */
  async create(leaseId: string, input: CreateConditionReportDto): Promise<ConditionReport> {
    const lease = await this.leases.lockById(leaseId);
    assertRunning(lease, 'have a condition report drawn up');
    const existing = await this.reports.findOfKind(leaseId, input.kind);
    if (existing) throw new ConflictError(`The lease already has an ${input.kind} report`, { condition_report_id: existing.id });
    const entry = input.kind === 'exit' ? await this.reports.findOfKind(leaseId, 'entry') : null;
    await this.assertChronology(leaseId, input.kind, input.performed_on);
    const items = prefillItems(await this.reports.unitInventory(lease.estate_id), entry?.items);
    return this.reports.insert({
      lease_id: leaseId, kind: input.kind, status: 'DRAFT', performed_on: input.performed_on, items, meters: [], keys: [],
      forwarding_address: null, notes: input.notes ?? null, signed_at: null, document_id: null,
    });
  }

  /** DRAFT only. Any change makes the report's PDF out of date: a new one is needed to sign. */
  async update(leaseId: string, id: string, patch: UpdateConditionReportDto): Promise<ConditionReport> {
    const lease = await this.leases.getById(leaseId);
    const report = await this.lockDraft(leaseId, id, 'edited');
    const { items: changes, remove_items: removals, meters, ...fields } = patch;
    if (Object.values(patch).every((value) => value === undefined)) return report;
    if (report.kind === 'entry' && fields.forwarding_address) {
      throw new RuleViolationError('A forwarding address is for exit reports: the lessee\'s new address when leaving', { rule: 'forwarding_address_on_exit' });
    }
    if (fields.performed_on) await this.assertChronology(leaseId, report.kind, fields.performed_on);
    const items = changes || removals ? await this.changedItems(lease, report, changes, removals) : undefined;
    const readings = meters?.map((meter) => ({ type: meter.type, number: meter.number ?? null, reading: meter.reading, unit: meter.unit ?? null }));
    return this.reports.update(id, { ...fields, meters: readings, items, document_id: null });
  }

  async delete(leaseId: string, id: string): Promise<void> {
    await this.leases.getById(leaseId);
    await this.lockDraft(leaseId, id, 'deleted');
    await this.reports.delete(id);
  }

  /** What the tenant may owe at exit, item by item, after wear (report-comparison.ts). */
  async compare(leaseId: string): Promise<ConditionReportComparison> {
    const lease = await this.leases.getById(leaseId);
    const [entry, exit] = [await this.reports.findOfKind(leaseId, 'entry'), await this.reports.findOfKind(leaseId, 'exit')];
    if (!entry || !exit) {
      throw new RuleViolationError('Comparing needs both an entry and an exit report', { rule: 'entry_and_exit', missing: [!entry && 'entry', !exit && 'exit'].filter(Boolean) });
    }
    const grid = await this.wearGrids.ofLease(lease.wear_grid);
    return { ...compareReports(entry, exit, grid), wear_grid: lease.wear_grid ? 'lease' : 'template' };
  }

  private async lockDraft(leaseId: string, id: string, action: string): Promise<ConditionReport> {
    const report = await this.reports.lockInLease(leaseId, id);
    if (report.status !== 'DRAFT') throw new ConflictError(`Only a DRAFT condition report can be ${action}; this one is ${report.status}`, { status: report.status });
    return report;
  }

  /** The items after the changes, each reference checked: the unit's rooms and equipment, the tenant's media. */
  private async changedItems(lease: Lease, report: ConditionReport, changes: ItemChangeDto[] = [], removals: string[] = []): Promise<ReportItem[]> {
    if (report.kind === 'entry' && changes.some((change) => change.repair_cost != null)) {
      throw new RuleViolationError('Repair costs are estimated at exit: they belong to the exit report', { rule: 'repair_cost_on_exit' });
    }
    if (changes.some((change) => change.room_id || change.equipment_id)) this.assertInUnit(changes, await this.reports.unitInventory(lease.estate_id));
    await this.references.requireAll('media', changes.flatMap((change) => change.media_ids ?? []), 'Media');
    return applyItemChanges(report.items, changes, removals);
  }

  private assertInUnit(changes: ItemChangeDto[], inventory: UnitInventory): void {
    const rooms = new Set(inventory.rooms.map((room) => room.id));
    const equipment = new Set(inventory.equipment.map((piece) => piece.id));
    if (changes.some((change) => change.room_id && !rooms.has(change.room_id))) throw new NotFoundError('Room');
    if (changes.some((change) => change.equipment_id && !equipment.has(change.equipment_id))) throw new NotFoundError('Equipment');
  }

  /** An exit is not before the entry it is compared with. */
  private async assertChronology(leaseId: string, kind: ReportKind, performedOn: string): Promise<void> {
    const other = await this.reports.findOfKind(leaseId, kind === 'entry' ? 'exit' : 'entry');
    if (!other) return;
    const [entryDate, exitDate] = kind === 'entry' ? [performedOn, other.performed_on] : [other.performed_on, performedOn];
    if (exitDate < entryDate) throw new RuleViolationError('The exit report cannot be dated before the entry report', { rule: 'exit_after_entry', entry_performed_on: entryDate, exit_performed_on: exitDate });
  }
}
