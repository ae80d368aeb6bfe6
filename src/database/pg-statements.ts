import type { Pool, PoolClient, QueryResult } from 'pg';
import { EntityManager, QueryFailedError } from 'typeorm';

/**
 * Runs SQL on node-postgres directly: on the transaction's client when the manager has one (the
 * query runner TypeORM opened for TransactionRunner.write), else on the pool (Pool.query checks a
 * client out and back in). TypeORM's PostgresQueryRunner.query does the same call wrapped in a
 * logger call, before/after broadcasts and a result re-shaping, ≈ 20–40 µs of CPU per statement
 * and several promise hops (docs/BENCHMARKS.md). Transactions, pool settings (statement and query
 * timeouts) and error shapes stay TypeORM's: errors are wrapped in QueryFailedError exactly as its
 * runner does, so error classification (database-errors.ts) is unchanged. Undefined when there is
 * no connected client or pool yet (the caller then goes through TypeORM).
 */
export function pgTarget(manager: EntityManager): Pick<PoolClient, 'query'> | undefined {
  const runner = manager.queryRunner as unknown as { databaseConnection?: PoolClient; isReleased?: boolean } | undefined;
  if (runner) return runner.isReleased ? undefined : runner.databaseConnection;
  return (manager.connection.driver as unknown as { master?: Pool }).master;
}

/** `name`: a named prepared statement (node-postgres parses it once per connection). */
export async function pgQuery(target: Pick<PoolClient, 'query'>, sql: string, params: unknown[], name?: string): Promise<QueryResult> {
  try {
    return await (name ? target.query({ name, text: sql, values: params }) : target.query(sql, params));
  } catch (err) {
    throw new QueryFailedError(sql, params, err as Error);
  }
}
