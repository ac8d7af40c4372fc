import { MS_PER_DAY, MS_PER_HOUR } from '../../core/time/instants.js';

/** A delivery is tried for 3 days after its event; an endpoint failing that long is disabled. */
export const RETRY_WINDOW_MS = 3 * MS_PER_DAY;
/** The cap of the first wait; it doubles after each failure... */
export const RETRY_BASE_MS = 30_000;
/** ...up to 6 hours. */
export const RETRY_CAP_MS = 6 * MS_PER_HOUR;
/** A retry never comes sooner than this. */
export const RETRY_FLOOR_MS = 1_000;
/** The receiver has this long to answer (connection, request and response headers). */
export const SEND_TIMEOUT_MS = 10_000;
/** A claimed delivery is this worker's to send until then: more than the send itself can take. */
export const CLAIM_MS = 15_000;

/**
 * Exponential backoff with full jitter: after the n-th failed attempt, wait a random time between
 * 1 s and min(6 h, 30 s × 2^(n−1)). Jitter spreads the retries of many deliveries that failed
 * together (a receiver back from an outage is not hit by all of them at once). About 30 attempts
 * fit in the 3 days; the last one is made when the window closes.
 */
export function retryDelayMs(failedAttempts: number, random: () => number = Math.random): number {
  const ceiling = Math.min(RETRY_CAP_MS, RETRY_BASE_MS * 2 ** Math.max(0, Math.min(failedAttempts - 1, 30)));
  return Math.max(RETRY_FLOOR_MS, Math.floor(random() * ceiling));
}

/** When the next attempt is due, or undefined when the 3 days are over (the delivery has failed). */
export function nextAttemptAt(createdAt: Date, now: Date, failedAttempts: number, random?: () => number): Date | undefined {
  const closes = createdAt.getTime() + RETRY_WINDOW_MS;
  if (now.getTime() >= closes) return undefined;
  return new Date(Math.min(closes, now.getTime() + retryDelayMs(failedAttempts, random)));
}
