import { DataSource } from 'typeorm';
import { appendEvent } from '../../src/audit/audit-chain';
import { Db } from '../../src/database/db';
import { dataSourceOptions } from '../../src/database/data-source.options';
import { MIGRATIONS } from '../../src/database/migrations';
import { dialectOf } from '../../src/database/sql-dialect';
import { createTestDatabase, TEST_ENGINE, TestDatabase } from '../setup/test-database';

// Migration 1765200000000 re-keys audit_event by (tenant_id, seq). A trail written before it must
// come through row for row (the hash chain covers every column), both ways.
describe(`audit_event re-keyed by (tenant_id, seq): existing trails survive (${TEST_ENGINE})`, () => {
  let db: TestDatabase;
  let ds: DataSource;
  const tenants = ['00000000-0000-4000-8000-00000000000a', '00000000-0000-4000-8000-00000000000b'];

  beforeAll(async () => {
    db = await createTestDatabase();
    // Every migration before this one.
    ds = new DataSource({ ...dataSourceOptions(db.config), migrations: MIGRATIONS.slice(0, -1) } as ConstructorParameters<typeof DataSource>[0]);
    await ds.initialize();
    await ds.runMigrations();
  });
  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  const trail = () => ds.query('SELECT * FROM audit_event ORDER BY tenant_id, seq');

  async function append(from: number, n: number): Promise<void> {
    const qr = ds.createQueryRunner();
    await qr.startTransaction();
    const tx = new Db(qr.manager, dialectOf(ds.options.type));
    for (let i = from; i < from + n; i++) {
      const tenant = tenants[i % 2];
      await appendEvent(tx, {
        id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, tenant_id: tenant, occurred_at: new Date(1_700_000_000_000 + i).toISOString(),
        actor_id: 'actor', actor_type: 'token', actor_name: 'migration test', source_ip: '127.0.0.1', request_id: `r${i}`, method: 'PATCH',
        route: '/scim/v2/Users/:id', resource_type: 'User', resource_id: `user-${i % 3}`, action: 'user.updated', outcome: 'success',
        status: 200, scim_type: null, changes: `[{"after":"v${i}","attribute":"displayName","before":null}]`, members: null, quirks: null,
      }, new Date().toISOString());
    }
    await qr.commitTransaction();
    await qr.release();
  }

  it('keeps every event, byte for byte, going up and down again', async () => {
    await append(0, 20);
    const before = await trail();
    expect(before).toHaveLength(20);

    await ds.destroy();
    ds = new DataSource({ ...dataSourceOptions(db.config), migrations: MIGRATIONS } as ConstructorParameters<typeof DataSource>[0]);
    await ds.initialize();
    await ds.runMigrations();
    expect(await trail()).toEqual(before);
    // The new key refuses a second event at the same place in a tenant's chain.
    await expect(ds.query(`INSERT INTO audit_event (${Object.keys(before[0]).join(', ')}) SELECT ${Object.keys(before[0]).join(', ')} FROM audit_event WHERE seq = 1 AND tenant_id = '${tenants[0]}'`))
      .rejects.toThrow();
    await append(20, 4); // the chain continues on the new table
    expect((await trail()).map((r: { seq: number }) => Number(r.seq))).toEqual([...Array(12).keys()].map((i) => i + 1).concat([...Array(12).keys()].map((i) => i + 1)));

    const after = await trail();
    await ds.undoLastMigration();
    expect(await trail()).toEqual(after);
  });
});
