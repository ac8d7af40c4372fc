import { fromCents, toCents } from '../../core/money/money.js';
import { DEFAULT_WEAR_GRID, type WearGridItem } from '../leases/wear-grids.service.js';
import { type Condition, CONDITIONS, type ConditionReport } from './condition-report.entity.js';
import type { ComparisonRow, ConditionReportComparison } from './dto/comparison.dto.js';
import { shareOf, sharePercent, wearOf, yearsOf } from './wear.js';

/** Worse than at entry, on the scale new > good > fair > poor > broken; unknown on either side: not worse. */
export function worsened(entry: Condition | null, exit: Condition | null): boolean {
  return entry !== null && exit !== null && CONDITIONS.indexOf(exit) > CONDITIONS.indexOf(entry);
}

/**
 * Entry against exit, item by item (the keys both reports have, in the exit report's order), with
 * what the tenant may owe: for a worsened item with a repair cost, that cost × the tenant's share
 * after wear (wear.ts). A kind the lease's grid lacks ages by the default grid's line.
 */
export function compareReports(entry: ConditionReport, exit: ConditionReport, grid: WearGridItem[]): Omit<ConditionReportComparison, 'wear_grid'> {
  const entryItems = new Map(entry.items.map((item) => [item.key, item]));
  const lineOf = (kind: string) => grid.find((line) => line.item_kind === kind) ?? DEFAULT_WEAR_GRID.find((line) => line.item_kind === kind) ?? DEFAULT_WEAR_GRID.at(-1)!;
  const rows: ComparisonRow[] = [];
  let [repairCosts, deductions] = [0, 0];
  for (const item of exit.items) {
    const before = entryItems.get(item.key);
    if (!before) continue;
    const line = lineOf(item.item_kind);
    const installedOn = item.installed_on ?? before.installed_on;
    const wear = wearOf(line, installedOn, entry.performed_on, exit.performed_on);
    const worse = worsened(before.condition, item.condition);
    const deduction = worse && item.repair_cost !== null ? shareOf(toCents(item.repair_cost), wear.share) : 0;
    if (worse && item.repair_cost !== null) repairCosts += toCents(item.repair_cost);
    deductions += deduction;
    rows.push({
      key: item.key, label: item.label, item_kind: item.item_kind, room_id: item.room_id, equipment_id: item.equipment_id,
      entry_condition: before.condition, exit_condition: item.condition, worsened: worse, repair_cost: item.repair_cost,
      installed_on: installedOn, wear_from: wear.from, age_years: yearsOf(wear.months),
      lifetime_years: line.lifetime_years, neutral_years: line.neutral_years, residual_percent: line.residual_percent,
      tenant_share_percent: sharePercent(wear.share), suggested_deduction: fromCents(deduction),
    });
  }
  return {
    entry_report_id: entry.id, exit_report_id: exit.id, entry_performed_on: entry.performed_on, exit_performed_on: exit.performed_on,
    items: rows,
    totals: { items: rows.length, worsened_items: rows.filter((row) => row.worsened).length, repair_costs: fromCents(repairCosts), suggested_deductions: fromCents(deductions) },
  };
}
