import pg from 'pg';

/**
 * Every suite fails if a query is sent on a connection still running another one (a Promise.all
 * over one transaction's queries): pg 8 warns (once per process, from the third), pg 9 refuses it.
 * Checked on every query of the suite's own app and clients.
 */
const overlapping: string[] = [];
const query = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: pg.Client & { _queryQueue?: unknown[]; _activeQuery?: unknown; pipeline?: boolean }, ...args: unknown[]) {
  const busy = Boolean(this._activeQuery) || (this._queryQueue?.length ?? 0) > 0;
  if (busy && !this.pipeline) overlapping.push(new Error('overlapping query').stack ?? '');
  return (query as (...a: unknown[]) => unknown).apply(this, args);
} as typeof query;

afterAll(() => {
  pg.Client.prototype.query = query;
  expect(overlapping).toEqual([]);
});
