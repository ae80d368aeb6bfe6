import type { EntityManager } from 'typeorm';
import { SqlDialect, toDialect } from './sql-dialect';

/** A thin, dialect-aware wrapper over an EntityManager for parameterised raw SQL. */
export class Db {
  constructor(
    readonly manager: EntityManager,
    readonly dialect: SqlDialect,
  ) {}

  query<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
    return this.manager.query(toDialect(sql, this.dialect), params);
  }

  async one<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T | undefined> {
    return (await this.query<T>(sql, params))[0];
  }

  /** Runs a statement and returns the number of affected rows. */
  async execute(sql: string, params: unknown[] = []): Promise<number> {
    const runner = this.manager.queryRunner;
    if (!runner) throw new Error('Db.execute needs a transaction (TransactionRunner.write)');
    const res = await runner.query(toDialect(sql, this.dialect), params, true);
    return res.affected ?? 0;
  }
}
