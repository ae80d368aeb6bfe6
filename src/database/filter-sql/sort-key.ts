import {
  type AttrPath, findSubAttribute, InvalidValueError, type ResolvedAttribute, SensitiveError,
} from '@app/scim-core';
import type { CompileFilterContext } from './compile-context';
import { DEDICATED_SORT_COLUMNS } from './sort-columns';
import { assertIdentifier } from './sql-fragment';

/**
 * ORDER BY expression for `sortBy` (RFC 7644 §3.4.2.3), over the main table alias; the caller
 * appends the direction (or uses orderByClause). Strings sort by their case-folded form unless
 * caseExact, in code-point order on both engines; numbers, booleans and dateTimes numerically.
 * A multi-valued attribute sorts by its primary element's value, else by its smallest value.
 * A resource without a value yields NULL.
 *
 * Errors: an unknown attribute, a complex attribute without `value`, or one that cannot be sorted
 * (groups, members, meta.location, meta.resourceType) → InvalidValueError (sortBy is not a filter,
 * so invalidFilter would misname it); returned:"never" (password) → SensitiveError.
 */
export function compileSortKey(path: AttrPath, ctx: CompileFilterContext): string {
  const alias = assertIdentifier(ctx.alias);
  const resolved = ctx.registry.resolve(ctx.resourceType, path);
  const text = `${path.uri ? `${path.uri}:` : ''}${path.attr}${path.sub ? `.${path.sub}` : ''}`;
  if (!resolved) throw new InvalidValueError(`sortBy: unknown attribute '${text}' for resource type ${ctx.resourceType}`);
  if (resolved.attribute.returned === 'never' || resolved.subAttribute?.returned === 'never') {
    throw new SensitiveError(`sortBy: '${text}' is never returned`);
  }
  const leaf = resolved.subAttribute ?? (resolved.attribute.type === 'complex' ? findSubAttribute(resolved.attribute, 'value') : resolved.attribute);
  if (!leaf) throw new InvalidValueError(`sortBy: '${text}' is complex; name one of its sub-attributes`);
  const collate = ctx.dialect === 'postgres' ? ' COLLATE "C"' : '';
  const textual = !['boolean', 'integer', 'decimal', 'dateTime'].includes(leaf.type);
  const dedicated = dedicatedKey(resolved, ctx.resourceType, leaf.name, alias, text);
  if (dedicated !== undefined) return textual ? `${dedicated}${collate}` : dedicated;
  const column = textual ? (leaf.caseExact ? 'value_str' : 'value_ci') : 'value_num';
  const value = `${column}${textual ? collate : ''}`;
  const stored = quotePath((resolved.subAttribute || leaf !== resolved.attribute ? `${resolved.canonicalPath}${resolved.subAttribute ? '' : `.${leaf.name}`}` : resolved.canonicalPath).toLowerCase());
  const smallest = `(SELECT min(s.${value}) FROM scim_attribute_value s WHERE s.resource_id = ${alias}.id AND s.path = ${stored})`;
  const primary = resolved.attribute.multiValued ? findSubAttribute(resolved.attribute, 'primary') : undefined;
  if (!primary || resolved.attribute.type !== 'complex') return smallest;
  const primaryPath = quotePath(`${resolved.canonicalPath}.${primary.name}`.toLowerCase());
  return `COALESCE((SELECT min(s.${value}) FROM scim_attribute_value s JOIN scim_attribute_value p ` +
    `ON p.resource_id = s.resource_id AND p.elem = s.elem AND p.path = ${primaryPath} AND p.value_num = 1 ` +
    `WHERE s.resource_id = ${alias}.id AND s.path = ${stored}), ${smallest})`;
}

/**
 * `ORDER BY` items for sortBy/sortOrder: missing values last when ascending and first when
 * descending (RFC 7644 §3.4.2.3), then the id so that paging is stable.
 */
export function orderByClause(path: AttrPath, order: 'ascending' | 'descending', ctx: CompileFilterContext): string {
  const key = compileSortKey(path, ctx);
  const direction = order === 'descending' ? 'DESC NULLS FIRST' : 'ASC NULLS LAST';
  return `${key} ${direction}, ${assertIdentifier(ctx.alias)}.id ASC`;
}

function dedicatedKey(resolved: ResolvedAttribute, resourceType: 'User' | 'Group', leafName: string, alias: string, text: string): string | undefined {
  if (resolved.isExtension) return undefined;
  const top = resolved.attribute.name.toLowerCase();
  const key = resolved.subAttribute || top === 'meta' || top === 'groups' || top === 'members' ? `${top}.${leafName.toLowerCase()}` : top;
  const column = DEDICATED_SORT_COLUMNS[resourceType][key];
  if (column === null || (column === undefined && ['meta', 'groups', 'members'].includes(top))) {
    throw new InvalidValueError(`sortBy: '${text}' cannot be used for sorting`);
  }
  return column === undefined ? undefined : `${alias}.${column}`;
}

/** A canonical path from the schema registry as a SQL string literal (no value ever gets here). */
function quotePath(path: string): string {
  if (/[\\\u0000-\u001f]/.test(path)) throw new Error(`Unexpected character in attribute path "${path}"`);
  return `'${path.replace(/'/g, "''")}'`;
}
