import { createDefaultRegistry, parseFilter } from '@app/scim-core';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source.options';
import { Db } from '../../src/database/db';
import { listRows, type ListParams } from '../../src/database/resource-list.query';
import { GROUP_COLUMNS } from '../../src/groups/groups.repository';
import { USER_COLUMNS } from '../../src/users/users.repository';
import { createTestDatabase, TEST_ENGINE, type TestDatabase } from '../setup/test-database';

// PostgreSQL only: named (prepared) statements are PostgreSQL sessions' state; SQLite prepares
// every statement once per connection anyway (sqlite-statements.ts).
const describePg = TEST_ENGINE === 'postgres' ? describe : describe.skip;

// Hot fixed statements and Entra's lookups go to PostgreSQL as named statements (parsed and planned
// once per connection, docs/BENCHMARKS.md). A prepared statement lives as long as its connection,
// so only a bounded set of texts may be named: never one per filter a client makes up.
describePg('named statements on PostgreSQL: Entra lookups are prepared once, other filters never', () => {
  let db: TestDatabase;
  let ds: DataSource;
  const registry = createDefaultRegistry();
  const tenant = '00000000-0000-4000-8000-0000000000ab';
  const page = (filter: string): ListParams => ({ filter: parseFilter(filter), descending: false, startIndex: 1, count: 100 });

  beforeAll(async () => {
    db = await createTestDatabase();
    const options = dataSourceOptions(db.config) as { extra: Record<string, unknown> };
    // One connection, so that its session's pg_prepared_statements shows every statement named.
    ds = new DataSource({ ...options, extra: { ...options.extra, max: 1 } } as ConstructorParameters<typeof DataSource>[0]);
    await ds.initialize();
    await ds.runMigrations({ transaction: 'each' });
  });
  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  const named = async (): Promise<string[]> =>
    ((await ds.query('SELECT name FROM pg_prepared_statements ORDER BY name')) as Array<{ name: string }>).map((r) => r.name);

  it('prepares one statement per lookup shape, whatever the value, and none for other filters', async () => {
    const pg = new Db(ds.manager, 'postgres');
    const users = { table: 'scim_user', resourceType: 'User', columns: USER_COLUMNS } as const;
    const groups = { table: 'scim_group', resourceType: 'Group', columns: GROUP_COLUMNS } as const;
    expect(await named()).toEqual([]);

    for (const value of ['a@example.com', 'b@example.com', 'C@Example.com']) await listRows(pg, users, tenant, page(`userName eq "${value}"`), registry);
    await listRows(pg, users, tenant, page('externalId eq "e1"'), registry);
    await listRows(pg, users, tenant, page('externalId eq "e2"'), registry);
    await listRows(pg, groups, tenant, page('displayName eq "Sales"'), registry);
    const lookups = (await named()).filter((n) => n.startsWith('scimbridge_lookup_'));
    expect(lookups).toHaveLength(3);

    for (const filter of ['title eq "x"', 'userName sw "a"', 'userName eq "a" or userName eq "b"', 'emails[type eq "work"].value eq "a@x"', 'name.familyName eq "J"']) {
      await listRows(pg, users, tenant, page(filter), registry);
    }
    await listRows(pg, users, tenant, { ...page('userName eq "a"'), sortBy: { attr: 'title' } }, registry);
    expect((await named()).filter((n) => n.startsWith('scimbridge_lookup_'))).toEqual(lookups);
  });

  it('keeps working when a newer replica\'s migration adds a column (the lookups name their columns)', async () => {
    const pg = new Db(ds.manager, 'postgres');
    const users = { table: 'scim_user', resourceType: 'User', columns: USER_COLUMNS } as const;
    await listRows(pg, users, tenant, page('userName eq "before@example.com"'), registry);
    // A prepared `SELECT r.*` would now fail with "cached plan must not change result type".
    await ds.query('ALTER TABLE scim_user ADD COLUMN added_by_a_later_migration integer');
    await expect(listRows(pg, users, tenant, page('userName eq "after@example.com"'), registry)).resolves.toEqual({ rows: [], total: 0 });
  });
});
