import { CHECKLIST_KEYS } from '../lease-end.entities.js';
import { type Checklist, completionPercentage, missingItems, terminationStatus } from './termination-rules.js';

const checklist = (...done: (keyof Checklist)[]): Checklist => Object.fromEntries(CHECKLIST_KEYS.map((key) => [key, done.includes(key)])) as Checklist;

describe('termination status from its checklist', () => {
  it.each([
    [[], false, 'INITIATED', 0],
    [['charges_settled'], false, 'INITIATED', 25],
    [['deposit_settled', 'charges_settled'], false, 'INITIATED', 50],
    [['keys_returned'], false, 'EXIT_PENDING', 25],
    [['exit_report_signed'], false, 'EXIT_PENDING', 25],
    [['keys_returned', 'deposit_settled', 'charges_settled'], false, 'EXIT_PENDING', 75],
    [['keys_returned', 'exit_report_signed'], false, 'SETTLEMENT_PENDING', 50],
    [['keys_returned', 'exit_report_signed', 'deposit_settled'], false, 'SETTLEMENT_PENDING', 75],
    [['keys_returned', 'exit_report_signed', 'deposit_settled', 'charges_settled'], false, 'SETTLEMENT_PENDING', 100],
    [['keys_returned', 'exit_report_signed', 'deposit_settled', 'charges_settled'], true, 'COMPLETED', 100],
    [[], true, 'COMPLETED', 0], // forced: completed whatever the checklist says
  ] as const)('%j, completed %s → %s (%i %%)', (done, completed, status, percent) => {
    const list = checklist(...done);
    expect(terminationStatus(list, completed)).toBe(status);
    expect(completionPercentage(list)).toBe(percent);
    expect(missingItems(list)).toEqual(CHECKLIST_KEYS.filter((key) => !(done as readonly string[]).includes(key)));
  });
});
