import { Injectable } from '@nestjs/common';
import { ValidationFailedError } from '../../core/errors/domain-errors.js';
import { TenantContext } from '../../core/tenancy/tenant-context.js';
import type { RequestCountsDto, UsageQueryDto, UsageSummaryDto } from './dto/usage.dto.js';
import { MS_PER_DAY, plusDays } from '../../core/time/instants.js';

const DEFAULT_DAYS = 30;
const MAX_DAYS = 366;

type Counts = Record<keyof RequestCountsDto, number>;

/** The counts of a group of request log lines, as SQL select items. */
const REQUEST_COUNTS = `
  count(*)::int AS total,
  count(*) FILTER (WHERE status BETWEEN 200 AND 299)::int AS status_2xx,
  count(*) FILTER (WHERE status BETWEEN 400 AND 499)::int AS status_4xx,
  count(*) FILTER (WHERE status >= 500)::int AS status_5xx,
  count(*) FILTER (WHERE error_type = 'RATE_LIMITED')::int AS rate_limited`;

/**
 * What the current data space consumed over whole UTC days, and what it holds now: one
 * read-only transaction of aggregate queries, each on a tenant-leading index.
 */
@Injectable()
export class UsageService {
  constructor(private readonly context: TenantContext) {}

  async summary(query: UsageQueryDto): Promise<UsageSummaryDto> {
    const { from, to, start, end } = period(query);
    const tenantId = this.context.tenantId;
    const one = async <T>(sql: string, values: unknown[] = [tenantId, start, end]): Promise<T> => (await this.context.manager.query(sql, values))[0] as T;
    const many = <T>(sql: string): Promise<T[]> => this.context.manager.query(sql, [tenantId, start, end]);
    const inPeriod = 'tenant_id = $1 AND created_at >= $2 AND created_at < $3';

    const totals = await one<Counts>(`SELECT ${REQUEST_COUNTS} FROM request_log WHERE ${inPeriod}`);
    const byDay = await many<Counts & { date: string }>(
      `SELECT to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS date, ${REQUEST_COUNTS} FROM request_log WHERE ${inPeriod} GROUP BY 1 ORDER BY 1`,
    );
    const byKey = await many<Counts & { key_prefix: string | null }>(
      `SELECT key_prefix, ${REQUEST_COUNTS} FROM request_log WHERE ${inPeriod} GROUP BY 1 ORDER BY total DESC, key_prefix`,
    );
    const credits = await one<{ bought: number; spent: number; refunded: number }>(
      `SELECT COALESCE(sum(amount) FILTER (WHERE type = 'purchase'), 0)::int AS bought,
              COALESCE(-sum(amount) FILTER (WHERE type = 'consumption'), 0)::int AS spent,
              COALESCE(sum(amount) FILTER (WHERE type = 'refund'), 0)::int AS refunded
         FROM credit_transactions WHERE ${inPeriod}`,
    );
    const made = await one<{ signatures_completed: number; documents_generated: number }>(
      `SELECT (SELECT count(*) FROM signatures WHERE tenant_id = $1 AND status = 'COMPLETED' AND completed_at >= $2 AND completed_at < $3)::int AS signatures_completed,
              (SELECT count(*) FROM documents WHERE ${inPeriod})::int AS documents_generated`,
    );
    const now = await one<{ bytes: string; files: number; places: number; units: number; active_leases: number; lessees: number }>(
      `SELECT (SELECT COALESCE(sum(size), 0) FROM media WHERE tenant_id = $1) + (SELECT COALESCE(sum(size), 0) FROM documents WHERE tenant_id = $1) AS bytes,
              ((SELECT count(*) FROM media WHERE tenant_id = $1) + (SELECT count(*) FROM documents WHERE tenant_id = $1))::int AS files,
              (SELECT count(*) FROM places WHERE tenant_id = $1)::int AS places,
              (SELECT count(*) FROM estates WHERE tenant_id = $1)::int AS units,
              (SELECT count(*) FROM leases WHERE tenant_id = $1 AND status IN ('ACTIVE', 'NOTICE'))::int AS active_leases,
              (SELECT count(*) FROM lessees WHERE tenant_id = $1)::int AS lessees`,
      [tenantId],
    );
    return {
      from,
      to,
      requests: { ...totals, by_day: byDay, by_key: byKey },
      credits,
      signatures_completed: made.signatures_completed,
      documents_generated: made.documents_generated,
      storage: { bytes: Number(now.bytes), files: now.files },
      counts: { places: now.places, units: now.units, active_leases: now.active_leases, lessees: now.lessees },
    };
  }
}

/** Whole UTC days, `from` and `to` included; at most a year; default the last 30 days. */
function period(query: UsageQueryDto): { from: string; to: string; start: Date; end: Date } {
  const today = new Date(new Date().toISOString().slice(0, 10) + 'T00:00:00Z');
  const last = query.to ? new Date(`${query.to}T00:00:00Z`) : today;
  const first = query.from ? new Date(`${query.from}T00:00:00Z`) : plusDays(last, -(DEFAULT_DAYS - 1));
  if (first > last) throw ValidationFailedError.field('from', 'from must not be after to');
  if ((last.getTime() - first.getTime()) / MS_PER_DAY + 1 > MAX_DAYS) throw ValidationFailedError.field('from', `the period is at most ${MAX_DAYS} days`);
  const day = (date: Date) => date.toISOString().slice(0, 10);
  return { from: day(first), to: day(last), start: first, end: plusDays(last, 1) };
}
