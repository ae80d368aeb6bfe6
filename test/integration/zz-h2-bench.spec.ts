import { createDefaultRegistry, parseFilter, URN } from '@app/scim-core';
import { insertAttributeRowsSql } from '../../src/database/attribute-index/attribute-row';
import { flattenResource } from '../../src/database/attribute-index/flatten-resource';
import { compileFilter } from '../../src/database/filter-sql/compile-filter';
import { dialectOf, toDialect } from '../../src/database/sql-dialect';
import { createMigratedDataSource } from '../setup/test-database';

const N = Number(process.env.BIG ?? 100000);
it('scales', async () => {
  const { ds, db } = await createMigratedDataSource();
  const registry = createDefaultRegistry();
  const dialect = dialectOf(ds.options.type);
  const id = (t: string, i: number) => `${t}${String(i).padStart(8, '0')}-0000-4000-a000-000000000000`.slice(0, 36);
  const t0 = Date.now();
  for (const [tenant, n] of [['small', 1000], ['big', N]] as const) {
    const tid = `${tenant}-tenant`;
    for (let start = 0; start < n; start += 500) {
      await ds.transaction(async (m) => {
        const users: unknown[] = []; const rows: { sql: string; params: unknown[] }[] = [];
        for (let i = start; i < Math.min(n, start + 500); i++) {
          const uid = id(tenant === 'small' ? 'aaaa' : 'bbbb', i);
          const r = { userName: `user${i}@x.test`, name: { givenName: `G${i % 100}`, familyName: `F${i % 1000}` }, title: ['Engineer', 'Manager', 'CEO'][i % 3],
            emails: [{ value: `user${i}@work.test`, type: 'work', primary: true }, { value: `user${i}@home.test`, type: 'home' }],
            [URN.ENTERPRISE_USER]: { department: `D${i % 50}`, manager: { value: id(tenant === 'small' ? 'aaaa' : 'bbbb', Math.floor(i / 10)) } } };
          users.push(uid, tid, r.userName, r.userName, `ext${i}`, 1, 1, new Date(1.6e12 + i * 1000).toISOString(), new Date(1.6e12).toISOString(), JSON.stringify(r));
          rows.push(...insertAttributeRowsSql(flattenResource(r, { registry, resourceType: 'User' }), { tenantId: tid, resourceType: 'User', resourceId: uid }));
        }
        const marks = Array.from({ length: users.length / 10 }, () => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ');
        await m.query(toDialect(`INSERT INTO scim_user (id, tenant_id, user_name, user_name_ci, external_id, active, version, created_at, updated_at, doc) VALUES ${marks}`, dialect), users);
        // merge row inserts
        const params = rows.flatMap((r) => r.params);
        for (let k = 0; k < params.length; k += 8 * 2000) {
          const chunk = params.slice(k, k + 8 * 2000);
          const vm = Array.from({ length: chunk.length / 8 }, () => '(?, ?, ?, ?, ?, ?, ?, ?)').join(', ');
          await m.query(toDialect(`INSERT INTO scim_attribute_value (resource_id, path, elem, tenant_id, resource_type, value_str, value_ci, value_num) VALUES ${vm}`, dialect), chunk);
        }
      });
    }
  }
  if (!process.env.NOANALYZE) await ds.query('ANALYZE');
  console.log('seeded in', Date.now() - t0, 'ms');
  const qr = ds.createQueryRunner();
  if (dialect === 'postgres') await qr.query('SET jit = off');
  for (const [tenant, prefix, n] of [['small', 'aaaa', 1000], ['big', 'bbbb', N]] as const) {
    const tid = `${tenant}-tenant`; const k = Math.floor(n / 2);
    const filters = [`userName eq "USER${k}@x.test"`, `externalId eq "ext${k}"`, `emails[type eq "work"].value eq "user${k}@work.test"`,
      `id eq "${id(prefix, k)}" and manager eq "${id(prefix, Math.floor(k / 10))}"`, `emails.value eq "user${k}@home.test"`, `title eq "CEO" and name.givenName eq "G7"`];
    const out: string[] = [];
    for (const text of filters) {
      for (const bind of [true, false]) {
        const f = compileFilter(parseFilter(text), { registry, resourceType: 'User', alias: 'r', dialect, tenantParam: bind ? tid : undefined });
        const from = `FROM scim_user r WHERE r.tenant_id = ? AND (${f.sql})`;
        const times: number[] = [];
        let cnt = 0;
        for (let rep = 0; rep < 7; rep++) {
          const s = process.hrtime.bigint();
          const c = await qr.query(toDialect(`SELECT count(*) AS n ${from}`, dialect), [tid, ...f.params]);
          await qr.query(toDialect(`SELECT r.* ${from} ORDER BY r.created_at, r.id LIMIT 100`, dialect), [tid, ...f.params]);
          times.push(Number(process.hrtime.bigint() - s) / 1e6); cnt = Number(c[0].n);
        }
        times.sort((a, b) => a - b);
        out.push(`${tenant} bind=${bind} n=${cnt} median=${times[3].toFixed(2)}ms :: ${text.slice(0, 60)}`);
      }
    }
    console.log(out.join('\n'));
  }
  await qr.release();
  await ds.destroy();
  await db.drop();
});
