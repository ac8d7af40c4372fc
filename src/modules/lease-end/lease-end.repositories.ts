import { Injectable } from '@nestjs/common';
import type { Page } from '../../core/pagination/page.js';
import type { SortedListQuery } from '../../core/pagination/list-query.dto.js';
import { TenantContext } from '../../core/tenancy/tenant-context.js';
import { TenantRepository } from '../../core/tenancy/tenant-repository.js';
import { worsened } from '../condition-reports/report-comparison.js';
import type { ReportItem } from '../condition-reports/condition-report.entity.js';
import { DepositSettlement, LeaseNotice, LeaseTermination } from './lease-end.entities.js';

@Injectable()
export class LeaseNoticesRepository extends TenantRepository<LeaseNotice> {
  protected readonly entity = LeaseNotice;
  protected readonly alias = 'notice';
  protected readonly resource = 'Notice';

  pageOfLease(leaseId: string, query: SortedListQuery): Promise<Page<LeaseNotice>> {
    return this.page(query, { created_at: 'notice.created_at', received_on: 'notice.received_on' }, { lease_id: leaseId });
  }
}

@Injectable()
export class LeaseTerminationsRepository extends TenantRepository<LeaseTermination> {
  protected readonly entity = LeaseTermination;
  protected readonly alias = 'termination';
  protected readonly resource = 'Termination';

  ofLease(leaseId: string, lock = false): Promise<LeaseTermination | null> {
    const query = this.scoped().andWhere('termination.lease_id = :leaseId', { leaseId });
    return (lock ? query.setLock('pessimistic_write') : query).getOne();
  }
}

@Injectable()
export class DepositSettlementsRepository extends TenantRepository<DepositSettlement> {
  protected readonly entity = DepositSettlement;
  protected readonly alias = 'settlement';
  protected readonly resource = 'Deposit settlement';

  ofLease(leaseId: string, lock = false): Promise<DepositSettlement | null> {
    const query = this.scoped().andWhere('settlement.lease_id = :leaseId', { leaseId });
    return (lock ? query.setLock('pessimistic_write') : query).getOne();
  }
}

export interface NoticeFactsRow {
  status: string;
  lease_type: string;
  start_date: string;
  end_date: string | null;
  tense_zone: boolean;
  owner_category: string;
  tenants: { birth_date: string | null; monthly_income: number | null }[];
}

export interface SignedExitReport {
  signed_at: Date;
  performed_on: string;
  forwarding_address: string | null;
}

export interface DepositFactsRow {
  deposit_amount: number | null;
  /** The rent of one period (month or quarter) in force on the lease's last day, charges excluded. */
  period_rent: number;
  rent_frequency: 'monthly' | 'quarterly';
  /** A building in co-ownership or with several dwellings: part of the deposit may wait for its accounts. */
  collective_building: boolean;
}

/**
 * What the end-of-lease rules read from the rest of a lease's data space: its place and owner,
 * its current tenants, its signed exit report. Plain reads in the request's transaction.
 */
@Injectable()
export class LeaseEndFacts {
  constructor(private readonly context: TenantContext) {}

  async forNotice(leaseId: string): Promise<NoticeFactsRow | undefined> {
    const [row] = (await this.context.manager.query(
      `SELECT l.status, l.lease_type, l.start_date::text, l.end_date::text, p.tense_zone, o.owner_category,
              coalesce((SELECT json_agg(json_build_object('birth_date', s.birth_date, 'monthly_income', s.monthly_income::float8))
                          FROM lease_lessees party JOIN lessees s ON s.tenant_id = party.tenant_id AND s.id = party.lessee_id
                         WHERE party.tenant_id = l.tenant_id AND party.lease_id = l.id AND party.role = 'tenant' AND party.end_date IS NULL), '[]') AS tenants
         FROM leases l
         JOIN estates e ON e.tenant_id = l.tenant_id AND e.id = l.estate_id
         JOIN places p ON p.tenant_id = e.tenant_id AND p.id = e.place_id
         JOIN owners o ON o.tenant_id = e.tenant_id AND o.id = e.owner_id
        WHERE l.tenant_id = $1 AND l.id = $2`,
      [this.context.tenantId, leaseId],
    )) as NoticeFactsRow[];
    return row;
  }

  /** The lease's exit condition report, once signed through the platform. */
  async signedExitReport(leaseId: string): Promise<SignedExitReport | undefined> {
    const [row] = (await this.context.manager.query(
      `SELECT signed_at, performed_on::text, forwarding_address FROM condition_reports
        WHERE tenant_id = $1 AND lease_id = $2 AND kind = 'exit' AND status = 'SIGNED'`,
      [this.context.tenantId, leaseId],
    )) as SignedExitReport[];
    return row;
  }

  /**
   * Whether the signed exit report shows no item worse than at entry (art. 22: then the deposit
   * is due within one month, else two). Null without both reports signed: nothing to compare.
   */
  async exitMatchesEntry(leaseId: string): Promise<boolean | null> {
    const reports = (await this.context.manager.query(
      `SELECT kind, items FROM condition_reports WHERE tenant_id = $1 AND lease_id = $2 AND status = 'SIGNED'`,
      [this.context.tenantId, leaseId],
    )) as { kind: 'entry' | 'exit'; items: Pick<ReportItem, 'key' | 'condition'>[] }[];
    const entry = reports.find((report) => report.kind === 'entry');
    const exit = reports.find((report) => report.kind === 'exit');
    if (!entry || !exit) return null;
    const atEntry = new Map(entry.items.map((item) => [item.key, item.condition]));
    return !exit.items.some((item) => worsened(atEntry.get(item.key) ?? null, item.condition));
  }

  async forDeposit(leaseId: string): Promise<DepositFactsRow | undefined> {
    const [row] = (await this.context.manager.query(
      `SELECT l.deposit_amount::float8 AS deposit_amount, l.rent_frequency,
              coalesce((SELECT c.rent_amount FROM lease_rent_changes c
                         WHERE c.tenant_id = l.tenant_id AND c.lease_id = l.id AND c.effective_date <= coalesce(l.end_date, 'infinity'::date)
                         ORDER BY c.effective_date DESC LIMIT 1), l.rent_amount)::float8 AS period_rent,
              (p.place_category = 'collective' OR p.legal_regime = 'copropriete') AS collective_building
         FROM leases l
         JOIN estates e ON e.tenant_id = l.tenant_id AND e.id = l.estate_id
         JOIN places p ON p.tenant_id = e.tenant_id AND p.id = e.place_id
        WHERE l.tenant_id = $1 AND l.id = $2`,
      [this.context.tenantId, leaseId],
    )) as DepositFactsRow[];
    return row;
  }
}
