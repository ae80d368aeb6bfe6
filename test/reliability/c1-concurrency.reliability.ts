import { createTestDatabase, TestDatabase } from '../setup/test-database';
import { HttpResult } from '../system/support/http';
import { dbEnv } from '../system/support/spawn-service';
import { DbProbe } from './support/db-probe';
import { recordFigure } from './support/run-dir';
import { ScimClient } from './support/scim-client';
import { Fleet, RunningService } from './support/service';
import { ENGINE, label, SIZE } from './support/tier';

// reliability-plan.md §5.3 C1–C6 against the built service, checked over HTTP and in the database.
const count = (rs: HttpResult[], status: number) => rs.filter((r) => r.status === status).length;
const burst = <T>(n: number, fn: (i: number) => Promise<T>) => Promise.all(Array.from({ length: n }, (_, i) => fn(i)));
const versionOf = (r: HttpResult) => Number(/\d+/.exec(r.json?.meta?.version ?? '')?.[0]);

describe(label('C1–C6 concurrency'), () => {
  const fleet = new Fleet('c-concurrency');
  let db: TestDatabase;
  let probe: DbProbe;
  let svc: RunningService;
  let c: ScimClient;
  const all5xx: HttpResult[] = [];
  const watch = (rs: HttpResult[]) => (all5xx.push(...rs.filter((r) => r.status >= 500)), rs);

  beforeAll(async () => {
    db = await createTestDatabase();
    probe = new DbProbe(db);
    svc = await fleet.start(dbEnv(db.config));
    c = ScimClient.fromTenantUrl(svc.tenantUrl!, svc.token!, 60);
  });
  afterAll(async () => {
    c?.close();
    await fleet.stopAll();
    await db?.drop();
  });
  afterEach(() => {
    expect(all5xx.map((r) => r.text.slice(0, 200))).toEqual([]);
    expect(svc.proc.exitCode).toBeNull();
  });

  it(`C1: ${SIZE.c1Rounds} rounds of 50 identical POSTs → exactly one 201, 49 × 409 uniqueness, one row`, async () => {
    for (let round = 0; round < SIZE.c1Rounds; round++) {
      const name = `c1.round${round}@example.com`;
      const rs = watch(await burst(50, () => c.createUser(name)));
      expect([count(rs, 201), count(rs, 409)]).toEqual([1, 49]);
      expect(rs.filter((r) => r.status === 409).every((r) => r.json.scimType === 'uniqueness')).toBe(true);
      expect(await probe.count('SELECT COUNT(*) AS n FROM scim_user WHERE user_name_ci = ?', [name])).toBe(1);
    }
  });

  it(`C1b: case and NFC/NFD variants of one userName, ${SIZE.c1Rounds} rounds of 50 → one user`, async () => {
    for (let round = 0; round < SIZE.c1Rounds; round++) {
      const nfc = `José.Ünal${round}@Example.com`.normalize('NFC');
      const variants = [nfc, nfc.normalize('NFD'), nfc.toUpperCase(), nfc.toUpperCase().normalize('NFD'), nfc.toLowerCase(), nfc.toLowerCase().normalize('NFD')];
      const rs = watch(await burst(50, (i) => c.createUser(variants[i % variants.length])));
      expect([count(rs, 201), count(rs, 409)]).toEqual([1, 49]);
      expect(await probe.count('SELECT COUNT(*) AS n FROM scim_user WHERE user_name_ci = ?', [nfc.toLowerCase()])).toBe(1);
    }
  });

  it(`C2/C3: ${SIZE.c2Rounds} rounds — 50 concurrent distinct member adds → 50 members; the same member 50 times → once`, async () => {
    for (let round = 0; round < SIZE.c2Rounds; round++) {
      const users = watch(await burst(50, (i) => c.createUser(`c2.r${round}.m${i}@example.com`)));
      const ids = users.map((u) => u.json.id as string);
      const group = await c.createGroup(`C2 group ${round}`);
      const add = (id: string) => c.patch('Groups', group.json.id, [{ op: 'Add', path: 'members', value: [{ value: id }] }]);
      expect(watch(await Promise.all(ids.map(add))).map((r) => r.status)).toEqual(ids.map(() => 204));
      const got = await c.send('GET', `/Groups/${group.json.id}`);
      expect(got.json.members.map((m: { value: string }) => m.value).sort()).toEqual([...ids].sort());
      const same = await c.createGroup(`C3 group ${round}`);
      const rs = watch(await burst(50, () => c.patch('Groups', same.json.id, [{ op: 'add', path: 'members', value: [{ value: ids[0] }] }])));
      expect(rs.every((r) => r.status === 204)).toBe(true);
      expect(await probe.count('SELECT COUNT(*) AS n FROM scim_group_member WHERE group_id = ?', [same.json.id])).toBe(1);
      expect(await probe.count('SELECT COUNT(*) AS n FROM scim_group_member WHERE group_id = ?', [group.json.id])).toBe(50);
    }
  });

  it(`C4: ${SIZE.c4Rounds} rounds of 20 concurrent PATCHes with the same If-Match → one 200, nineteen 412, version + 1`, async () => {
    const user = await c.createUser('c4.target@example.com');
    for (let round = 0; round < SIZE.c4Rounds; round++) {
      const before = await c.send('GET', `/Users/${user.json.id}`);
      const rs = watch(await burst(20, (i) => c.patch('Users', user.json.id, [{ op: 'replace', path: 'title', value: `r${round}.${i}` }], { 'If-Match': before.json.meta.version })));
      expect([count(rs, 200), count(rs, 412)]).toEqual([1, 19]);
      const after = await c.send('GET', `/Users/${user.json.id}`);
      expect(versionOf(after)).toBe(versionOf(before) + 1);
      expect(after.json.title).toBe(rs.find((r) => r.status === 200)!.json.title);
    }
    const stale = 'W/"1"';
    expect((await c.send('PUT', `/Users/${user.json.id}`, { userName: 'c4.target@example.com' }, { 'If-Match': stale })).status).toBe(412);
    expect((await c.send('DELETE', `/Users/${user.json.id}`, undefined, { 'If-Match': stale })).status).toBe(412);
    expect((await c.send('GET', `/Users/${user.json.id}`)).status).toBe(200);
  });

  it(`C5: ${SIZE.c5Iterations} user DELETEs racing a group add of that user → no dangling membership`, async () => {
    const group = await c.createGroup('C5 group');
    const deleted: string[] = [];
    const statuses: Record<string, number> = {};
    for (let start = 0; start < SIZE.c5Iterations; start += 10) {
      const users = await burst(Math.min(10, SIZE.c5Iterations - start), (i) => c.createUser(`c5.${start + i}@example.com`));
      // Every other user is already a member: its DELETE must also update the group the PATCH holds (no deadlock).
      await c.patch('Groups', group.json.id, [{ op: 'add', path: 'members', value: users.filter((_, i) => i % 2 === 0).map((u) => ({ value: u.json.id })) }]);
      const pairs = await Promise.all(users.map(async (u) => {
        const id = u.json.id as string;
        deleted.push(id);
        return Promise.all([c.patch('Groups', group.json.id, [{ op: 'add', path: 'members', value: [{ value: id }] }]), c.send('DELETE', `/Users/${id}`)]);
      }));
      for (const [add, del] of pairs) {
        watch([add, del]);
        statuses[`${add.status}/${del.status}`] = (statuses[`${add.status}/${del.status}`] ?? 0) + 1;
        expect([200, 204, 400, 404]).toContain(add.status);
        expect(del.status).toBe(204);
      }
    }
    const members = ((await c.send('GET', `/Groups/${group.json.id}`)).json.members ?? []).map((m: { value: string }) => m.value);
    recordFigure('C5', { engine: ENGINE, iterations: SIZE.c5Iterations, statuses });
    expect(members.filter((m: string) => deleted.includes(m))).toEqual([]);
    expect(await probe.dangling()).toBe(0);
  });

  it('C6: three tenants create the same 50 userNames at once → each gets its own 50 × 201', async () => {
    const tenants = await Promise.all(['C6 one', 'C6 two', 'C6 three'].map((n) => c.createTenant(n)));
    const rs = await Promise.all(tenants.map((t) => burst(50, (i) => t.createUser(`c6.shared${i}@example.com`))));
    rs.forEach(watch);
    expect(rs.map((r) => count(r, 201))).toEqual([50, 50, 50]);
    for (const t of tenants) {
      expect(await probe.count('SELECT COUNT(*) AS n FROM scim_user WHERE tenant_id = ?', [t.tenantId])).toBe(50);
      t.close();
    }
  });
});
