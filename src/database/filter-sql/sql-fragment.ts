import type { SqlFragment } from '../sql-dialect';

/**
 * Small builders for parameterised SQL. Only fixed SQL text, column names and aliases chosen by
 * code are ever written into `sql`; every value travels in `params`.
 */
export function frag(sql: string, ...params: unknown[]): SqlFragment {
  return { sql, params };
}

export const TRUE_SQL: SqlFragment = frag('1 = 1');
export const FALSE_SQL: SqlFragment = frag('1 = 0');

/** Joins fragments with a separator, concatenating their parameters in order. */
export function joinSql(parts: readonly SqlFragment[], separator: string): SqlFragment {
  return { sql: parts.map((p) => p.sql).join(separator), params: parts.flatMap((p) => p.params) };
}

export function andSql(...parts: SqlFragment[]): SqlFragment {
  return parts.length === 1 ? parts[0] : wrap(joinSql(parts, ' AND '));
}

export function orSql(...parts: SqlFragment[]): SqlFragment {
  return parts.length === 1 ? parts[0] : wrap(joinSql(parts, ' OR '));
}

/**
 * Every fragment the compiler produces is two-valued (never SQL NULL), so NOT is the logical
 * complement the evaluator computes.
 */
export function notSql(part: SqlFragment): SqlFragment {
  return { sql: `NOT (${part.sql})`, params: part.params };
}

export function wrap(part: SqlFragment): SqlFragment {
  return { sql: `(${part.sql})`, params: part.params };
}

/** `prefix || part || suffix` with part's parameters. */
export function around(prefix: string, part: SqlFragment, suffix: string): SqlFragment {
  return { sql: `${prefix}${part.sql}${suffix}`, params: part.params };
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;
/** The compiler's own sub-query aliases: a letter, a number, maybe a letter (a1, m2g, s0). */
const INTERNAL_ALIAS = /^[A-Za-z][0-9]+[A-Za-z]?$/;

/**
 * Guards the main-table alias passed in by callers: it is written into SQL text, and must not
 * collide with the aliases of the compiler's sub-queries.
 */
export function assertIdentifier(name: string): string {
  if (!IDENTIFIER.test(name) || INTERNAL_ALIAS.test(name)) throw new Error(`Invalid SQL alias "${name}"`);
  return name;
}
