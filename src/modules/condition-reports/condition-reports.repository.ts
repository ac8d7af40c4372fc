import { Injectable } from '@nestjs/common';
import { NotFoundError } from '../../core/errors/domain-errors.js';
import type { SortedListQuery } from '../../core/pagination/list-query.dto.js';
import type { Page } from '../../core/pagination/page.js';
import { TenantRepository } from '../../core/tenancy/tenant-repository.js';
import { ConditionReport, type ReportKind } from './condition-report.entity.js';
import type { UnitInventory } from './report-items.js';

export const REPORT_SORTS = { created_at: 'report.created_at', performed_on: 'report.performed_on' } as const;

@Injectable()
export class ConditionReportsRepository extends TenantRepository<ConditionReport> {
  protected readonly entity = ConditionReport;
  protected readonly alias = 'report';
  protected readonly resource = 'Condition report';

  pageOfLease(leaseId: string, query: SortedListQuery & { kind?: ReportKind }): Promise<Page<ConditionReport>> {
    return this.page(query, REPORT_SORTS, { lease_id: leaseId, kind: query.kind });
  }

  findOfKind(leaseId: string, kind: ReportKind): Promise<ConditionReport | null> {
    return this.scoped().andWhere('report.lease_id = :leaseId AND report.kind = :kind', { leaseId, kind }).getOne();
  }

  /** The lease's report, locked until the request's transaction ends; any other id answers like a missing one. */
  async lockInLease(leaseId: string, id: string): Promise<ConditionReport> {
    const report = await this.scoped().andWhere('report.id = :id AND report.lease_id = :leaseId', { id, leaseId }).setLock('pessimistic_write').getOne();
    if (!report) throw new NotFoundError(this.resource);
    return report;
  }

  /** What a report of the unit lists: its rooms, and the equipment of its building, of itself and of its rooms. */
  async unitInventory(estateId: string): Promise<UnitInventory> {
    const tenantId = this.context.tenantId;
    const rooms: UnitInventory['rooms'] = await this.context.manager.query(
      `SELECT id, room_type, designation FROM rooms WHERE tenant_id = $1 AND estate_id = $2 ORDER BY created_at, id`,
      [tenantId, estateId],
    );
    const equipment: UnitInventory['equipment'] = await this.context.manager.query(
      `SELECT e.id, e.name, e.equipment_type, e.place_id, e.estate_id, e.room_id, e.installed_at
         FROM equipment e
         JOIN estates unit ON unit.tenant_id = e.tenant_id AND unit.id = $2
        WHERE e.tenant_id = $1
          AND (e.place_id = unit.place_id OR e.estate_id = unit.id
               OR e.room_id IN (SELECT id FROM rooms WHERE tenant_id = $1 AND estate_id = unit.id))
        ORDER BY e.created_at, e.id`,
      [tenantId, estateId],
    );
    return { rooms, equipment };
  }
}
