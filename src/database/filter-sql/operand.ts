import type { AttributeDef, BoundLiteral, BoundOperator } from '@app/scim-core';
import type { Operand } from './operators';

/** Case folding for caseExact=false attributes: how a column's `ci` form was produced. */
export type Fold = (text: string) => string;

/** scim_attribute_value.value_ci is `toLowerCase()` of the value (like the evaluator's folding). */
export const LOWER: Fold = (text) => text.toLowerCase();
/** user_name_ci / display_name_ci are NFC + lower-case (RFC 7644 §7.8 uniqueness keys). */
export const NFC_LOWER: Fold = (text) => text.normalize('NFC').toLowerCase();

/** How a dateTime is stored where it is compared. */
export type DateTimeForm = 'epochMs' | 'isoText';

/**
 * Converts a literal bound by the scim-core binder (bindLiteral: type checks done, dateTimes
 * already epoch milliseconds, text literals already String()ed) into the operand compareSql uses.
 */
export function toOperand(leaf: AttributeDef, literal: BoundLiteral, fold: Fold, dateTimeForm: DateTimeForm): Operand {
  switch (leaf.type) {
    case 'boolean':
      return { kind: 'boolean', value: literal === true };
    case 'integer':
    case 'decimal':
      return { kind: 'number', value: literal as number };
    case 'dateTime':
      return dateTimeForm === 'epochMs'
        ? { kind: 'number', value: literal as number }
        : { kind: 'text', value: new Date(literal as number).toISOString(), caseExact: true, isoDateTime: true };
    default: {
      const text = String(literal);
      return leaf.caseExact ? { kind: 'text', value: text, caseExact: true } : { kind: 'text', value: fold(text), caseExact: false };
    }
  }
}

/**
 * Compares a value known at compile time (meta.resourceType, groups.type) exactly as the
 * evaluator compares strings: folded with toLowerCase unless caseExact, JavaScript order.
 */
export function compareConstant(leaf: AttributeDef, value: string, op: BoundOperator, literal: BoundLiteral): boolean {
  if (typeof literal !== 'string') return false;
  const fold = (s: string): string => (leaf.caseExact ? s : s.toLowerCase());
  const [actual, expected] = [fold(value), fold(literal)];
  switch (op) {
    case 'eq': return actual === expected;
    case 'co': return actual.includes(expected);
    case 'sw': return actual.startsWith(expected);
    case 'ew': return actual.endsWith(expected);
    case 'gt': return actual > expected;
    case 'ge': return actual >= expected;
    case 'lt': return actual < expected;
    case 'le': return actual <= expected;
  }
}
