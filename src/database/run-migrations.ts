import type { DataSource } from 'typeorm';

/** Arbitrary, stable key for the PostgreSQL advisory lock that serialises start-up across replicas. */
const STARTUP_LOCK_KEY = 734_201_911;

async function migrate(ds: DataSource): Promise<string[]> {
  return (await ds.runMigrations({ transaction: 'each' })).map((m) => m.name);
}

/**
 * Runs start-up work (migrations, first-start bootstrap) once across replicas. TypeORM does not
 * lock migrations (typeorm#4588), so on PostgreSQL we hold an advisory lock; SQLite has one
 * writer process by design (reliability-plan.md §0.11).
 */
export async function withStartupLock<T>(ds: DataSource, fn: (runMigrations: () => Promise<string[]>) => Promise<T>): Promise<T> {
  if (ds.options.type !== 'postgres') return fn(() => migrate(ds));
  const runner = ds.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [STARTUP_LOCK_KEY]);
    return await fn(() => migrate(ds));
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [STARTUP_LOCK_KEY]).catch(() => undefined);
    await runner.release();
  }
}

/** True when every known migration has been applied (used by the readiness probe). */
export async function migrationsCurrent(ds: DataSource): Promise<boolean> {
  return !(await ds.showMigrations());
}
