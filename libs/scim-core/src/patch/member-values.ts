import { InvalidFilterError, InvalidValueError } from '../errors/scim-error';
import type { Filter } from '../filter/ast';
import { getOwn, isPlainObject, findOwnKey } from '../resource/own-properties';
import type { Member } from './patch-types';

/**
 * Reads the `value` of a members operation (RFC 7643 §4.2 "members"): an array of
 * `{value, type?, $ref?, display?}` (a single object is accepted too). `value` is the member's
 * SCIM id (entra-scim.md G5) and is required; `$ref` (Entra sends null) is derived by the server
 * and `display` is readOnly, so both are ignored. `type` must be "User" or "Group".
 */
export function readMembers(value: unknown, where: string): Member[] {
  if (value === null || value === undefined) return [];
  const items = Array.isArray(value) ? value : [value];
  return items.filter((item) => item !== null && item !== undefined).map((item, i) => readMember(item, `${where}[${i}]`));
}

function readMember(item: unknown, where: string): Member {
  if (!isPlainObject(item)) throw new InvalidValueError(`${where} must be an object with a "value" (the member id)`);
  const valueKey = findOwnKey(item, 'value');
  const id = valueKey === undefined ? undefined : getOwn(item, valueKey);
  if (typeof id !== 'string' || id.trim() === '') {
    throw new InvalidValueError(`${where}.value must be a non-empty string (the member's id)`);
  }
  const member: Member = { value: id };
  const typeKey = findOwnKey(item, 'type');
  const type = typeKey === undefined ? undefined : getOwn(item, typeKey);
  if (type !== undefined && type !== null) member.type = readMemberType(type, where);
  return member;
}

function readMemberType(type: unknown, where: string): 'User' | 'Group' {
  const lower = typeof type === 'string' ? type.toLowerCase() : undefined;
  if (lower === 'user') return 'User';
  if (lower === 'group') return 'Group';
  throw new InvalidValueError(`${where}.type must be "User" or "Group" (RFC 7643 §4.2)`);
}

/**
 * The member ids a `members[...]` filter selects, without loading the group: only `value eq "id"`
 * terms joined by `or` can be answered that way (Entra's flagged form, Q7). Anything else →
 * invalidFilter (RFC 7644 §3.12: "filter comparison combination is not supported").
 */
export function memberIdsFromFilter(filter: Filter): string[] {
  if (filter.kind === 'or') return [...memberIdsFromFilter(filter.left), ...memberIdsFromFilter(filter.right)];
  if (
    filter.kind === 'compare' &&
    filter.op === 'eq' &&
    filter.path.uri === undefined &&
    filter.path.sub === undefined &&
    filter.path.attr.toLowerCase() === 'value' &&
    typeof filter.value === 'string'
  ) {
    return [filter.value];
  }
  throw new InvalidFilterError('A members filter in a PATCH path can only be value eq "<id>" (optionally joined by "or")');
}
