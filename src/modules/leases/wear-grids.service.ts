import { Injectable } from '@nestjs/common';
import { AuditTrail } from '../../core/audit/audit-trail.js';
import { TenantContext } from '../../core/tenancy/tenant-context.js';
import { newId } from '../../database/ids.js';

/** One line of a wear (vétusté) grid: how an item of this kind ages. */
export interface WearGridItem {
  /** paint, flooring_carpet, … (the item kinds condition reports use). */
  item_kind: string;
  /** Years it lasts. */
  lifetime_years: number;
  /** Years during which it does not wear (franchise): the tenant owes the full repair. */
  neutral_years: number;
  /** The least share of a repair the tenant ever owes, in percent, however old the item. */
  residual_percent: number;
}

/**
 * A default grid, modelled on the collective agreements' grids (e.g. the accord collectif de
 * location of 2005 and the grids landlords annex to leases): a template for the organisation to
 * adapt, since a wear grid is contractual only once annexed to the lease.
 */
export const DEFAULT_WEAR_GRID: readonly WearGridItem[] = [
  { item_kind: 'paint', lifetime_years: 8, neutral_years: 2, residual_percent: 10 },
  { item_kind: 'wallpaper', lifetime_years: 8, neutral_years: 2, residual_percent: 10 },
  { item_kind: 'flooring_carpet', lifetime_years: 7, neutral_years: 2, residual_percent: 10 },
  { item_kind: 'flooring_parquet', lifetime_years: 15, neutral_years: 3, residual_percent: 20 },
  { item_kind: 'flooring_tiles', lifetime_years: 20, neutral_years: 5, residual_percent: 20 },
  { item_kind: 'sanitary', lifetime_years: 15, neutral_years: 3, residual_percent: 20 },
  { item_kind: 'joinery', lifetime_years: 20, neutral_years: 5, residual_percent: 20 },
  { item_kind: 'electrical', lifetime_years: 15, neutral_years: 3, residual_percent: 20 },
  { item_kind: 'appliance', lifetime_years: 10, neutral_years: 2, residual_percent: 10 },
  { item_kind: 'other', lifetime_years: 10, neutral_years: 2, residual_percent: 10 },
];

/**
 * The organisation's wear grid (its template, or the default), and its copy into a lease when
 * the lease is signed: later edits of the template never change a signed lease's grid.
 */
@Injectable()
export class WearGrids {
  constructor(
    private readonly context: TenantContext,
    private readonly audit: AuditTrail,
  ) {}

  async template(): Promise<WearGridItem[]> {
    const [row] = (await this.context.manager.query(`SELECT items FROM wear_grids WHERE tenant_id = $1`, [this.context.tenantId])) as { items: WearGridItem[] }[];
    return row?.items ?? [...DEFAULT_WEAR_GRID];
  }

  async replace(items: WearGridItem[]): Promise<WearGridItem[]> {
    const manager = this.context.manager;
    const [before] = this.audit.records('wear_grids')
      ? ((await manager.query(`SELECT * FROM wear_grids WHERE tenant_id = $1 FOR UPDATE`, [this.context.tenantId])) as Record<string, unknown>[])
      : [];
    const [stored] = (await manager.query(
      `INSERT INTO wear_grids (tenant_id, id, items) VALUES ($1, $2, $3)
       ON CONFLICT (tenant_id) DO UPDATE SET items = EXCLUDED.items
       RETURNING *`,
      [this.context.tenantId, newId(), JSON.stringify(items)],
    )) as Record<string, unknown>[];
    if (before) this.audit.updated('wear_grids', before, stored);
    else this.audit.created('wear_grids', stored);
    return items;
  }

  /** The lease's own grid: copied from the template when it is signed (once). */
  async snapshotInto(leaseId: string): Promise<void> {
    const [rows] = (await this.context.manager.query(`UPDATE leases SET wear_grid = $3 WHERE tenant_id = $1 AND id = $2 AND wear_grid IS NULL RETURNING *`, [
      this.context.tenantId,
      leaseId,
      JSON.stringify(await this.template()),
    ])) as [Record<string, unknown>[], number];
    // Only a grid that was empty is written: that is the whole `before`.
    if (rows[0]) this.audit.updated('leases', { id: leaseId, wear_grid: null }, rows[0]);
  }

  /** The grid a lease is judged by: its own copy, or (never signed here) the template today. */
  async ofLease(leaseWearGrid: WearGridItem[] | null): Promise<WearGridItem[]> {
    return leaseWearGrid ?? this.template();
  }
}
