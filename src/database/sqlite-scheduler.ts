import type { Database } from 'better-sqlite3';
import type { DataSource, QueryRunner } from 'typeorm';
import { Db } from './db';
import { SqliteStatements } from './sqlite-statements';

interface Task {
  kind: 'read' | 'write';
  fn: (db: Db) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (reason: unknown) => void;
  /** When it was queued (performance.now()). */
  at: number;
}

/** Writes committed together at most; bounds the latency one commit adds and what one failure touches. */
const MAX_BATCH = 32;
/** How long a write waits for another process' write lock before it fails with SQLITE_BUSY (→ 503). */
const LOCK_WAIT_MS = 5_000;

const isBusy = (e: unknown): boolean => {
  const err = e as { code?: unknown; driverError?: { code?: unknown } } | undefined;
  return String(err?.driverError?.code ?? err?.code ?? '').startsWith('SQLITE_BUSY');
};

/**
 * Database work on SQLite's single connection, one task at a time (TypeORM shares the connection,
 * so overlapping transactions would collide and reads would see uncommitted rows).
 *
 * Group commit: the writes waiting when the connection frees up run in ONE transaction, each in
 * its own savepoint, and are committed together. With `synchronous=FULL` every commit is an
 * fsync, and an Entra sync keeps several writes waiting; one fsync for all of them instead of one
 * each is what makes concurrent writes fast. Semantics are those of running the writes one after
 * another: a write sees the ones before it, one that fails is rolled back to its savepoint (its
 * error reaches its caller at once, nothing of it is committed), and the others' results are
 * handed out only after the COMMIT succeeded; if the COMMIT fails, every write of the batch fails.
 *
 * The queue is drained from a setImmediate, i.e. after Node has read every request that was ready:
 * requests that arrived together find their writes queued together.
 */
export class SqliteScheduler {
  private readonly tasks: Task[] = [];
  private scheduled = false;
  private statementsOf?: { connection: Database; statements: SqliteStatements };
  /** The connection's configured busy_timeout (data-source.options.ts), read once. */
  private busyTimeout?: number;

  constructor(private readonly dataSource: DataSource) {}

  /** The connection's prepared statements (recreated if TypeORM ever opens a new connection). */
  private statements(): SqliteStatements {
    const connection = (this.dataSource.driver as unknown as { databaseConnection: Database }).databaseConnection;
    if (this.statementsOf?.connection !== connection) this.statementsOf = { connection, statements: new SqliteStatements(connection) };
    return this.statementsOf.statements;
  }

  read<T>(fn: (db: Db) => Promise<T>): Promise<T> {
    return this.push('read', fn);
  }

  write<T>(fn: (db: Db) => Promise<T>): Promise<T> {
    return this.push('write', fn);
  }

