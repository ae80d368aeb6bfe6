import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { dialectOf, SqlDialect, toDialect } from './sql-dialect';

/**
 * The one way services touch the database. Every write is one transaction. On SQLite TypeORM
 * shares one connection, so overlapping transactions (and reads interleaved with another
 * request's open transaction) would collide or see uncommitted rows; we serialise database work
 * in-process there (reliability-plan.md §4.6). PostgreSQL uses its pool and MVCC.
 */
@Injectable()
export class TransactionRunner {
  readonly dialect: SqlDialect;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(@InjectDataSource() readonly dataSource: DataSource) {
    this.dialect = dialectOf(dataSource.options.type);
  }

  /** Runs `fn` in a transaction. */
  write<T>(fn: (db: Db) => Promise<T>): Promise<T> {
    return this.serialised(() => this.dataSource.transaction((m) => fn(new Db(m, this.dialect))));
  }

  /** Runs read-only work (no transaction on PostgreSQL; serialised on SQLite). */
  read<T>(fn: (db: Db) => Promise<T>): Promise<T> {
    return this.serialised(() => fn(new Db(this.dataSource.manager, this.dialect)));
  }

  private serialised<T>(fn: () => Promise<T>): Promise<T> {
    if (this.dialect === 'postgres') return fn();
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }
}

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
