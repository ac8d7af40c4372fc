import { nextAttemptAt, RETRY_CAP_MS, RETRY_WINDOW_MS, retryDelayMs } from './retry-schedule.js';

describe('retry schedule (exponential backoff, full jitter, 3 days)', () => {
  it.each([
    [1, 30_000],
    [2, 60_000],
    [3, 120_000],
    [5, 480_000],
    [10, 15_360_000],
    [11, RETRY_CAP_MS],
    [40, RETRY_CAP_MS],
  ])('after failure %i waits between 1 s and %i ms', (failures, ceiling) => {
    expect(retryDelayMs(failures, () => 0)).toBe(1_000);
    expect(retryDelayMs(failures, () => 0.999999)).toBe(Math.floor(0.999999 * ceiling));
    expect(retryDelayMs(failures, () => 0.5)).toBe(ceiling / 2);
  });

  it('spreads retries over the whole range (full jitter)', () => {
    const delays = Array.from({ length: 2_000 }, () => retryDelayMs(4));
    expect(Math.min(...delays)).toBeLessThan(30_000);
    expect(Math.max(...delays)).toBeGreaterThan(210_000);
    expect(delays.every((delay) => delay >= 1_000 && delay <= 240_000)).toBe(true);
  });

  it('stops at the end of the 3 days, with a last attempt when they end', () => {
    const created = new Date('2027-01-01T00:00:00Z');
    const closes = created.getTime() + RETRY_WINDOW_MS;
    expect(nextAttemptAt(created, new Date(created.getTime() + 60_000), 1, () => 0.5)).toEqual(new Date(created.getTime() + 75_000));
    expect(nextAttemptAt(created, new Date(closes - 1_000), 30, () => 0.5)).toEqual(new Date(closes));
    expect(nextAttemptAt(created, new Date(closes), 31)).toBeUndefined();
  });

  it('makes about 30 attempts in 3 days on average', () => {
    const created = new Date('2027-01-01T00:00:00Z');
    let now = created;
    let attempts = 1;
    for (let next = nextAttemptAt(created, now, attempts, () => 0.5); next; next = nextAttemptAt(created, now, attempts, () => 0.5)) {
      now = next;
      attempts++;
    }
    expect(attempts).toBeGreaterThan(20);
    expect(attempts).toBeLessThan(40);
  });
});
