import { DataSource } from 'typeorm';
import { createMigratedDataSource, TEST_ENGINE, TestDatabase } from '../setup/test-database';

// DESIGN.md §5: migrations are the only source of schema; entities must agree with them exactly.
describe(`migrations and entities agree (${TEST_ENGINE})`, () => {
  let ds: DataSource;
  let db: TestDatabase;
  beforeAll(async () => ({ ds, db } = await createMigratedDataSource()));
  afterAll(async () => {
    await ds.destroy();
    await db.drop();
  });

  it('leaves no pending migration', async () => {
    expect(await ds.showMigrations()).toBe(false);
  });

  it('needs no schema change to match the entities (no drift)', async () => {
    const sql = await ds.driver.createSchemaBuilder().log();
    expect(sql.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('never has synchronize on', () => {
    expect(ds.options.synchronize).toBe(false);
  });
});
