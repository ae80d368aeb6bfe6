/**
 * In-memory filter evaluation (RFC 7644 §3.4.2.2): the reference oracle the SQL compiler is
 * tested against. Semantics, precisely:
 *
 * Resolution and errors (decided by the schema, never by the data — see filter-binder.ts):
 * - Paths resolve through the SchemaRegistry: case-insensitive names (RFC 7643 §2.1), URN-qualified
 *   or bare (core schema first, then extensions). Unknown attribute → InvalidFilterError.
 *   An attribute or sub-attribute with returned "never" (password) → SensitiveError (403).
 * - Operator/type checks: boolean attributes allow eq/ne only, with true/false or "true"/"false"
 *   in any case; integer/decimal and dateTime reject co/sw/ew; binary rejects gt/ge/lt/le;
 *   a dateTime literal must be an RFC 3339 dateTime (no offset = UTC); a number literal must be
 *   a number or a numeric string; `null` only with eq/ne. Violations → InvalidFilterError.
 *
 * Where values come from:
 * - Core attributes are top-level keys (`id`, `externalId`, `userName`, `meta.created` from
 *   resource.meta); extension attributes live under resource[<extension URN>]. Keys are looked
 *   up as own properties, exact name first, then case-insensitively.
 * - A complex attribute compared without a sub-attribute compares its `value` sub-attribute
 *   (`emails eq "x"` ≡ `emails.value eq "x"`, `manager eq "id"`, `members eq "id"`).
 * - Multi-valued attributes: a comparison is true when ANY value matches. A non-array value of a
 *   multi-valued attribute counts as one value; null items are ignored.
 *
 * Comparisons (a value of the wrong JSON type never matches):
 * - strings, references, binary: caseExact false → both sides `toLowerCase()`d; caseExact true →
 *   exact. eq is equality, co/sw/ew are substring/prefix/suffix, gt/ge/lt/le compare by
 *   JavaScript code-unit order. Number or boolean literals are compared as their text.
 * - boolean: strict equality with the bound boolean.
 * - integer/decimal: numeric comparison. dateTime: comparison of instants (Date.parse); a stored
 *   value that is not a dateTime never matches.
 * - `pr`: a value that is not null/undefined, not "", not [] and, for complex values, has at
 *   least one present sub-attribute. A missing or null attribute makes every comparison false.
 * - `ne` is NOT(eq), so a missing attribute satisfies `ne`; `not (f)` is the negation of f;
 *   `attr eq null` ≡ not(attr pr); `attr ne null` ≡ attr pr.
 * - Value paths `emails[type eq "work" and value co "@x"]`: true when one element satisfies the
 *   whole inner filter, evaluated with the sub-attribute definitions (their caseExact applies).
 */
import type { AttributeDef } from '../schema/types';
import type { Filter } from './ast';
import { bindFilter, bindValueFilter, type BoundFilter, type BoundPath, type FilterContext } from './filter-binder';
import type { BoundLiteral, BoundOperator } from './filter-literal';
import { parseDateTime } from './filter-literal';

export type { FilterContext } from './filter-binder';

/** A compiled filter: call it for each resource. Binding errors are thrown by the compile call. */
export type FilterPredicate = (resource: Record<string, unknown>) => boolean;

export function compileFilter(filter: Filter, ctx: FilterContext): FilterPredicate {
  const predicate = compileBound(bindFilter(filter, ctx));
  return (resource) => predicate(resource);
}

export function evaluateFilter(filter: Filter, resource: Record<string, unknown>, ctx: FilterContext): boolean {
  return compileFilter(filter, ctx)(resource);
}

/** A PATCH value filter (RFC 7644 §3.5.2) against one element of `parent`, same rules as above. */
export function evaluateValueFilter(filter: Filter, element: unknown, parent: AttributeDef): boolean {
  return compileValueFilter(filter, parent)(element);
}

