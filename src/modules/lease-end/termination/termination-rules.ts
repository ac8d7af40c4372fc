import { CHECKLIST_KEYS, type ChecklistKey, type TerminationStatus } from '../lease-end.entities.js';

export type Checklist = Record<ChecklistKey, boolean>;

/**
 * A termination's status follows its checklist, so it can never disagree with it:
 * INITIATED until the lessee starts leaving (keys returned or exit report signed), EXIT_PENDING
 * until both are done, SETTLEMENT_PENDING until the deposit and the charges are settled too;
 * COMPLETED only through the complete (or force) route, which the full checklist allows.
 */
export function terminationStatus(checklist: Checklist, completed: boolean): TerminationStatus {
  if (completed) return 'COMPLETED';
  if (!checklist.keys_returned && !checklist.exit_report_signed) return 'INITIATED';
  if (!checklist.keys_returned || !checklist.exit_report_signed) return 'EXIT_PENDING';
  return 'SETTLEMENT_PENDING';
}

export function missingItems(checklist: Checklist): ChecklistKey[] {
  return CHECKLIST_KEYS.filter((key) => !checklist[key]);
}

/** Whole percents: 0, 25, 50, 75, 100. */
export function completionPercentage(checklist: Checklist): number {
  return Math.round(((CHECKLIST_KEYS.length - missingItems(checklist).length) * 100) / CHECKLIST_KEYS.length);
}
