import type { DomainError } from '../errors/domain-errors.js';

/**
 * A transaction's outcome that is an error to answer once it has committed: what led to it must
 * be kept (a wrong code counts as an attempt, an expired workflow stays expired).
 */
export class AfterCommit {
  constructor(readonly error: DomainError) {}
}
