import { AttrPath, InvalidFilterError, parseAttributeList, parseFilter, parseSortBy, SearchRequest } from '@app/scim-core';
import type { ListParams } from '../database/resource-list.query';

/** attributes / excludedAttributes as parsed paths (RFC 7644 §3.4.2.5). */
export interface Projection {
  attributes?: AttrPath[];
  excludedAttributes?: AttrPath[];
}

export function projectionOf(q: { attributes?: string[] | string; excludedAttributes?: string[] | string }): Projection {
  const list = (v: string[] | string | undefined) => (v === undefined ? undefined : parseAttributeList(Array.isArray(v) ? v.join(',') : v));
  return { attributes: list(q.attributes), excludedAttributes: list(q.excludedAttributes) };
}

/** A validated SearchRequest → database list parameters (filter parsed, paging defaulted and capped). */
export function listParamsOf(q: SearchRequest, maxResults: number): ListParams {
  // No stored value can hold U+0000 (bodies refuse it), and PostgreSQL cannot even compare it.
  if (q.filter?.includes('\u0000')) throw new InvalidFilterError('Filter values may not contain the NUL character (U+0000)');
  return {
    filter: q.filter !== undefined && q.filter.trim() !== '' ? parseFilter(q.filter) : undefined,
    sortBy: q.sortBy ? parseSortBy(q.sortBy) : undefined,
    descending: q.sortOrder === 'descending',
    startIndex: q.startIndex ?? 1,
    count: Math.min(q.count ?? maxResults, maxResults),
    cursor: q.cursor,
  };
}
