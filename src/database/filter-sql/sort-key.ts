import {
  type AttrPath, type AttributeDef, findSubAttribute, formatAttrPath, InvalidValueError, type ResolvedAttribute, SensitiveError,
} from '@app/scim-core';
import type { CompileFilterContext } from './compile-context';
import { DEDICATED_SORT_COLUMNS } from './sort-columns';
import { assertIdentifier } from './sql-fragment';

const NUMERIC: ReadonlySet<string> = new Set(['boolean', 'integer', 'decimal', 'dateTime']);

/**
 * ORDER BY expression for `sortBy` (RFC 7644 §3.4.2.3) over the main table alias, without a
 * direction (see orderByClause). It holds no parameters: only column names and canonical paths
 * from the schema registry appear in it, as SQL string literals.
 *
 * - Dedicated columns sort by the column (userName/displayName by their NFC lower-case key).
 * - Other strings sort by value_ci (caseExact: value_str); integer, decimal, boolean and dateTime
 *   by value_num (dateTime: epoch milliseconds). Strings compare by code point on both engines.
 * - Multi-valued attributes sort by the primary element's value, else by the smallest value.
 * - A resource without a value sorts as NULL.
 * Errors: unknown attribute, a complex attribute without `value`, or one that cannot be sorted
 * (groups, members, meta.location, meta.resourceType) → InvalidValueError (sortBy is not a
 * filter, so invalidFilter would misname it); returned:"never" (password) → SensitiveError.
 */
export function compileSortKey(path: AttrPath, ctx: CompileFilterContext): string {
  const alias = assertIdentifier(ctx.alias);
  const text = formatAttrPath(path);
  const resolved = ctx.registry.resolve(ctx.resourceType, path);
  if (!resolved) throw new InvalidValueError(`sortBy: unknown attribute '${text}' for resource type ${ctx.resourceType}`);
  if (resolved.attribute.returned === 'never' || resolved.subAttribute?.returned === 'never') {
    throw new SensitiveError(`sortBy: '${text}' is never returned`);
  }
  const leaf = resolved.subAttribute ?? implicitValue(resolved.attribute, text);
  const collate = ctx.dialect === 'postgres' ? ' COLLATE "C"' : '';
  const dedicated = dedicatedColumn(resolved, leaf, ctx.resourceType, text);
  if (dedicated !== undefined) return `${alias}.${dedicated.column}${dedicated.text ? collate : ''}`;
  const value = NUMERIC.has(leaf.type) ? 'value_num' : `${leaf.caseExact ? 'value_str' : 'value_ci'}${collate}`;
  const attributePath = resolved.subAttribute ? resolved.canonicalPath.slice(0, -resolved.subAttribute.name.length - 1) : resolved.canonicalPath;
  const stored = quotePath((leaf === resolved.attribute ? attributePath : `${attributePath}.${leaf.name}`).toLowerCase());
  const smallest = `(SELECT min(s0.${value}) FROM scim_attribute_value s0 WHERE s0.resource_id = ${alias}.id AND s0.path = ${stored})`;
  const primary = resolved.attribute.multiValued ? findSubAttribute(resolved.attribute, 'primary') : undefined;
  if (!primary) return smallest;
  const primaryPath = quotePath(`${attributePath}.${primary.name}`.toLowerCase());
  return `COALESCE((SELECT min(s1.${value}) FROM scim_attribute_value s1 JOIN scim_attribute_value p1 ` +
    `ON p1.resource_id = s1.resource_id AND p1.elem = s1.elem AND p1.path = ${primaryPath} AND p1.value_num = 1 ` +
    `WHERE s1.resource_id = ${alias}.id AND s1.path = ${stored}), ${smallest})`;
}

/**
 * `ORDER BY` items for sortBy/sortOrder: resources without a value last when ascending and first
 * when descending (RFC 7644 §3.4.2.3), the same on both engines, then the id for stable paging.
 */
export function orderByClause(path: AttrPath, order: 'ascending' | 'descending', ctx: CompileFilterContext): string {
  const direction = order === 'descending' ? 'DESC NULLS FIRST' : 'ASC NULLS LAST';
  return `${compileSortKey(path, ctx)} ${direction}, ${assertIdentifier(ctx.alias)}.id ASC`;
}

function implicitValue(attribute: AttributeDef, text: string): AttributeDef {
  if (attribute.type !== 'complex') return attribute;
  const value = findSubAttribute(attribute, 'value');
  if (!value) throw new InvalidValueError(`sortBy: '${text}' is complex; name one of its sub-attributes`);
  return value;
}

function dedicatedColumn(resolved: ResolvedAttribute, leaf: AttributeDef, resourceType: 'User' | 'Group', text: string) {
  if (resolved.isExtension) return undefined;
  const top = resolved.attribute.name.toLowerCase();
  const key = leaf === resolved.attribute ? top : `${top}.${leaf.name.toLowerCase()}`;
  const table = DEDICATED_SORT_COLUMNS[resourceType];
  const entry = table[key] ?? (['meta', 'groups', 'members'].includes(top) ? null : undefined);
  if (entry === null) throw new InvalidValueError(`sortBy: '${text}' cannot be used for sorting`);
  return entry;
}

/** A canonical path from the schema registry as an SQL string literal (never a client value). */
function quotePath(path: string): string {
  if ([...path].some((c) => c === '\\' || c.charCodeAt(0) < 0x20)) throw new Error(`Unexpected character in attribute path "${path}"`);
  return `'${path.replace(/'/g, "''")}'`;
}
