import { Db, TransactionRunner } from '../database/transaction-runner';

/**
 * Runs several reads against one consistent snapshot, for groups rendered with their members: the
 * group row (its version is the ETag) and every membership row must describe the same state.
 * - SQLite: one scheduler read task; nothing else runs on the shared connection meanwhile.
 * - PostgreSQL: a REPEATABLE READ transaction (TransactionRunner.read opens none, so each
 *   statement would see its own snapshot), in which the members are read through a cursor
 *   (GroupMembersRepository.forEach). The pooled connection is held while the rows are read and
 *   rendered into Buffers, never while the response is written to a slow client.
 * A general `snapshot()` would sit next to TransactionRunner.read()/write(); only groups need it so far.
 */
export function readSnapshot<T>(tx: TransactionRunner, fn: (db: Db) => Promise<T>): Promise<T> {
  if (tx.dialect !== 'postgres') return tx.read(fn);
  return tx.dataSource.transaction('REPEATABLE READ', async (manager) => {
    // The member query of a large group crosses jit_above_cost (≈ 10^5 at 50,000 members): JIT
    // then spends 0.1–1 s of backend CPU compiling a plan that runs in ≈ 0.3 s, gaining nothing.
    await manager.query('SET LOCAL jit = off');
    return fn(new Db(manager, 'postgres'));
  });
}
