import { InvalidFilterError } from '../errors/scim-error';
import type { CompareOperator } from './ast';
import type { AttributeDef } from '../schema/types';

/** Operators left after binding: `ne` becomes not(eq) (see filter-binder.ts). */
export type BoundOperator = Exclude<CompareOperator, 'ne'>;
/** A literal converted to the attribute's type; dateTime literals become epoch milliseconds. */
export type BoundLiteral = string | number | boolean;

const ORDERING: readonly BoundOperator[] = ['gt', 'ge', 'lt', 'le'];
const SUBSTRING: readonly BoundOperator[] = ['co', 'sw', 'ew'];
const JSON_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
/** xsd:dateTime / RFC 3339 (RFC 7643 §2.3.5); a missing offset is read as UTC, never local time. */
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(Z|[+-](\d{2}):(\d{2}))?$/;

/**
 * Epoch milliseconds of an RFC 7643 §2.3.5 dateTime string, or undefined when it is not one.
 * Calendar fields are range-checked first because Date.parse rolls "02-30" over into March.
 */
export function parseDateTime(text: string): number | undefined {
  const upper = text.toUpperCase();
  const m = DATE_TIME.exec(upper);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const offsetOk = m[8] === undefined || (Number(m[8]) <= 23 && Number(m[9]) <= 59);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth || hour > 23 || minute > 59 || second > 59 || !offsetOk) {
    return undefined;
  }
  const ms = Date.parse(m[7] === undefined ? `${upper}Z` : upper);
  return Number.isNaN(ms) ? undefined : ms;
}

/**
 * Checks that `op` suits the attribute type and converts the literal (RFC 7644 §3.4.2.2):
 * - string / reference / binary: any literal; numbers and booleans are compared as their text
 *   (Entra sends unquoted values). gt/ge/lt/le on binary → invalidFilter (RFC 7644 §3.4.2.2).
 * - boolean: eq only (ne is bound as not eq), with true/false or the strings "true"/"false" in
 *   any case (Entra: `roles[primary eq "True"]`, entra-scim.md Q10).
 * - integer / decimal: no co/sw/ew; a number, or a string holding a JSON number.
 * - dateTime: no co/sw/ew; a string in dateTime format, bound to its instant.
 * Anything else → InvalidFilterError naming the attribute.
 */
export function bindLiteral(leaf: AttributeDef, op: BoundOperator, literal: BoundLiteral, pathText: string): BoundLiteral {
  const reject = (why: string): never => {
    throw new InvalidFilterError(`Invalid comparison '${pathText} ${op} ${JSON.stringify(literal)}': ${why}`);
  };
  switch (leaf.type) {
    case 'boolean':
      if (op !== 'eq') reject('a boolean attribute supports only eq and ne');
      return toBoolean(literal) ?? reject('expected true or false');
    case 'integer':
    case 'decimal':
      if (SUBSTRING.includes(op)) reject(`co, sw and ew do not apply to ${leaf.type} attributes`);
      return toNumber(literal) ?? reject('expected a number');
    case 'dateTime':
      if (SUBSTRING.includes(op)) reject('co, sw and ew do not apply to dateTime attributes');
      return (typeof literal === 'string' ? parseDateTime(literal) : undefined) ?? reject('expected a dateTime string such as "2011-05-13T04:42:34Z"');
    case 'binary':
      if (ORDERING.includes(op)) reject('gt, ge, lt and le do not apply to binary attributes');
      return String(literal);
    default:
      return String(literal);
  }
}

function toBoolean(literal: BoundLiteral): boolean | undefined {
  if (typeof literal === 'boolean') return literal;
  const lower = String(literal).toLowerCase();
  if (typeof literal === 'string' && (lower === 'true' || lower === 'false')) return lower === 'true';
  return undefined;
}

function toNumber(literal: BoundLiteral): number | undefined {
  if (typeof literal === 'number') return literal;
  if (typeof literal === 'string' && JSON_NUMBER.test(literal)) {
    const value = Number(literal);
    return Number.isFinite(value) ? value : undefined;
  }
  return undefined;
}
