import { createHash } from 'node:crypto';
import type { AttrPath, Filter, SchemaRegistry } from '@app/scim-core';
import { InvalidValueError } from '@app/scim-core';
import { compileFilter } from './filter-sql/compile-filter';
import { compileSortKey } from './filter-sql/sort-key';
import { decodeCursor, encodeCursor } from '../common/paging-cursor';
import { Db } from './transaction-runner';

export interface ListSpec {
  table: 'scim_user' | 'scim_group';
  resourceType: 'User' | 'Group';
  /**
   * The columns to return, comma-separated and fixed by code (unqualified: the select list sees only
   * the main table, not the filter's sub-queries). Named rather than `*`: Entra's lookups are
   * prepared statements on PostgreSQL, and a prepared `SELECT *` fails ("cached plan must not
   * change result type") once a migration run by a newer replica adds a column.
   */
  columns: string;
}

export interface ListParams {
  filter?: Filter;
  sortBy?: AttrPath;
  descending: boolean;
  /** 1-based (RFC 7644 §3.4.2.4); ignored in cursor mode. */
  startIndex: number;
  count: number;
  /** RFC 9865: defined (possibly "") selects cursor mode. */
  cursor?: string;
}

export interface ListResult<T> {
  rows: T[];
  total: number;
  nextCursor?: string;
}

interface PageRow {
  id: string;
  created_at: string;
}

/**
 * One filtered, ordered page of a tenant's users or groups, computed in the database: the filter
 * compiles to parameterised SQL, ordering is stable (sort key, then created_at, id), and cursor
 * pages are keyset seeks on (created_at, id).
 */
export async function listRows<T extends PageRow>(db: Db, spec: ListSpec, tenantId: string, p: ListParams, registry: SchemaRegistry): Promise<ListResult<T>> {
  const alias = 'r';
  const where = [`${alias}.tenant_id = ?`];
  const params: unknown[] = [tenantId];
  if (p.filter) {
    const f = compileFilter(p.filter, { registry, resourceType: spec.resourceType, alias, dialect: db.dialect, tenantParam: tenantId });
    where.push(`(${f.sql})`);
    params.push(...f.params);
  }
  const from = `FROM ${spec.table} ${alias} WHERE ${where.join(' AND ')}`;
  const countAll = async () => Number((await db.one<{ n: number | string }>(`SELECT count(*) AS n ${from}`, params))?.n ?? 0);
  if (p.count === 0) return { rows: [], total: await countAll() };
  if (p.cursor !== undefined) return cursorPage<T>(db, spec.columns, from, params, p, countAll);
  const dir = p.descending ? 'DESC' : 'ASC';
  // Resources without a sort value go last ascending, first descending, on both engines (RFC 7644 §3.4.2.3).
  const nulls = p.descending ? 'NULLS FIRST' : 'NULLS LAST';
  const sort = p.sortBy ? `${compileSortKey(p.sortBy, { registry, resourceType: spec.resourceType, alias, dialect: db.dialect })} ${dir} ${nulls}, ` : '';
  const offset = p.startIndex - 1;
  const sql = `SELECT ${spec.columns} ${from} ORDER BY ${sort}${alias}.created_at ${dir}, ${alias}.id ${dir} LIMIT ? OFFSET ?`;
  const prepareAs = db.dialect === 'postgres' ? lookupStatementName(sql, p) : undefined;
  const rows = await db.query<T>(sql, [...params, p.count, offset], { prepareAs });
  return { rows, total: await totalOf(rows.length, offset, p.count, countAll) };
}

/** The attributes Entra looks resources up by (entra-scim.md Q14); all but a user's displayName are columns. */
const LOOKUP_ATTRIBUTES = new Set(['username', 'externalid', 'displayname', 'id']);
/** Lookup SQL text → its statement name; bounded like the texts themselves (a few per attribute). */
const lookupNames = new Map<string, string>();

/**
 * Entra's lookups — `userName eq "…"`, `externalId eq "…"`, `displayName eq "…"`, `id eq "…"`, a
 * single comparison — have one SQL text per resource type and attribute whatever the value, so they
 * go to PostgreSQL as named statements (parsed and planned once per connection; Db.query). Named
 * by a hash of the text, and only for these shapes: a connection never accumulates a prepared
 * statement per filter a client invents.
 */
function lookupStatementName(sql: string, p: ListParams): string | undefined {
  const f = p.filter;
  if (!f || f.kind !== 'compare' || f.op !== 'eq' || f.path.sub !== undefined || p.sortBy) return undefined;
  if (!LOOKUP_ATTRIBUTES.has(f.path.attr.toLowerCase())) return undefined;
  let name = lookupNames.get(sql);
  if (name === undefined) {
    name = `scimbridge_lookup_${createHash('sha256').update(sql).digest('hex').slice(0, 24)}`;
    lookupNames.set(sql, name);
  }
  return name;
}

/**
 * totalResults without count(*) when the page itself proves it: a page that is not full and not
 * past the end holds the last match, so total = offset + rows (Entra's `userName eq` lookups,
 * 0 or 1 match, run one query instead of two).
 */
function totalOf(found: number, offset: number, count: number, countAll: () => Promise<number>): Promise<number> | number {
  if (found < count && (found > 0 || offset === 0)) return offset + found;
  return countAll();
}

async function cursorPage<T extends PageRow>(db: Db, select: string, from: string, params: unknown[], p: ListParams, countAll: () => Promise<number>): Promise<ListResult<T>> {
  if (p.sortBy) throw new InvalidValueError('cursor pagination (RFC 9865) is offered with the default ordering only; omit sortBy');
  const pos = decodeCursor(p.cursor ?? '');
  const seek = pos ? ' AND (r.created_at > ? OR (r.created_at = ? AND r.id > ?))' : '';
  const seekParams = pos ? [pos.createdAt, pos.createdAt, pos.id] : [];
  const rows = await db.query<T>(`SELECT ${select} ${from}${seek} ORDER BY r.created_at, r.id LIMIT ?`, [...params, ...seekParams, p.count + 1]);
  const more = rows.length > p.count;
  const page = more ? rows.slice(0, p.count) : rows;
  const last = page[page.length - 1];
  // The first page, when it is the only one, holds every match.
  const total = !pos && !more ? page.length : await countAll();
  return { rows: page, total, nextCursor: more && last ? encodeCursor({ createdAt: last.created_at, id: last.id }) : undefined };
}
