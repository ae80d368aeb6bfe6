import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Db } from './db';
import { dialectOf, SqlDialect } from './sql-dialect';
import { SqliteScheduler } from './sqlite-scheduler';

export { Db } from './db';

/**
 * The one way services touch the database. Every write is one transaction. On SQLite TypeORM
 * shares one connection, so overlapping transactions (and reads interleaved with another
 * request's open transaction) would collide or see uncommitted rows; there database work runs
 * one task at a time, and writes that wait together are committed together (SqliteScheduler,
 * reliability-plan.md §4.6). PostgreSQL uses its pool and MVCC.
 */
@Injectable()
export class TransactionRunner {
  readonly dialect: SqlDialect;
  private readonly sqlite?: SqliteScheduler;

  constructor(@InjectDataSource() readonly dataSource: DataSource) {
    this.dialect = dialectOf(dataSource.options.type);
    if (this.dialect === 'sqlite') this.sqlite = new SqliteScheduler(dataSource);
  }

  /** Runs `fn` in a transaction. */
  write<T>(fn: (db: Db) => Promise<T>): Promise<T> {
    if (this.sqlite) return this.sqlite.write(fn);
    return this.dataSource.transaction((m) => fn(new Db(m, this.dialect)));
  }

  /** Runs read-only work (no transaction on PostgreSQL; one task at a time on SQLite). */
  read<T>(fn: (db: Db) => Promise<T>): Promise<T> {
    if (this.sqlite) return this.sqlite.read(fn);
    return fn(new Db(this.dataSource.manager, this.dialect));
  }

  /**
   * Runs several reads against one consistent snapshot, e.g. a group row (its version is the
   * ETag) and every one of its membership rows.
   * - SQLite: one scheduler read task; nothing else runs on the shared connection meanwhile.
   * - PostgreSQL: a REPEATABLE READ transaction (`read` opens none, so each statement would see
   *   its own snapshot). The pooled connection is held while `fn` runs: read and render inside,
   *   never write the response to a slow client from inside.
   */
  snapshot<T>(fn: (db: Db) => Promise<T>): Promise<T> {
    if (this.sqlite) return this.sqlite.read(fn);
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      // A large read (a 50,000-member group's members) crosses jit_above_cost (≈ 10^5): JIT then
      // spends 0.1–1 s of backend CPU compiling a plan that runs in ≈ 0.3 s, gaining nothing.
      await manager.query('SET LOCAL jit = off');
      return fn(new Db(manager, 'postgres'));
    });
  }
}
