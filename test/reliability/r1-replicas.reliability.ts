import { createTestDatabase, TestDatabase } from '../setup/test-database';
import { HttpResult } from '../system/support/http';
import { dbEnv } from '../system/support/spawn-service';
import { DbProbe } from './support/db-probe';
import { recordFigure } from './support/run-dir';
import { ScimClient } from './support/scim-client';
import { Fleet, RunningService } from './support/service';
import { ENGINE, label, SIZE } from './support/tier';

// Issue 8 "Two replicas": two processes of the built service on one PostgreSQL database, requests
// of one tenant alternating between them. Uniqueness, membership and the audit chain must hold as
// they do for one process. (SQLite is one process by design: reliability-plan.md §0.11.)
const describePg = ENGINE === 'postgres' ? describe : describe.skip;
const count = (rs: HttpResult[], status: number) => rs.filter((r) => r.status === status).length;

describePg(label('two replicas against one PostgreSQL'), () => {
  const fleet = new Fleet('r-replicas');
  let db: TestDatabase;
  let probe: DbProbe;
  let replicas: RunningService[];
  let t: ScimClient[];
  let writes = 0;
  /** The i-th request goes to replica i % 2; mutating SCIM requests are counted for the audit check. */
  const on = (i: number) => t[i % 2];
  const write = <T>(p: Promise<T>) => (writes++, p);

  beforeAll(async () => {
    db = await createTestDatabase();
    probe = new DbProbe(db);
    // Both start at once on the empty database: migrations and first-start bootstrap run once (advisory lock).
    replicas = await Promise.all([fleet.start(dbEnv(db.config)), fleet.start(dbEnv(db.config))]);
    const first = replicas.find((r) => r.token)!;
    const admin = ScimClient.fromTenantUrl(first.tenantUrl!, first.token!);
    const tenant = await admin.createTenant('Replicated tenant');
    admin.close();
    t = replicas.map((r) => new ScimClient(r.origin, tenant.tenantId, tenant.token, 60));
  });
  afterAll(async () => {
    t?.forEach((c) => c.close());
    await fleet.stopAll();
    await db?.drop();
  });

  it('started together: one bootstrap tenant, each migration applied once, both ready', async () => {
    expect(replicas.filter((r) => r.token).length).toBe(1);
    expect(await probe.count('SELECT COUNT(*) AS n FROM tenant WHERE is_operator = 1')).toBe(1);
    expect(await probe.query('SELECT name FROM migrations GROUP BY name HAVING COUNT(*) > 1')).toEqual([]);
  });

  it(`${SIZE.replicaRounds} rounds: 50 identical POSTs and 50 case/NFD variants over both replicas → one user each`, async () => {
    for (let round = 0; round < SIZE.replicaRounds; round++) {
      const same = await Promise.all(Array.from({ length: 50 }, (_, i) => write(on(i).createUser(`rep.r${round}@example.com`))));
      expect([count(same, 201), count(same, 409)]).toEqual([1, 49]);
      const nfc = `Zoë.Ørsted${round}@example.com`.normalize('NFC');
      const variants = [nfc, nfc.normalize('NFD'), nfc.toUpperCase(), nfc.toLowerCase().normalize('NFD')];
      const vs = await Promise.all(Array.from({ length: 50 }, (_, i) => write(on(i).createUser(variants[i % 4]))));
      expect([count(vs, 201), count(vs, 409)]).toEqual([1, 49]);
    }
  });

  it(`${SIZE.replicaRounds} rounds: 50 distinct member adds and 50 same-member adds over both → 50 and 1`, async () => {
    for (let round = 0; round < SIZE.replicaRounds; round++) {
      const users = await Promise.all(Array.from({ length: 50 }, (_, i) => write(on(i).createUser(`rep.m${round}.${i}@example.com`))));
      const ids = users.map((u) => u.json.id as string);
      const group = await write(t[0].createGroup(`Replicated group ${round}`));
      const adds = await Promise.all(ids.map((id, i) => write(on(i).patch('Groups', group.json.id, [{ op: 'add', path: 'members', value: [{ value: id }] }]))));
      expect(adds.every((r) => r.status === 204)).toBe(true);
      const again = await Promise.all(ids.map((_, i) => write(on(i).patch('Groups', group.json.id, [{ op: 'add', path: 'members', value: [{ value: ids[0] }] }]))));
      expect(again.every((r) => r.status === 204)).toBe(true);
      expect(await probe.count('SELECT COUNT(*) AS n FROM scim_group_member WHERE group_id = ?', [group.json.id])).toBe(50);
      const v = await t[1].send('GET', `/Groups/${group.json.id}`);
      const race = await Promise.all(Array.from({ length: 20 }, (_, i) => write(on(i).patch('Groups', group.json.id, [{ op: 'replace', path: 'displayName', value: `R${round}.${i}` }], { 'If-Match': v.json.meta.version }))));
      expect([count(race, 204), count(race, 412)]).toEqual([1, 19]);
      const del = await Promise.all(ids.slice(0, 10).flatMap((id, i) => [write(on(i).send('DELETE', `/Users/${id}`)),
        write(on(i + 1).patch('Groups', group.json.id, [{ op: 'add', path: 'members', value: [{ value: id }] }]))]));
      expect(del.filter((r) => r.status >= 500)).toEqual([]);
      expect(await probe.dangling()).toBe(0);
    }
  });

  it('the audit chain verifies on both replicas and holds exactly one event per mutating request', async () => {
    for (const c of t) {
      const res = await c.send('GET', '/api/v1/audit/verify');
      expect([res.status, res.json.ok, res.json.checked]).toEqual([200, true, writes]);
    }
    recordFigure('Two replicas', { engine: ENGINE, rounds: SIZE.replicaRounds, mutatingRequests: writes });
    expect(replicas.every((r) => r.proc.exitCode === null)).toBe(true);
  });
});
