import type { CompareOperator } from '@app/scim-core';
import type { SqlDialect, SqlFragment } from '../sql-dialect';
import { frag, TRUE_SQL } from './sql-fragment';

/**
 * SQL expressions for one attribute value, in whatever scope the caller built (a row of
 * scim_attribute_value, a dedicated column …). The caller guarantees they are not NULL where the
 * comparison is evaluated, so every comparison below is two-valued.
 */
export interface ValueExprs {
  /** The value as text, exact case (caseExact strings, normalised dateTimes). */
  str: string;
  /** The case-folded text (caseExact=false strings). */
  ci: string;
  /** The numeric value (integer, decimal; booleans as 1/0). */
  num: string;
}

/**
 * A filter literal converted to the attribute's type (see filter-literal.ts): text is already
 * case-folded when `caseExact` is false and dateTimes are already normalised to ISO-8601 UTC.
 */
export type Operand =
  /** `isoDateTime`: fixed-format ASCII ISO-8601 text, whose order is the same in every collation. */
  | { kind: 'text'; value: string; caseExact: boolean; isoDateTime?: boolean }
  | { kind: 'number'; value: number }
  | { kind: 'boolean'; value: boolean };

const ORDER: Partial<Record<CompareOperator, string>> = { eq: '=', gt: '>', ge: '>=', lt: '<', le: '<=' };

/**
 * `<expr> <op> <operand>` for eq, co, sw, ew, gt, ge, lt, le (`ne` and `pr` are compiled by the
 * caller as NOT eq / row existence).
 *
 * co/sw/ew use instr/substr (SQLite) and strpos/starts_with/right (PostgreSQL) rather than LIKE:
 * no metacharacter can be misread, and SQLite's LIKE would be ASCII case-insensitive even for
 * caseExact attributes. Lengths are counted in code points on both engines, as the literal's is.
 * Ordering compares code points (SQLite BINARY, PostgreSQL COLLATE "C"), never the database locale.
 */
export function compareSql(exprs: ValueExprs, op: CompareOperator, operand: Operand, dialect: SqlDialect): SqlFragment {
  if (operand.kind === 'number') return frag(`${exprs.num} ${sqlOperator(op)} ?`, operand.value);
  if (operand.kind === 'boolean') return frag(`${exprs.num} ${sqlOperator(op)} ?`, operand.value ? 1 : 0);
  const col = operand.caseExact ? exprs.str : exprs.ci;
  const value = operand.value;
  if (op === 'co' || op === 'sw' || op === 'ew') return substringSql(col, op, value, dialect);
  const collate = dialect === 'postgres' && op !== 'eq' && !operand.isoDateTime ? ' COLLATE "C"' : '';
  return frag(`${col} ${sqlOperator(op)} ?${collate}`, value);
}

function sqlOperator(op: CompareOperator): string {
  const sql = ORDER[op];
  if (!sql) throw new Error(`Operator ${op} is not an ordering comparison`);
  return sql;
}

function substringSql(col: string, op: 'co' | 'sw' | 'ew', value: string, dialect: SqlDialect): SqlFragment {
  // Every string contains, starts and ends with "" (String.prototype.includes & co.).
  if (value === '') return TRUE_SQL;
  const length = [...value].length;
  if (dialect === 'postgres') {
    if (op === 'co') return frag(`strpos(${col}, ?) > 0`, value);
    if (op === 'sw') return frag(`starts_with(${col}, ?)`, value);
    return frag(`right(${col}, ?) = ?`, length, value);
  }
  if (op === 'co') return frag(`instr(${col}, ?) > 0`, value);
  if (op === 'sw') return frag(`substr(${col}, 1, ?) = ?`, length, value);
  return frag(`substr(${col}, ?) = ?`, -length, value);
}
