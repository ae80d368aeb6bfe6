import type { Filter, FilterLiteral } from '../filter/ast';
import { findSubAttribute } from '../schema/attribute-lookup';
import type { AttributeDef } from '../schema/types';
import { hasOwn, setOwn, type JsonObject } from '../resource/own-properties';

/** What canonicalizeFilter changed, for the quirk report. */
export interface FilterNotes {
  mixedCase: boolean;
  stringBoolean: boolean;
}

/**
 * Rewrites a value filter's sub-attribute names to schema casing (Entra writes
 * `emails[Type eq "work"]`-style names, RFC 7643 §2.1 says names are case-insensitive) and
 * string literals compared with boolean sub-attributes to booleans (`roles[primary eq "True"]`,
 * entra-scim.md Q10/Q2). Unknown names are left for the evaluator.
 */
export function canonicalizeFilter(filter: Filter, parent: AttributeDef, notes: FilterNotes): Filter {
  switch (filter.kind) {
    case 'and':
    case 'or':
      return { ...filter, left: canonicalizeFilter(filter.left, parent, notes), right: canonicalizeFilter(filter.right, parent, notes) };
    case 'not':
      return { ...filter, filter: canonicalizeFilter(filter.filter, parent, notes) };
    case 'valuePath':
      return filter;
    default: {
      const sub = filter.path.uri === undefined ? findSubAttribute(parent, filter.path.attr) : undefined;
      if (!sub) return filter;
      if (sub.name !== filter.path.attr) notes.mixedCase = true;
      const path = { ...filter.path, attr: sub.name };
      if (filter.kind === 'present') return { ...filter, path };
      const value = sub.type === 'boolean' ? booleanLiteral(filter.value, notes) : filter.value;
      return { ...filter, path, value };
    }
  }
}

function booleanLiteral(value: FilterLiteral, notes: FilterNotes): FilterLiteral {
  if (typeof value !== 'string') return value;
  const lower = value.toLowerCase();
  if (lower !== 'true' && lower !== 'false') return value;
  notes.stringBoolean = true;
  return lower === 'true';
}

/**
 * The element Entra expects a PATCH to create when `attr[filter].sub` matches nothing
 * (entra-scim.md Q5: "Replace/Add acts as an upsert"): only for `type eq "<string>"` and
 * `primary eq true` (Q10 `roles[primary eq "True"]`), or an `and` of those. Any other filter
 * cannot say what the new element would be, so the caller reports noTarget.
 */
export function upsertSeed(filter: Filter, parent: AttributeDef): JsonObject | undefined {
  if (filter.kind === 'and') {
    const left = upsertSeed(filter.left, parent);
    const right = upsertSeed(filter.right, parent);
    if (!left || !right || Object.keys(right).some((k) => hasOwn(left, k))) return undefined;
    for (const key of Object.keys(right)) setOwn(left, key, right[key]);
    return left;
  }
  if (filter.kind !== 'compare' || filter.op !== 'eq' || filter.path.uri !== undefined || filter.path.sub !== undefined) {
    return undefined;
  }
  const sub = findSubAttribute(parent, filter.path.attr);
  if (sub?.name === 'type' && typeof filter.value === 'string') return { type: filter.value };
  const isTrue = filter.value === true || (typeof filter.value === 'string' && filter.value.toLowerCase() === 'true');
  if (sub?.name === 'primary' && sub.type === 'boolean' && isTrue) return { primary: true };
  return undefined;
}
