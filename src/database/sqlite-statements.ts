import type { Database, Statement } from 'better-sqlite3';
import { QueryFailedError } from 'typeorm';

/** Prepared statements kept per connection; far above the number of distinct hot statements. */
const CACHE_SIZE = 1_000;

/**
 * Runs SQL straight on better-sqlite3's connection with an LRU of prepared statements. TypeORM's
 * query runner does the same work wrapped in a broadcaster, a logger call, two promise hops and a
 * FIFO statement cache of 100 (which the filter compiler's many statement shapes keep flushing):
 * ≈ 5% of the CPU of a `userName eq` lookup (docs/BENCHMARKS.md, "Reads"). Transactions stay
 * TypeORM's (BEGIN, SAVEPOINT and COMMIT go through its query runner on this same connection), and
 * errors are wrapped in TypeORM's QueryFailedError exactly as its runner does, so error
 * classification (database-errors.ts) sees the same shape.
 */
export class SqliteStatements {
  private readonly cache = new Map<string, Statement>();

  constructor(private readonly connection: Database) {}

  /** Rows of a reading statement; [] for one that returns none. */
  all<T>(sql: string, params: readonly unknown[]): T[] {
    const values = bindable(params);
    try {
      const stmt = this.prepare(sql);
      if (stmt.reader) return stmt.all(...values) as T[];
      stmt.run(...values);
      return [];
    } catch (err) {
      throw new QueryFailedError(sql, values, err as Error);
    }
  }

  /** Runs a statement; the number of rows it changed. */
  run(sql: string, params: readonly unknown[]): number {
    const values = bindable(params);
    try {
      const stmt = this.prepare(sql);
      if (stmt.reader) {
        stmt.all(...values);
        return 0;
      }
      return stmt.run(...values).changes;
    } catch (err) {
      throw new QueryFailedError(sql, values, err as Error);
    }
  }

  /**
   * Hands the rows of a reading statement to `each` one at a time, synchronously (nothing else
   * can use the connection meanwhile), without ever holding them all.
   */
  forEach<T>(sql: string, params: readonly unknown[], each: (row: T) => void): void {
    const values = bindable(params);
    let rows: IterableIterator<unknown>;
    try {
      rows = this.prepare(sql).iterate(...values);
    } catch (err) {
      throw new QueryFailedError(sql, values, err as Error);
    }
    try {
      for (;;) {
        let next: IteratorResult<unknown>;
        try {
          next = rows.next();
        } catch (err) {
          throw new QueryFailedError(sql, values, err as Error);
        }
        if (next.done) return;
        each(next.value as T);
      }
    } finally {
      // Resets the statement if `each` threw before the last row.
      rows.return?.();
    }
  }

  private prepare(sql: string): Statement {
    let stmt = this.cache.get(sql);
    if (stmt) {
      // Most recently used last: the Map's insertion order is the eviction order.
      this.cache.delete(sql);
      this.cache.set(sql, stmt);
      return stmt;
    }
    stmt = this.connection.prepare(sql);
    this.cache.set(sql, stmt);
    if (this.cache.size > CACHE_SIZE) this.cache.delete(this.cache.keys().next().value as string);
    return stmt;
  }
}

/** better-sqlite3 binds no booleans (TypeORM's runner converts them the same way). */
function bindable(params: readonly unknown[]): unknown[] {
  return params.map((p) => (typeof p === 'boolean' ? (p ? 1 : 0) : p));
}
