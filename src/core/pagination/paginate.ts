import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { DEFAULT_PER_PAGE, type SortedListQuery } from './list-query.dto.js';
import { type Page, toPage } from './page.js';

/** API sort field → SQL expression; only these may be sorted on. */
export type SortableFields = Readonly<Record<string, string>>;

/**
 * The one list mechanism: sort from an allow-list (default `-created_at`, ties broken by id in the
 * same direction, so pages are stable) and offset pagination. The total costs no second query
 * when the page is not full (it is then known); otherwise a plain COUNT(*) of the tenant's
 * matching rows (a window count would also fetch every one of them).
 */
export async function paginate<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  list: SortedListQuery,
  sortable: SortableFields,
  defaultSort = '-created_at',
): Promise<Page<T>> {
  const page = list.page ?? 1;
  const perPage = list.per_page ?? list.limit ?? DEFAULT_PER_PAGE;
  const sort = list.sort ?? defaultSort;
  const direction = sort.startsWith('-') ? 'DESC' : 'ASC';
  const column = sortable[sort.replace(/^-/, '')];
  if (!column) throw new Error(`Sort ${sort} is not in the allow-list (the DTO must validate it)`);

  const offset = (page - 1) * perPage;
  const rows = await query
    .clone()
    .orderBy(column, direction)
    .addOrderBy(`${query.alias}.id`, direction)
    .offset(offset)
    .limit(perPage)
    .getMany();
  const knownTotal = rows.length > 0 && rows.length < perPage ? offset + rows.length : page === 1 && rows.length === 0 ? 0 : undefined;
  const total = knownTotal ?? (await countOf(query));
  return toPage(rows, total, page, perPage);
}

async function countOf<T extends ObjectLiteral>(query: SelectQueryBuilder<T>): Promise<number> {
  const row = await query.clone().select('COUNT(*)::int', 'count').orderBy().getRawOne<{ count: number }>();
  return row?.count ?? 0;
}
