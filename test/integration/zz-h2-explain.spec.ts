import { parseFilter } from '@app/scim-core';
import { buildSeed, TENANT_A } from '../factories/scim-seed';
import { addFixtures } from '../factories/scim-seed.fixtures';
import { insertSeed } from '../factories/seed-database';
import { createTestRegistry } from '../factories/test-extension.schema';
import { createMigratedDataSource } from '../setup/test-database';
import { compileFilter } from '../../src/database/filter-sql/compile-filter';
import { dialectOf, toDialect } from '../../src/database/sql-dialect';

it('explains', async () => {
  const { ds, db } = await createMigratedDataSource();
  const registry = createTestRegistry();
  await insertSeed(ds, addFixtures(buildSeed()), registry);
  const dialect = dialectOf(ds.options.type);
  if (process.env.ANALYZE) await ds.query(dialect === 'postgres' ? 'ANALYZE' : 'ANALYZE');
  const qr = ds.createQueryRunner();
  if (dialect === 'postgres') { await qr.query('SET statement_timeout = 0'); if (process.env.NOJIT) await qr.query('SET jit = off'); }
  for (const text of (process.env.FILTERS ?? 'phoneNumbers pr').split('|')) {
    const f = compileFilter(parseFilter(text), { registry, resourceType: 'User', alias: 'r', dialect, tenantParam: process.env.NOBIND ? undefined : TENANT_A });
    const sql = `SELECT r.id FROM scim_user r WHERE r.tenant_id = ? AND (${f.sql})`;
    const t0 = Date.now();
    const plan = await qr.query((dialect === 'postgres' ? (process.env.NOEXEC ? 'EXPLAIN ' : 'EXPLAIN ANALYZE ') : 'EXPLAIN QUERY PLAN ') + toDialect(sql, dialect), [TENANT_A, ...f.params]);
    console.log(Date.now() - t0, 'ms', text.slice(0, 100) + '\n' + plan.map((r: any) => r['QUERY PLAN'] ?? r.detail).join('\n'));
  }
  await qr.release();
  await ds.destroy();
  await db.drop();
});
