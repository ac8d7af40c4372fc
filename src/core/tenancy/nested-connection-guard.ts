import type pg from 'pg';
import type { DataSource } from 'typeorm';

/**
 * Inside a tenant transaction the request already holds one pooled connection. Taking a second
 * one can deadlock the whole pool: with N requests each holding a connection and waiting for
 * another, every request of every tenant waits until its timeout. So it is refused at once, with
 * an error naming the mistake, instead of waiting: code inside a transaction uses
 * `TenantContext.manager`, code outside one may use the pool.
 */
export class NestedPoolConnectionError extends Error {
  constructor() {
    super('A second pool connection was requested inside a tenant transaction: use TenantContext.manager (it would deadlock the pool under load)');
    this.name = 'NestedPoolConnectionError';
  }
}

type ConnectCallback = (error: Error | undefined, client?: pg.PoolClient, done?: (release?: unknown) => void) => void;

/** Wraps the data source's pool so `connect()` fails while `holdsConnection()` is true. */
export function refuseNestedPoolConnections(dataSource: DataSource, holdsConnection: () => boolean): void {
  const pool = (dataSource.driver as unknown as { master: pg.Pool }).master;
  const connect = pool.connect.bind(pool) as (callback?: ConnectCallback) => Promise<pg.PoolClient> | undefined;
  const guarded = (callback?: ConnectCallback) => {
    if (holdsConnection()) {
      const error = new NestedPoolConnectionError();
      if (!callback) return Promise.reject(error);
      process.nextTick(() => callback(error));
      return undefined;
    }
    return connect(callback);
  };
  pool.connect = guarded as typeof pool.connect;
}
