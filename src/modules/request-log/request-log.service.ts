import { Injectable } from '@nestjs/common';
import { ValidationFailedError } from '../../core/errors/domain-errors.js';
import { DEFAULT_PER_PAGE } from '../../core/pagination/list-query.dto.js';
import { type Page, toPage } from '../../core/pagination/page.js';
import { TenantContext } from '../../core/tenancy/tenant-context.js';
import type { ListRequestsQueryDto, RequestLogLineDto } from './dto/request-log.dto.js';

/**
 * Reads the current data space's request log, newest first. Ids are UUIDv7 of the request's
 * start, so `ORDER BY id DESC` is newest first and walks the primary key backwards in each
 * partition; `from`/`to` prune whole partitions.
 */
@Injectable()
export class RequestLogService {
  constructor(private readonly context: TenantContext) {}

  async list(query: ListRequestsQueryDto): Promise<Page<RequestLogLineDto>> {
    const from = query.from ? new Date(query.from) : null;
    const to = query.to ? new Date(query.to) : null;
    if (from && to && from > to) throw ValidationFailedError.field('from', 'from must not be after to');
    const page = query.page ?? 1;
    const perPage = query.per_page ?? query.limit ?? DEFAULT_PER_PAGE;
    const statusFloor = query.status_class ? Number(query.status_class[0]) * 100 : null;

    const conditions = ['tenant_id = $1'];
    const values: unknown[] = [this.context.tenantId];
    const where = (sql: (placeholder: string) => string, value: unknown) => {
      if (value === null || value === undefined) return;
      values.push(value);
      conditions.push(sql(`$${values.length}`));
    };
    where((p) => `status >= ${p}::int AND status < ${p}::int + 100`, statusFloor);
    where((p) => `route = ${p}`, query.route);
    where((p) => `key_prefix LIKE ${p}`, query.key_prefix && `${query.key_prefix.replace(/[\\%_]/g, (char) => `\\${char}`)}%`);
    where((p) => `request_id = ${p}`, query.request_id);
    where((p) => `created_at >= ${p}`, from);
    where((p) => `created_at < ${p}`, to);
    const filter = conditions.join(' AND ');

    const rows: RequestLogLineDto[] = await this.context.manager.query(
      `SELECT id, created_at, request_id, key_prefix, method, route, path, status, error_type, duration_ms, host(client_ip) AS client_ip, user_agent
         FROM request_log WHERE ${filter}
        ORDER BY id DESC
        LIMIT ${perPage} OFFSET ${(page - 1) * perPage}`,
      values,
    );
    const offset = (page - 1) * perPage;
    const known = rows.length > 0 && rows.length < perPage ? offset + rows.length : page === 1 && rows.length === 0 ? 0 : undefined;
    const total = known ?? Number((await this.context.manager.query(`SELECT count(*)::int AS count FROM request_log WHERE ${filter}`, values))[0].count);
    return toPage(rows.map(toLine), total, page, perPage);
  }
}

function toLine(row: RequestLogLineDto & { created_at: Date | string }): RequestLogLineDto {
  return { ...row, created_at: new Date(row.created_at).toISOString() };
}
