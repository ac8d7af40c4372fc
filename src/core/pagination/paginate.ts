import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { DEFAULT_PER_PAGE, type SortedListQuery } from './list-query.dto.js';
import { type Page, toPage } from './page.js';

/** API sort field → SQL expression; only these may be sorted on. */
export type SortableFields = Readonly<Record<string, string>>;

/**
 * The one list mechanism: sort from an allow-list (default `-created_at`, ties broken by id in the
 * same direction, so pages are stable) and offset pagination. The exact total travels in the
 * same statement as the page: an uncorrelated scalar subquery (the list's own filters, counted
 * once: an index-only scan of a tenant-leading index), so a list is one round trip whatever the
 * tenant's size (a window count would also fetch every matching row). Only a page past the end,
 * which returns no row to carry it, counts apart.
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
  // The count is a clone of the same builder: the same filters and parameter names and values.
  const count = query.clone().select('COUNT(*)::int').orderBy();
  const { entities: rows, raw } = await query
    .clone()
    .addSelect(`(${count.getQuery()})`, TOTAL)
    .orderBy(column, direction)
    .addOrderBy(`${query.alias}.id`, direction)
    .offset(offset)
    .limit(perPage)
    .getRawAndEntities<Record<typeof TOTAL, number>>();
  const total = raw.length > 0 ? Number(raw[0][TOTAL]) : page === 1 ? 0 : await countOf(query);
  return toPage(rows, total, page, perPage);
}

const TOTAL = 'page_total_count';

async function countOf<T extends ObjectLiteral>(query: SelectQueryBuilder<T>): Promise<number> {
  const row = await query.clone().select('COUNT(*)::int', 'count').orderBy().getRawOne<{ count: number }>();
  return row?.count ?? 0;
}