  private push<T>(kind: Task['kind'], fn: (db: Db) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.tasks.push({ kind, fn, resolve: resolve as (v: unknown) => void, reject, at: performance.now() });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => void this.drain());
      }
    });
  }

  private async drain(): Promise<void> {
    try {
      while (this.tasks.length > 0) {
        const head = this.tasks[0];
        if (head.kind === 'read') {
          this.tasks.shift();
          await this.runRead(head);
        } else {
          await this.runWrites();
        }
      }
    } finally {
      this.scheduled = false;
      // A task pushed while the last one settled (its continuation ran after our final check).
      if (this.tasks.length > 0) {
        this.scheduled = true;
        setImmediate(() => void this.drain());
      }
    }
  }

  /** The queued writes, in arrival order (reads queued between them run after the batch). */
  private takeWrites(): Task[] {
    const batch: Task[] = [];
    for (let i = 0; i < this.tasks.length && batch.length < MAX_BATCH;) {
      if (this.tasks[i].kind === 'write') batch.push(...this.tasks.splice(i, 1));
      else i += 1;
    }
    return batch;
  }

  private async runRead(task: Task): Promise<void> {
    try {
      task.resolve(await task.fn(new Db(this.dataSource.manager, 'sqlite', this.statements())));
    } catch (e) {
      task.reject(e);
    }
  }

  /** Takes the write lock, then runs the writes queued by then as one batch. */
  private async runWrites(): Promise<void> {
    const qr = this.dataSource.createQueryRunner();
    try {
      if (await this.beginImmediate(qr)) await this.runBatch(qr, this.takeWrites());
    } catch (e) {
      for (const task of this.takeWrites()) task.reject(e);
    } finally {
      await qr.release();
    }
  }

  /**
   * BEGIN IMMEDIATE with SQLite's busy handler off. While another process holds the write lock
   * (a backup, the CLI, an operator's sqlite3 shell), the wait happens here, asynchronously: the
   * event loop, the probes and the queued reads keep running. Inside sqlite3_step the busy
   * handler would sleep synchronously and freeze the whole process for up to busy_timeout per
   * attempt (found by the reliability suite, test/reliability/o3-sqlite-outage). Each write waits
   * at most LOCK_WAIT_MS from when it was queued, then fails with SQLITE_BUSY (→ 503 Retry-After).
   * Returns false when no write is left.
   */
  private async beginImmediate(qr: QueryRunner): Promise<boolean> {
    this.busyTimeout ??= Number(((await qr.query('PRAGMA busy_timeout')) as Array<{ timeout: number }>)[0].timeout);
    const timeout = this.busyTimeout;
    // On the connection directly (the one qr uses): three statements per write transaction through
    // TypeORM's query wrapper cost ≈ 19 µs (docs/BENCHMARKS.md, "Audit cost", --timing).
    const sql = this.statements();
    for (let pause = 5; ; pause = Math.min(pause * 2, 100)) {
      let busy: unknown;
      sql.run('PRAGMA busy_timeout = 0', []);
      try {
        sql.run('BEGIN IMMEDIATE', []);
        // What qr.startTransaction() would have recorded, so savepoints, commit and rollback work.
        Object.assign(qr, { isTransactionActive: true, transactionDepth: 1 });
        return true;
      } catch (e) {
        if (!isBusy(e)) throw e;
        busy = e;
      } finally {
        sql.run(`PRAGMA busy_timeout = ${Number(timeout)}`, []);
      }
      const now = performance.now();
      for (const task of this.tasks.filter((t) => t.kind === 'write' && now - t.at >= LOCK_WAIT_MS)) {
        this.tasks.splice(this.tasks.indexOf(task), 1);
        task.reject(busy);
      }
      if (!this.tasks.some((t) => t.kind === 'write')) return false;
      // No transaction is open: the reads queued meanwhile run now instead of after the wait.
      for (const read of this.tasks.filter((t) => t.kind === 'read')) {
        this.tasks.splice(this.tasks.indexOf(read), 1);
        await this.runRead(read);
      }
      await new Promise((r) => setTimeout(r, pause));
    }
  }

  private async runBatch(qr: QueryRunner, batch: Task[]): Promise<void> {
    const db = new Db(qr.manager, 'sqlite', this.statements());
    const succeeded: Array<{ task: Task; value: unknown }> = [];
    const unsettled = new Set(batch);
    try {
      for (const task of batch) {
        if (batch.length === 1) {
          succeeded.push({ task, value: await task.fn(db) });
          continue;
        }
        const outcome = await this.inSavepoint(qr, task, db);
        if (outcome.ok) succeeded.push({ task, value: outcome.value });
        else {
          unsettled.delete(task);
          task.reject(outcome.error);
        }
      }
      await qr.commitTransaction();
    } catch (e) {
      await this.abort(qr);
      for (const task of unsettled) task.reject(e);
      return;
    }
    for (const { task, value } of succeeded) task.resolve(value);
  }

  /** Rolls the whole transaction back, savepoints included, whatever depth it failed at. */
  private async abort(qr: QueryRunner): Promise<void> {
    try {
      while (qr.isTransactionActive) await qr.rollbackTransaction();
    } catch {
      await qr.query('ROLLBACK').catch(() => undefined);
      Object.assign(qr, { isTransactionActive: false, transactionDepth: 0 });
    }
  }

  /** One write of a batch in a savepoint; its failure rolls back only its own changes. */
  private async inSavepoint(qr: QueryRunner, task: Task, db: Db): Promise<{ ok: true; value: unknown } | { ok: false; error: unknown }> {
    await qr.startTransaction(); // SAVEPOINT (nested transaction)
    try {
      const value = await task.fn(db);
      await qr.commitTransaction(); // RELEASE
      return { ok: true, value };
    } catch (error) {
      await qr.rollbackTransaction(); // ROLLBACK TO + RELEASE; a failure here fails the batch
      return { ok: false, error };
    }
  }
}
