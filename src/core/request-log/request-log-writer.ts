import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '../../config/app-config.js';
import { TenantContext } from '../tenancy/tenant-context.js';
import { JobTransactions } from '../tenancy/tenant-transactions.js';
import type { RequestLogEntry } from './request-log-entry.js';
import { RequestLogPartitions } from './request-log-partitions.js';

/** Lines written per statement; a fuller buffer is written at once instead of at the next tick. */
const BATCH = 1_000;
/** Lines held at most while the database is slow or away; beyond, new lines are dropped (and counted). */
const MAX_BUFFERED = 50_000;
/** PostgreSQL: "no partition of relation found for row". */
const NO_PARTITION = '23514';

/**
 * The request log's writer: lines are buffered in memory and written in the background, every
 * REQUEST_LOG_FLUSH_INTERVAL_MS or as soon as a batch is full, one multi-row INSERT per tenant in
 * that tenant's own transaction (RLS applies to the writes too: WITH CHECK), on the jobs' pool so
 * requests keep their connections. One flush at a time. A lost database costs lines, never
 * requests: a failed batch is dropped with a warning, and the buffer is bounded.
 */
@Injectable()
export class RequestLogWriter implements OnApplicationShutdown {
  private readonly logger = new Logger(RequestLogWriter.name);
  private buffer: RequestLogEntry[] = [];
  private flushing?: Promise<void>;
  private dropped = 0;
  private written = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(
    config: AppConfig,
    private readonly transactions: JobTransactions,
    private readonly context: TenantContext,
    private readonly partitions: RequestLogPartitions,
  ) {
    this.timer = setInterval(() => void this.flush(), config.REQUEST_LOG_FLUSH_INTERVAL_MS);
    this.timer.unref();
  }

  /** Lines written since start (the bench reads it). */
  get writtenCount(): number {
    return this.written;
  }

  add(entry: RequestLogEntry): void {
    if (this.buffer.length >= MAX_BUFFERED) {
      if (this.dropped++ % 1_000 === 0) this.logger.warn(`Request log buffer full (${MAX_BUFFERED} lines): lines are being dropped`);
      return;
    }
    this.buffer.push(entry);
    if (this.buffer.length >= BATCH && !this.flushing) void this.flush();
  }

  /** Writes everything buffered so far; resolves once it is written (or given up). */
  async flush(): Promise<void> {
    while (this.flushing) await this.flushing;
    if (this.buffer.length === 0) return;
    this.flushing = this.writeAll().finally(() => (this.flushing = undefined));
    await this.flushing;
  }

  private async writeAll(): Promise<void> {
    while (this.buffer.length > 0) {
      const batch = this.buffer.splice(0, BATCH);
      const byTenant = new Map<string, RequestLogEntry[]>();
      for (const entry of batch) {
        const lines = byTenant.get(entry.tenantId) ?? [];
        lines.push(entry);
        byTenant.set(entry.tenantId, lines);
      }
      for (const [tenantId, lines] of byTenant) await this.write(tenantId, lines);
    }
  }

  private async write(tenantId: string, lines: RequestLogEntry[], retried = false): Promise<void> {
    try {
      await this.transactions.run(tenantId, () => this.insert(tenantId, lines));
      this.written += lines.length;
    } catch (error) {
      // Days ahead are made hourly; a process that outlived them makes them itself, once.
      if (!retried && (error as { code?: string }).code === NO_PARTITION) {
        await this.partitions.maintain().catch(() => undefined);
        return this.write(tenantId, lines, true);
      }
      this.logger.warn(`Could not write ${lines.length} request log lines: ${(error as Error).message}`);
    }
  }

  private async insert(tenantId: string, lines: RequestLogEntry[]): Promise<void> {
    const column = <K extends keyof RequestLogEntry>(key: K) => lines.map((line) => line[key]);
    await this.context.manager.query(
      `INSERT INTO request_log (tenant_id, id, created_at, request_id, key_prefix, method, route, path, status, error_type, duration_ms, client_ip, user_agent)
       SELECT $1, * FROM unnest($2::uuid[], $3::timestamptz[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
                                $9::smallint[], $10::text[], $11::real[], $12::inet[], $13::text[])`,
      [
        tenantId, column('id'), column('createdAt'), column('requestId'), column('keyPrefix'), column('method'), column('route'), column('path'),
        column('status'), column('errorType'), column('durationMs'), column('clientIp'), column('userAgent'),
      ],
    );
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }
}