/** evaluateValueFilter compiled once, for matching many elements; non-objects never match. */
export function compileValueFilter(filter: Filter, parent: AttributeDef): (element: unknown) => boolean {
  const predicate = compileBound(bindValueFilter(filter, parent));
  return (element) => isObject(element) && predicate(element);
}

type Predicate = (node: unknown) => boolean;

function compileBound(filter: BoundFilter): Predicate {
  switch (filter.kind) {
    case 'and': {
      const [left, right] = [compileBound(filter.left), compileBound(filter.right)];
      return (node) => left(node) && right(node);
    }
    case 'or': {
      const [left, right] = [compileBound(filter.left), compileBound(filter.right)];
      return (node) => left(node) || right(node);
    }
    case 'not': {
      const inner = compileBound(filter.filter);
      return (node) => !inner(node);
    }
    case 'present':
      return (node) => readValues(node, filter.path).some(isPresent);
    case 'compare': {
      const matches = valueMatcher(filter.path.leaf, filter.op, filter.value);
      return (node) => readValues(node, filter.path).some(matches);
    }
    case 'valuePath': {
      const inner = compileBound(filter.filter);
      return (node) => readValues(node, filter.path).some((element) => isObject(element) && inner(element));
    }
  }
}

function readValues(node: unknown, path: BoundPath): unknown[] {
  const container = path.extensionUri === undefined ? node : getOwn(node, path.extensionUri);
  const values = asList(getOwn(container, path.attribute.name));
  const sub = path.subAttribute;
  return sub ? values.flatMap((element) => asList(getOwn(element, sub.name))) : values;
}

function valueMatcher(leaf: AttributeDef, op: BoundOperator, literal: BoundLiteral): (value: unknown) => boolean {
  switch (leaf.type) {
    case 'boolean':
      return (value) => value === literal;
    case 'integer':
    case 'decimal':
      return (value) => typeof value === 'number' && compareOrdered(value, literal as number, op);
    case 'dateTime':
      return (value) => {
        const instant = typeof value === 'string' ? parseDateTime(value) : undefined;
        return instant !== undefined && compareOrdered(instant, literal as number, op);
      };
    default: {
      const fold = (s: string): string => (leaf.caseExact ? s : s.toLowerCase());
      const expected = fold(literal as string);
      return (value) => typeof value === 'string' && compareStrings(fold(value), expected, op);
    }
  }
}

function compareStrings(actual: string, expected: string, op: BoundOperator): boolean {
  switch (op) {
    case 'co':
      return actual.includes(expected);
    case 'sw':
      return actual.startsWith(expected);
    case 'ew':
      return actual.endsWith(expected);
    default:
      return compareOrdered(actual, expected, op);
  }
}

function compareOrdered<T extends string | number>(actual: T, expected: T, op: BoundOperator): boolean {
  switch (op) {
    case 'gt':
      return actual > expected;
    case 'ge':
      return actual >= expected;
    case 'lt':
      return actual < expected;
    case 'le':
      return actual <= expected;
    default:
      return actual === expected;
  }
}

function isPresent(value: unknown): boolean {
  if (value === null || value === undefined) return false;
  if (typeof value === 'string') return value.length > 0;
  if (Array.isArray(value)) return value.some(isPresent);
  if (typeof value === 'object') return Object.values(value).some(isPresent);
  return true;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asList(value: unknown): unknown[] {
  if (value === null || value === undefined) return [];
  return Array.isArray(value) ? value.filter((v) => v !== null && v !== undefined) : [value];
}

/** Own property `name`: exact key first, then case-insensitively (RFC 7643 §2.1). */
function getOwn(node: unknown, name: string): unknown {
  if (!isObject(node)) return undefined;
  if (Object.prototype.hasOwnProperty.call(node, name)) return node[name];
  const wanted = name.toLowerCase();
  const key = Object.keys(node).find((k) => k.toLowerCase() === wanted);
  return key === undefined ? undefined : node[key];
}
