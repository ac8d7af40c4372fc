import { Inject, Injectable, Logger } from '@nestjs/common';
import { ClsService } from 'nestjs-cls';
import { DataSource, type QueryRunner } from 'typeorm';
import { JOBS_DATA_SOURCE } from '../../database/tokens.js';
import { COMMIT_PARTICIPANT, type CommitParticipant, newTransactionHooks, type TransactionHooks } from './tenant-context.js';

/**
 * TypeORM's Postgres runner can hand a connection back with an error, which makes pg destroy it
 * instead of pooling it; the method is not in its public typings.
 */
type PostgresRunner = QueryRunner & { releasePostgresConnection(error?: Error): Promise<void>; transactionDepth: number };

/** A tenant id is written into the SQL text of the BEGIN (see begin()): only ever a canonical UUID. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** CLS key: true while this context holds a tenant transaction's connection (see nested-connection-guard). */
export const HOLDS_CONNECTION = 'holdsConnection';

/**
 * Runs work as one tenant: one pooled connection, one transaction, the tenant set with
 * `set_config(..., true)` (transaction-local, so it cannot survive into the connection's next
 * user), commit on success, rollback on any error, release always. Every tenant-scoped database
 * call of the API goes through here: the request interceptor, the internal API, the CLI.
 */
@Injectable()
export class TenantTransactions {
  private readonly logger = new Logger(TenantTransactions.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly cls: ClsService,
  ) {}

  run<T>(tenantId: string, work: () => Promise<T>): Promise<T> {
    const execute = () => this.inTransaction(tenantId, work);
    return this.cls.isActive() ? execute() : this.cls.run(execute);
  }

  private async inTransaction<T>(tenantId: string, work: () => Promise<T>): Promise<T> {
    if (this.cls.get('manager')) throw new Error('A tenant transaction is already open in this context');
    const runner = this.dataSource.createQueryRunner() as PostgresRunner;
    const hooks = newTransactionHooks();
    let committed = false;
    let brokenConnection: Error | undefined;
    try {
      await runner.connect();
      this.cls.set(HOLDS_CONNECTION, true);
      await this.begin(runner, tenantId);
      this.cls.set('tenantId', tenantId);
      this.cls.set('manager', runner.manager);
      this.cls.set('hooks', hooks);
      const result = await work();
      await this.runCommitParticipant(result);
      for (const hook of hooks.beforeCommit) await hook();
      await this.commit(runner, hooks);
      committed = true;
      return result;
    } catch (error) {
      brokenConnection = await this.rollback(runner);
      throw error;
    } finally {
      this.cls.set(HOLDS_CONNECTION, false);
      this.cls.set('sandbox', undefined);
      this.cls.set('manager', undefined);
      this.cls.set('tenantId', undefined);
      this.cls.set('hooks', undefined);
      // A connection whose rollback failed is destroyed, never handed to the next request.
      await runner.releasePostgresConnection(brokenConnection);
      await this.settle(committed ? hooks.afterCommit : hooks.afterRollback);
    }
  }

  /**
   * BEGIN and the tenant's set_config in ONE round trip (a two-statement simple query: a query
   * with parameters cannot carry two statements, hence the id in the text, checked to be a UUID
   * first). The runner is marked in a transaction before anything is sent, as TypeORM's own
   * startTransaction does, so a failure here still rolls back; then it is in the state that
   * startTransaction leaves (active, depth 1): commit, rollback and the entity manager's "already
   * in a transaction" checks work as before.
   */
  private async begin(runner: PostgresRunner, tenantId: string): Promise<void> {
    if (!UUID.test(tenantId)) throw new Error('A tenant transaction needs a tenant id that is a UUID');
    if (runner.isTransactionActive) throw new Error('The connection is already in a transaction');
    (runner as { isTransactionActive: boolean }).isTransactionActive = true;
    runner.transactionDepth = 1;
    await runner.query(`START TRANSACTION; SELECT set_config('app.tenant_id', '${tenantId}', true)`);
  }

  /**
   * COMMIT, with the statements registered by TenantContext.withCommit in front of it in the same
   * round trip. Should one of them fail, PostgreSQL skips the rest (COMMIT included) and the
   * caller's rollback ends the transaction; on success the runner is left as commitTransaction
   * leaves it (not in a transaction, depth 0).
   */
  private async commit(runner: PostgresRunner, hooks: TransactionHooks): Promise<void> {
    const statements = hooks.withCommit.map((make) => make()).filter((sql): sql is string => sql !== undefined);
    if (statements.length === 0) return runner.commitTransaction();
    await runner.query(`${statements.join(';\n')};\nCOMMIT`);
    (runner as { isTransactionActive: boolean }).isTransactionActive = false;
    runner.transactionDepth = 0;
  }

  /** The request's participant (TenantContext.beforeCommitOfRequest), once, in this transaction. */
  private async runCommitParticipant(result: unknown): Promise<void> {
    const participant = this.cls.get(COMMIT_PARTICIPANT) as CommitParticipant | undefined;
    if (!participant) return;
    this.cls.set(COMMIT_PARTICIPANT, undefined);
    await participant(result);
  }

  /** Runs the outcome's hooks; a failing hook is logged, never turned into the request's error. */
  private async settle(hooks: (() => Promise<void>)[]): Promise<void> {
    for (const hook of hooks) {
      await hook().catch((error: unknown) => this.logger.error(`Transaction hook failed: ${(error as Error).message}`));
    }
  }

  /** Returns the error when the rollback itself failed, i.e. the connection cannot be trusted. */
  private async rollback(runner: PostgresRunner): Promise<Error | undefined> {
    if (!runner.isTransactionActive) return undefined;
    try {
      await runner.rollbackTransaction();
      return undefined;
    } catch (error) {
      return error instanceof Error ? error : new Error(String(error));
    }
  }
}

/**
 * The same, on the background jobs' own small pool (JOBS_POOL_SIZE): what a job handler uses, so
 * that a long run takes at most that many connections and requests keep theirs.
 */
@Injectable()
export class JobTransactions extends TenantTransactions {
  constructor(@Inject(JOBS_DATA_SOURCE) dataSource: DataSource, cls: ClsService) {
    super(dataSource, cls);
  }
}
