import { parseDateTime, type AttributeDef } from '@app/scim-core';

/** A leaf value as stored in scim_attribute_value (value_str / value_ci / value_num). */
export interface EncodedValue {
  str: string | null;
  ci: string | null;
  num: number | null;
}

/** A present value that no comparison can match (wrong JSON type): it only makes `pr` true. */
const INCOMPARABLE: EncodedValue = { str: null, ci: null, num: null };

/**
 * Encodes one leaf value of attribute `def` for the attribute index, mirroring what the filter
 * evaluator (libs/scim-core/src/filter/filter-evaluator.ts) can match:
 * - absent (null, undefined, '') → undefined: no row. Objects and arrays at a leaf → undefined.
 * - string / reference / binary: the string; value_ci = toLowerCase().
 * - boolean: 'true' / 'false', value_num 1 / 0.
 * - integer / decimal: String(n), value_num n.
 * - dateTime: an RFC 3339 dateTime (the evaluator's parseDateTime) is stored as its
 *   toISOString() with value_num = epoch milliseconds, so comparisons are on instants exactly
 *   as the evaluator's; any other string keeps its text and value_num NULL (never compares).
 * - a value of the wrong JSON type → a row with NULL values: present, never equal to anything.
 */
export function encodeValue(def: AttributeDef, value: unknown): EncodedValue | undefined {
  if (value === null || value === undefined || value === '' || typeof value === 'object') return undefined;
  switch (def.type) {
    case 'boolean':
      return typeof value === 'boolean' ? text(value ? 'true' : 'false', value ? 1 : 0) : INCOMPARABLE;
    case 'integer':
    case 'decimal':
      return typeof value === 'number' && Number.isFinite(value) ? text(String(value), value) : INCOMPARABLE;
    case 'dateTime':
      return typeof value === 'string' ? dateTime(value) : INCOMPARABLE;
    case 'complex':
      return INCOMPARABLE;
    default:
      return typeof value === 'string' ? text(value, null) : INCOMPARABLE;
  }
}

function dateTime(value: string): EncodedValue {
  const ms = parseDateTime(value);
  return ms === undefined ? text(value, null) : text(new Date(ms).toISOString(), ms);
}

function text(str: string, num: number | null): EncodedValue {
  return { str, ci: str.toLowerCase(), num };
}
