import { DataSource } from 'typeorm';
import { SCIM_JSON, startTestApp, TestApp } from '../setup/test-app';
import { TEST_ENGINE } from '../setup/test-database';

const CORE_USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const PATCHOP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

// Issue 3 §7: uniqueness by database unique indexes, one transaction per write, no lost updates.
describe(`consistency under concurrency (${TEST_ENGINE})`, () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp()));
  afterAll(() => t.close());

  const postUser = (userName: string) => t.http.post(`${t.base}/Users`).set(t.auth).set('Content-Type', SCIM_JSON)
    .send(JSON.stringify({ schemas: [CORE_USER], userName }));

  it('50 concurrent identical POSTs → exactly one 201 and 49 × 409 uniqueness', async () => {
    const results = await Promise.all(Array.from({ length: 50 }, () => postUser('race@example.com')));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    for (const r of results.filter((x) => x.status === 409)) expect(r.body.scimType).toBe('uniqueness');
  });

  it('case and Unicode-normalisation variants of one userName → one user', async () => {
    const variants = ['José@example.com', 'jose\u0301@example.com'.replace('jose\u0301', 'Jose\u0301'), 'JOSÉ@EXAMPLE.COM', 'josé@example.com'];
    const results = await Promise.all(variants.map((v) => postUser(v)));
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409)).toHaveLength(variants.length - 1);
  });

  it('50 concurrent distinct member adds to one group lose nothing; the same member 50 times → once', async () => {
    const users = await Promise.all(Array.from({ length: 50 }, (_, i) => postUser(`member${i}@example.com`)));
    const ids = users.map((u) => u.body.id as string);
    const group = await t.http.post(`${t.base}/Groups`).set(t.auth).set('Content-Type', SCIM_JSON).send(JSON.stringify({ displayName: 'Race group' }));
    const add = (id: string) => t.http.patch(`${t.base}/Groups/${group.body.id}`).set(t.auth).set('Content-Type', SCIM_JSON)
      .send(JSON.stringify({ schemas: [PATCHOP], Operations: [{ op: 'Add', path: 'members', value: [{ value: id }] }] }));
    expect((await Promise.all(ids.map(add))).map((r) => r.status)).toEqual(ids.map(() => 204));
    expect((await Promise.all(ids.map(() => add(ids[0])))).every((r) => r.status === 204)).toBe(true);
    const ds = t.app.get(DataSource);
    const q = TEST_ENGINE === 'postgres' ? 'SELECT member_id FROM scim_group_member WHERE group_id = $1' : 'SELECT member_id FROM scim_group_member WHERE group_id = ?';
    const rows: Array<{ member_id: string }> = await ds.query(q, [group.body.id]);
    expect(rows.map((r) => r.member_id).sort()).toEqual([...ids].sort());
  });
});
