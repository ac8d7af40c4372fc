import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DEFAULT_PER_PAGE } from '../../core/pagination/list-query.dto.js';
import { type Page, toPage } from '../../core/pagination/page.js';
import { containsPattern } from '../../core/pagination/search.js';
import type { ListTenantsQueryDto, TenantDirectoryEntryDto } from './tenant-dashboard.dto.js';

type DirectoryRow = Omit<TenantDirectoryEntryDto, 'status'> & { suspended_at: Date | null; created_at: Date; updated_at: Date; last_activity_at: Date | null; total: string };

/**
 * The directory of live tenants: the one read across tenants, through the SECURITY DEFINER
 * `app.tenant_directory` (SPEC section 7), not through a looser `tenants` policy.
 */
@Injectable()
export class TenantDirectoryService {
  constructor(private readonly dataSource: DataSource) {}

  async list(query: ListTenantsQueryDto): Promise<Page<TenantDirectoryEntryDto>> {
    const page = query.page ?? 1;
    const perPage = query.per_page ?? query.limit ?? DEFAULT_PER_PAGE;
    const sort = query.sort ?? '-created_at';
    const search = query.search?.trim() || undefined;
    const idPrefix = search && /^[0-9a-f-]{4,36}$/i.test(search) ? search.toLowerCase() : null;
    const rows: DirectoryRow[] = await this.dataSource.query('SELECT * FROM app.tenant_directory($1, $2, $3, $4, $5, $6, $7)', [
      search ? containsPattern(search) : null,
      idPrefix,
      query.status ?? null,
      sort.replace(/^-/, ''),
      sort.startsWith('-'),
      perPage,
      (page - 1) * perPage,
    ]);
    const total = rows.length > 0 ? Number(rows[0].total) : page === 1 ? 0 : await this.count(query, search, idPrefix);
    return toPage(rows.map(toEntry), total, page, perPage);
  }

  /** A page past the end: the total still comes from the same function (first row of page 1). */
  private async count(query: ListTenantsQueryDto, search: string | undefined, idPrefix: string | null): Promise<number> {
    const [row] = (await this.dataSource.query('SELECT total FROM app.tenant_directory($1, $2, $3, $4, $5, 1, 0)', [
      search ? containsPattern(search) : null,
      idPrefix,
      query.status ?? null,
      'created_at',
      true,
    ])) as { total: string }[];
    return row ? Number(row.total) : 0;
  }
}

function toEntry({ total: _total, ...row }: DirectoryRow): TenantDirectoryEntryDto {
  const iso = (date: Date | null) => (date ? new Date(date).toISOString() : null);
  return {
    id: row.id,
    name: row.name,
    status: row.suspended_at ? 'SUSPENDED' : 'ACTIVE',
    rate_limit_per_hour: row.rate_limit_per_hour,
    suspended_at: iso(row.suspended_at),
    suspension_reason: row.suspension_reason,
    suspension_public_reason: row.suspension_public_reason,
    last_activity_at: iso(row.last_activity_at),
    created_at: new Date(row.created_at).toISOString(),
    updated_at: new Date(row.updated_at).toISOString(),
  };
}
