/**
 * The two SQL dialects we speak. SQL is written once with `?` placeholders; PostgreSQL gets them
 * renumbered to `$n`. Values are always bound, never concatenated.
 */
export type SqlDialect = 'sqlite' | 'postgres';

export interface SqlFragment {
  sql: string;
  params: unknown[];
}

export function toDialect(sql: string, dialect: SqlDialect): string {
  if (dialect === 'sqlite') return sql;
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

export function dialectOf(type: string): SqlDialect {
  return type === 'postgres' ? 'postgres' : 'sqlite';
}
