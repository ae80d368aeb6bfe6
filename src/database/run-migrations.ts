import type { DataSource } from 'typeorm';

/** Arbitrary, stable key for the PostgreSQL advisory lock that serialises migrations across replicas. */
const MIGRATION_LOCK_KEY = 734_201_911;

/**
 * Runs pending migrations, each in its own transaction. On PostgreSQL several replicas may start
 * at once and TypeORM does not lock (typeorm#4588), so we hold an advisory lock while migrating.
 */
export async function runMigrations(ds: DataSource): Promise<string[]> {
  if (ds.options.type !== 'postgres') {
    return (await ds.runMigrations({ transaction: 'each' })).map((m) => m.name);
  }
  const runner = ds.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    return (await ds.runMigrations({ transaction: 'each' })).map((m) => m.name);
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await runner.release();
  }
}

/** True when every known migration has been applied (used by the readiness probe). */
export async function migrationsCurrent(ds: DataSource): Promise<boolean> {
  return !(await ds.showMigrations());
}
