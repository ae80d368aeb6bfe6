import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { dataSourceOptions } from '../database/data-source.options';
import { withStartupLock } from '../database/run-migrations';

/**
 * MIGRATE_ONLY=1 (the Kubernetes migration Job): apply pending migrations under the same
 * PostgreSQL advisory lock the service takes at start-up, then stop. No HTTP server, no first-start
 * bootstrap: the first replica to start creates the default tenant as usual.
 */
export async function runMigrationsOnly(config: AppConfig, log: Logger): Promise<void> {
  const ds = new DataSource(dataSourceOptions(config));
  await ds.initialize();
  try {
    const applied = await withStartupLock(ds, (migrate) => migrate());
    log.info({ applied, engine: config.dbEngine }, applied.length ? 'migrations applied' : 'schema already current');
  } finally {
    await ds.destroy();
  }
}
