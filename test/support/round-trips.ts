import { jest } from '@jest/globals';
import pg from 'pg';
import { KeyUsageRecorder } from '../../src/core/auth/key-usage-recorder.js';
import { RequestLogWriter } from '../../src/core/request-log/request-log-writer.js';
import type { TestApp } from './test-app.js';

/** Statements of the background writers (key usage, request log): their own connections, never a request's. */
const BACKGROUND = /^\s*(UPDATE api_keys AS k SET last_used_at|INSERT INTO request_log)/;

const textOf = (sql: unknown) => String(typeof sql === 'object' && sql !== null ? (sql as { text: string }).text : sql);

/**
 * The database round trips `run` makes, one entry per call (a call carrying two statements shows
 * both: "START TRANSACTION; SELECT set_config"), each statement cut to its first two words. The
 * background writers are flushed first, and a connection that carried one of their statements
 * during `run` is left out: they write on timers, off the request path, and may land in any window.
 */
export async function roundTripsOf(t: TestApp, run: () => Promise<unknown>, words = 2): Promise<string[]> {
  await t.app.get(KeyUsageRecorder).flush();
  await t.app.get(RequestLogWriter).flush();
  const spy = jest.spyOn(pg.Client.prototype, 'query');
  try {
    await run();
    const calls = spy.mock.calls.map(([sql], index) => ({ client: spy.mock.contexts[index], text: textOf(sql) }));
    const background = new Set(calls.filter((call) => BACKGROUND.test(call.text)).map((call) => call.client));
    return calls
      .filter((call) => !background.has(call.client))
      .map((call) => call.text.split(';').map((statement) => statement.trim().split(/\s+/).slice(0, words).join(' ')).join('; '));
  } finally {
    spy.mockRestore();
  }
}

/** The full SQL text of the round trips `run` makes, background writers left out as above. */
export async function roundTripTextsOf(t: TestApp, run: () => Promise<unknown>): Promise<string[]> {
  return roundTripsOf(t, run, Number.MAX_SAFE_INTEGER);
}
