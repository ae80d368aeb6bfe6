import type { EntityManager } from 'typeorm';
import { pgQuery, pgTarget } from './pg-statements';
import { SqlDialect, toDialect } from './sql-dialect';
import type { SqliteStatements } from './sqlite-statements';

/**
 * A thin, dialect-aware wrapper over an EntityManager for parameterised raw SQL. Statements run
 * on the driver directly — better-sqlite3's connection (SqliteStatements) or node-postgres'
 * transaction client or pool (pg-statements.ts) — inside whatever transaction TypeORM has open.
 */
export class Db {
  constructor(
    readonly manager: EntityManager,
    readonly dialect: SqlDialect,
    private readonly sqlite?: SqliteStatements,
  ) {}

  /**
   * `prepareAs` names a statement whose text never varies (a hot, fixed statement): PostgreSQL then
   * parses and plans it once per connection. SQLite prepares every statement once anyway.
   */
  async query<T = Record<string, unknown>>(sql: string, params: unknown[] = [], opts: { prepareAs?: string } = {}): Promise<T[]> {
    if (this.sqlite) return this.sqlite.all<T>(sql, params);
    const pg = this.dialect === 'postgres' ? pgTarget(this.manager) : undefined;
    if (pg) return (await pgQuery(pg, toDialect(sql, this.dialect), params, opts.prepareAs)).rows as T[];
    return this.manager.query(toDialect(sql, this.dialect), params);
  }

  /**
   * SQLite only: the rows of a reading statement handed to `each` one at a time (a large result
   * is never held whole). Returns false on PostgreSQL, where the caller uses a cursor or `query`.
   */
  forEachSqlite<T>(sql: string, params: unknown[], each: (row: T) => void): boolean {
    if (!this.sqlite) return false;
    this.sqlite.forEach(sql, params, each);
    return true;
  }

  async one<T = Record<string, unknown>>(sql: string, params: unknown[] = [], opts: { prepareAs?: string } = {}): Promise<T | undefined> {
    return (await this.query<T>(sql, params, opts))[0];
  }

  /** Runs a statement and returns the number of affected rows. */
  async execute(sql: string, params: unknown[] = []): Promise<number> {
    const runner = this.manager.queryRunner;
    if (!runner) throw new Error('Db.execute needs a transaction (TransactionRunner.write)');
    if (this.sqlite) return this.sqlite.run(sql, params);
    const pg = this.dialect === 'postgres' ? pgTarget(this.manager) : undefined;
    if (pg) return (await pgQuery(pg, toDialect(sql, this.dialect), params)).rowCount ?? 0;
    const res = await runner.query(toDialect(sql, this.dialect), params, true);
    return res.affected ?? 0;
  }
}
