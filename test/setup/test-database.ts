import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../src/config/app-config';
import { dataSourceOptions } from '../../src/database/data-source.options';

/**
 * Real databases for tests. DB_ENGINE=postgres (set by `npm run test:pg` and .ci/run) gives each
 * test file its own freshly created PostgreSQL database on TEST_PG_URL's server; otherwise each
 * file gets its own SQLite file in a temp directory. Nothing is mocked.
 */
export const TEST_ENGINE: 'sqlite' | 'postgres' = process.env.DB_ENGINE === 'postgres' ? 'postgres' : 'sqlite';
const PG_ADMIN_URL = process.env.TEST_PG_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  config: Pick<AppConfig, 'dbEngine' | 'databaseUrl' | 'dataDir'>;
  drop(): Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), 'scimbridge-test-'));
  if (TEST_ENGINE === 'sqlite') {
    return {
      config: { dbEngine: 'sqlite', dataDir },
      drop: async () => rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  const name = `sb_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    config: { dbEngine: 'postgres', databaseUrl: url.toString(), dataDir },
    drop: async () => {
      const c = new Client({ connectionString: PG_ADMIN_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A migrated DataSource on a fresh test database. */
export async function createMigratedDataSource(): Promise<{ ds: DataSource; db: TestDatabase }> {
  const db = await createTestDatabase();
  const ds = new DataSource(dataSourceOptions(db.config));
  await ds.initialize();
  await ds.runMigrations({ transaction: 'each' });
  return { ds, db };
}
