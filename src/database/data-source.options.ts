import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

/** SQLite pragmas (reliability-plan.md §6): WAL, full sync, a busy timeout, foreign keys. */
function prepareSqlite(db: { pragma(sql: string): unknown }): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  // Checkpoint every 4,000 WAL pages (16 MB) instead of 1,000: a checkpoint runs inside the commit
  // that crosses the mark and copies every page changed since the last one, so the pages every
  // write touches (the tail of the audit trail and its indexes, the chain head, hot index leaves)
  // are copied a quarter as often (docs/BENCHMARKS.md, "Audit cost").
  db.pragma('wal_autocheckpoint = 4000');
  // Keep planner statistics current: without them value-path filters scan the tenant instead of
  // using the attribute index (0.1 ms vs 30 ms at 100k users). 0x10002 = analyse on open if needed.
  db.pragma('optimize = 0x10002');
}

export function sqliteFile(config: Pick<AppConfig, 'dataDir'>): string {
  return join(config.dataDir, 'scimbridge.sqlite');
}

/**
 * One place that turns configuration into TypeORM options. `synchronize` is hard-wired off:
 * the schema only ever changes through migrations (DESIGN.md §5).
 */
export function dataSourceOptions(config: Pick<AppConfig, 'dbEngine' | 'databaseUrl' | 'dataDir'>): DataSourceOptions {
  const common = { entities: ENTITIES, migrations: MIGRATIONS, synchronize: false, migrationsRun: false, logging: false } as const;
  if (config.dbEngine === 'postgres') {
    return {
      ...common,
      type: 'postgres',
      url: config.databaseUrl,
      // Fail fast instead of hanging when PostgreSQL is down or stuck (reliability-plan.md §0.10).
      extra: {
        max: 10,
        connectionTimeoutMillis: 2000,
        statement_timeout: 10000,
        // A hung (not down) server cannot enforce statement_timeout: the client gives up 1 s later,
        // so no request waits on the database longer than that (reliability-plan.md §5.4 O2).
        query_timeout: 11000,
        keepAlive: true,
        idle_in_transaction_session_timeout: 30000,
        // JIT compiles the plans of long filters (200 terms) for seconds; our queries are short
        // and indexed, so it only ever costs (measured: 15.5 s vs 0.3 s for a 200-term filter).
        options: '-c jit=off',
      },
    };
  }
  mkdirSync(config.dataDir, { recursive: true });
  return { ...common, type: 'better-sqlite3', database: sqliteFile(config), prepareDatabase: prepareSqlite };
}
