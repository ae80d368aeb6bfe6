import Database from 'better-sqlite3';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source.options';
import { MIGRATIONS } from '../../src/database/migrations';
import { createTestDatabase, TestDatabase } from '../setup/test-database';
import { sleep } from '../system/support/http';
import { dbEnv } from '../system/support/spawn-service';
import { DbProbe } from './support/db-probe';
import { recordFigure } from './support/run-dir';
import { ScimClient } from './support/scim-client';
import { Fleet, waitReady } from './support/service';
import { ENGINE, label, SIZE } from './support/tier';

// reliability-plan.md §5.4 K3: SIGKILL during the migrations of a start, then start again: the
// next start completes them, the migrations table has no duplicate, the schema works. Each cycle
// kills twice: (a) at a random moment of a first start on an empty database; (b) deterministically
// inside migration k: the database is brought to schema k-1, every table is locked by another
// connection, the service starts and blocks in migration k's transaction, and is killed there.
const N = MIGRATIONS.length;

async function migrateTo(db: TestDatabase, count: number): Promise<void> {
  const ds = new DataSource({ ...dataSourceOptions(db.config), migrations: MIGRATIONS.slice(0, count) });
  await ds.initialize();
  await ds.runMigrations({ transaction: 'each' });
  await ds.destroy();
}

/** Another connection takes every table (SQLite: BEGIN EXCLUSIVE; PostgreSQL: LOCK … ACCESS EXCLUSIVE, the migrations table EXCLUSIVE). */
async function lockTables(db: TestDatabase, probe: DbProbe): Promise<() => Promise<void>> {
  if (ENGINE === 'sqlite') {
    const conn = new Database(probe.sqliteFile);
    conn.exec('BEGIN EXCLUSIVE');
    return async () => { conn.exec('ROLLBACK'); conn.close(); };
  }
  const client = new Client({ connectionString: db.config.databaseUrl });
  await client.connect();
  const tables = (await client.query("SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'migrations'")).rows.map((r) => `"${r.tablename}"`);
  await client.query('BEGIN');
  await client.query(`LOCK TABLE ${tables.join(', ')} IN ACCESS EXCLUSIVE MODE`);
  // Reads of the migrations table pass, its INSERT waits: a migration that only creates tables
  // still blocks, inside its transaction, when it records itself.
  await client.query('LOCK TABLE migrations IN EXCLUSIVE MODE');
  return async () => { await client.query('ROLLBACK'); await client.end(); };
}

/** Until the service waits on our lock (PostgreSQL), or well into SQLite's 5 s busy wait. */
async function waitBlocked(probe: DbProbe, startupMs: number): Promise<void> {
  if (ENGINE === 'sqlite') {
    await sleep(startupMs + 1_000);
    return;
  }
  for (let i = 0; i < 200; i++) {
    if (await probe.count("SELECT COUNT(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'") > 0) return;
    await sleep(50);
  }
}

describe(label(`K3 kill -9 during migrations, ${SIZE.migrationKillCycles} cycles`), () => {
  const fleet = new Fleet('k3-migrations');
  const dbs: TestDatabase[] = [];
  const freshDb = async () => { const db = await createTestDatabase(); dbs.push(db); return db; };
  afterAll(async () => {
    await fleet.stopAll();
    for (const db of dbs) await db.drop();
  });

  it('the next start completes interrupted migrations; no duplicates; the schema works', async () => {
    const t0 = performance.now();
    await fleet.kill9(await fleet.start(dbEnv((await freshDb()).config)));
    const startupMs = performance.now() - t0;
    const random: Array<number | string> = [];
    const blocked: Array<{ k: number; appliedAfterKill: number }> = [];
    for (let cycle = 0; cycle < SIZE.migrationKillCycles; cycle++) {
      // (a) a random moment of a first start, then (b) on another database.
      const first = await freshDb();
      const raw = await fleet.spawnRaw(dbEnv(first.config));
      await sleep(startupMs * (0.2 + Math.random() * 0.9));
      raw.proc.kill('SIGKILL');
      await raw.exited;
      random.push(await new DbProbe(first).count('SELECT COUNT(*) AS n FROM migrations').catch(() => 'no table'));
      const rerun = await fleet.start(dbEnv(first.config));
      expect(await waitReady(rerun.origin)).toBeLessThan(Infinity);
      await fleet.kill9(rerun);
      // (b) inside migration k (k ≥ 2: migration 1 creates the tables there would be to lock).
      const db = await freshDb();
      const probe = new DbProbe(db);
      const k = 2 + (cycle % (N - 1));
      await migrateTo(db, k - 1);
      const release = await lockTables(db, probe);
      const stuck = await fleet.spawnRaw(dbEnv(db.config));
      await waitBlocked(probe, startupMs);
      stuck.proc.kill('SIGKILL');
      await stuck.exited;
      await release();
      blocked.push({ k, appliedAfterKill: await probe.count('SELECT COUNT(*) AS n FROM migrations') });
      expect(blocked.at(-1)!.appliedAfterKill).toBe(k - 1);

      const svc = await fleet.start(dbEnv(db.config));
      expect(await waitReady(svc.origin)).toBeLessThan(Infinity);
      expect(await probe.query('SELECT name FROM migrations GROUP BY name HAVING COUNT(*) > 1')).toEqual([]);
      expect(await probe.count('SELECT COUNT(*) AS n FROM migrations')).toBe(N);
      expect(await probe.count('SELECT COUNT(*) AS n FROM tenant WHERE is_operator = 1')).toBe(1);
      if (ENGINE === 'sqlite') expect(probe.sqliteIntegrity()).toEqual({ integrity: 'ok', foreignKeyProblems: 0 });
      expect(svc.token).toBeDefined(); // the interrupted starts never got to the bootstrap
      const c = ScimClient.fromTenantUrl(svc.tenantUrl!, svc.token!);
      const user = await c.createUser(`k3.${cycle}@example.com`, { emails: [{ value: `k3.${cycle}@example.com`, type: 'work' }] });
      const group = await c.createGroup(`K3 ${cycle}`, [user.json.id]);
      const found = await c.send('GET', `/Users?filter=${encodeURIComponent(`emails[type eq "work"].value eq "k3.${cycle}@example.com"`)}`);
      expect([user.status, group.status, found.json.totalResults]).toEqual([201, 201, 1]);
      c.close();
      await fleet.kill9(svc);
    }
    recordFigure('K3 kill -9 during migrations', { engine: ENGINE, cycles: SIZE.migrationKillCycles, startupMs: Math.round(startupMs), migrations: N,
      appliedAtRandomKill: random, killedInside: blocked });
  });
});
