/**
 * The two SQL dialects we speak. SQL is written once with `?` placeholders; PostgreSQL gets them
 * renumbered to `$n`. Values are always bound, never concatenated.
 */
export type SqlDialect = 'sqlite' | 'postgres';

export interface SqlFragment {
  sql: string;
  params: unknown[];
}

/** Renumbered statements by text: the same few hundred shapes recur on every request. */
const renumbered = new Map<string, string>();
const MAX_RENUMBERED = 1000;

export function toDialect(sql: string, dialect: SqlDialect): string {
  if (dialect === 'sqlite') return sql;
  const known = renumbered.get(sql);
  if (known !== undefined) return known;
  let n = 0;
  const out = sql.replace(/\?/g, () => `$${++n}`);
  if (renumbered.size >= MAX_RENUMBERED) renumbered.clear(); // shapes beyond the bound: start over rather than grow
  renumbered.set(sql, out);
  return out;
}

export function dialectOf(type: string): SqlDialect {
  return type === 'postgres' ? 'postgres' : 'sqlite';
}
