import { randomUUID } from 'node:crypto';
import { createTestDatabase, TestDatabase } from '../setup/test-database';
import { HttpResult } from '../system/support/http';
import { dbEnv } from '../system/support/spawn-service';
import { DbProbe } from './support/db-probe';
import { recordFigure } from './support/run-dir';
import { CORE_GROUP, CORE_USER, PATCHOP, pool, ScimClient, SEARCH } from './support/scim-client';
import { Fleet, RunningService } from './support/service';
import { ENGINE, label, SIZE } from './support/tier';

// reliability-plan.md §5.5 T1 against the built service: with tenant A's credentials every route
// and verb on tenant B's ids answers exactly what a never-existing id gets (status, content type,
// body bytes); filters find nothing of B; B's ids are refused as members and never stored; B's
// resources and audit chain are untouched afterwards.
describe(label('T1 cross-tenant matrix'), () => {
  const fleet = new Fleet('t1-tenancy');
  let db: TestDatabase;
  let probe: DbProbe;
  let svc: RunningService;
  let a: ScimClient;
  let aAdmin: ScimClient;
  let b: ScimClient;
  const bUsers: Array<{ id: string; userName: string; externalId: string; version: string }> = [];
  const bGroups: Array<{ id: string; displayName: string; version: string }> = [];
  let bTokenId: string;
  let bChainBefore: number;

  beforeAll(async () => {
    db = await createTestDatabase();
    probe = new DbProbe(db);
    svc = await fleet.start(dbEnv(db.config));
    const operator = ScimClient.fromTenantUrl(svc.tenantUrl!, svc.token!);
    a = await operator.createTenant('Tenant A');
    aAdmin = new ScimClient(svc.origin, a.tenantId, (await operator.issueToken(a.tenantId, ['admin'])).secret);
    b = await operator.createTenant('Tenant B');
    bTokenId = (await operator.issueToken(b.tenantId, ['scim:read'])).id;
    operator.close();
    await pool(Array.from({ length: SIZE.crossUsers }, (_, i) => i), 4, async (i) => {
      const userName = `b.user${i}@example.com`;
      const res = await b.createUser(userName, { externalId: `ext-b-${i}`, displayName: `B ${i}` });
      bUsers[i] = { id: res.json.id, userName, externalId: `ext-b-${i}`, version: res.json.meta.version };
    });
    for (let i = 0; i < SIZE.crossGroups; i++) {
      const res = await b.createGroup(`B group ${i}`, [bUsers[i].id]);
      bGroups.push({ id: res.json.id, displayName: `B group ${i}`, version: res.json.meta.version });
    }
    bChainBefore = (await b.send('GET', '/api/v1/audit/verify')).json.checked;
  });
  afterAll(async () => {
    [a, aAdmin, b].forEach((c) => c?.close());
    await fleet.stopAll();
    await db?.drop();
  });

  /** What the caller can observe, with the probed id replaced (some bodies echo the id of the path). */
  const shape = (r: HttpResult, id: string) => ({ status: r.status, type: r.headers['content-type'], body: r.text.split(id).join('<id>') });

  /** Every route and verb that takes a resource or tenant id, as (id) => request. */
  function probes(): Array<[string, (id: string) => Promise<HttpResult>]> {
    // Audit history first: A's own refused attempts on an id (the probes below) join A's history of it.
    const out: Array<[string, (id: string) => Promise<HttpResult>]> = (['Users', 'Groups'] as const)
      .map((type) => [`GET audit history ${type}`, (id: string) => a.send('GET', `/api/v1/audit/resources/${type}/${id}/history`)]);
    const bodies = { Users: { schemas: [CORE_USER], userName: 'hijack@example.com' }, Groups: { schemas: [CORE_GROUP], displayName: 'hijack' } };
    const patch = { schemas: [PATCHOP], Operations: [{ op: 'replace', path: 'displayName', value: 'hijacked' }] };
    for (const type of ['Users', 'Groups'] as const) {
      for (const prefix of [a.base, '/scim/v2']) {
        out.push([`GET ${prefix}/${type}`, (id) => a.send('GET', `${prefix}/${type}/${id}`)]);
        out.push([`GET ${prefix}/${type}?attributes`, (id) => a.send('GET', `${prefix}/${type}/${id}?attributes=id&excludedAttributes=members`)]);
        out.push([`PUT ${prefix}/${type}`, (id) => a.send('PUT', `${prefix}/${type}/${id}`, bodies[type])]);
        out.push([`PATCH ${prefix}/${type}`, (id) => a.send('PATCH', `${prefix}/${type}/${id}`, patch)]);
        out.push([`DELETE ${prefix}/${type}`, (id) => a.send('DELETE', `${prefix}/${type}/${id}`)]);
        out.push([`DELETE ${prefix}/${type} If-Match`, (id) => a.send('DELETE', `${prefix}/${type}/${id}`, undefined, { 'If-Match': 'W/"1"' })]);
      }
    }
    return out;
  }

  it('every route and verb on every B id → byte-identical to a never-existing id', async () => {
    let requests = 0;
    for (const [what, call] of probes()) {
      const never = randomUUID();
      const reference = shape(await call(never), never);
      expect([what, reference.status]).toEqual([what, what.startsWith('GET audit') ? 200 : 404]);
      const ids = what.includes('Users') ? bUsers.map((u) => u.id) : bGroups.map((g) => g.id);
      const got = await pool(ids, 4, async (id) => shape(await call(id), id));
      requests += ids.length + 1;
      for (const g of got) expect([what, g]).toEqual([what, reference]);
    }
    recordFigure('T1 cross-tenant matrix', { engine: ENGINE, bUsers: SIZE.crossUsers, bGroups: SIZE.crossGroups, requests });
  });

  it("A's admin token on B's tenant, tokens and clients → the unknown-tenant 404; A's token on B's Tenant URL → the uniform 401", async () => {
    const admin: Array<[string, string, unknown?]> = [['GET', ''], ['PATCH', '', { name: 'taken' }], ['GET', '/tokens'], ['POST', '/tokens', { name: 'x' }],
      ['DELETE', `/tokens/${bTokenId}`], ['GET', '/clients'], ['POST', '/clients', { name: 'x' }], ['DELETE', `/clients/${randomUUID()}`]];
    for (const [method, rest, body] of admin) {
      const never = randomUUID();
      const json: Record<string, string> = body === undefined ? {} : { 'Content-Type': 'application/json' };
      const reference = shape(await aAdmin.send(method, `/api/v1/tenants/${never}${rest}`, body, json), never);
      const got = shape(await aAdmin.send(method, `/api/v1/tenants/${b.tenantId}${rest}`, body, json), b.tenantId);
      expect([method, rest, got]).toEqual([method, rest, reference]);
      expect([method, rest, reference.status, reference.body]).toEqual([method, rest, 404, reference.body]);
    }
    for (const path of [`/scim/v2/${b.tenantId}/Users`, `/scim/v2/${b.tenantId}/Users/${bUsers[0].id}`, `/scim/v2/${b.tenantId}/Groups/${bGroups[0].id}`]) {
      const r = await a.send('GET', path);
      expect([r.status, r.headers['www-authenticate'], r.json.detail]).toEqual([401, 'Bearer realm="scim"', 'Authentication required']);
    }
  });

  it("filters by B's ids, names and memberships find nothing (GET and POST /.search)", async () => {
    const filters: Array<['Users' | 'Groups', string]> = [['Users', 'userName sw "b.user"'], ['Groups', 'displayName sw "B group"']];
    for (const u of bUsers.slice(0, 10)) {
      filters.push(['Users', `userName eq "${u.userName}"`], ['Users', `externalId eq "${u.externalId}"`], ['Users', `id eq "${u.id}"`], ['Groups', `members.value eq "${u.id}"`]);
    }
    for (const g of bGroups) filters.push(['Groups', `displayName eq "${g.displayName}"`], ['Users', `groups.value eq "${g.id}"`], ['Groups', `id eq "${g.id}"`]);
    for (const [type, filter] of filters) {
      const viaGet = await a.send('GET', `/${type}?filter=${encodeURIComponent(filter)}`);
      const viaSearch = await a.send('POST', `/${type}/.search`, { schemas: [SEARCH], filter });
      expect([filter, viaGet.status, viaGet.json.totalResults, viaSearch.status, viaSearch.json.totalResults]).toEqual([filter, 200, 0, 200, 0]);
    }
  });

  it('a B id as a member of an A group is answered like a never-existing id and never stored (PATCH, POST, PUT)', async () => {
    const group = await a.createGroup('A group');
    const add = (value: string) => a.patch('Groups', group.json.id, [{ op: 'add', path: 'members', value: [{ value }] }]);
    const never = randomUUID();
    expect(shape(await add(bUsers[2].id), bUsers[2].id)).toEqual(shape(await add(never), never));
    expect(shape(await add(bGroups[0].id), bGroups[0].id)).toEqual(shape(await add(never), never));
    const posted = await a.createGroup('A group with B members', [bUsers[3].id, bGroups[1].id]);
    const put = await a.send('PUT', `/Groups/${group.json.id}`, { schemas: [CORE_GROUP], displayName: 'A group', members: [{ value: bUsers[4].id }] });
    expect([posted.status, posted.json.members ?? [], put.status, put.json.members ?? []]).toEqual([201, [], 200, []]);
    const bIds = [...bUsers.map((u) => u.id), ...bGroups.map((g) => g.id)];
    expect(await probe.count(`SELECT COUNT(*) AS n FROM scim_group_member WHERE tenant_id = ? AND member_id IN (${bIds.map(() => '?').join(',')})`, [a.tenantId, ...bIds])).toBe(0);
  });

  it("B's userName is free in A (201, no oracle); a PUT whose body names B's id changes A's user only", async () => {
    const mine = await a.createUser(bUsers[0].userName);
    expect(mine.status).toBe(201);
    const put = await a.send('PUT', `/Users/${mine.json.id}`, { schemas: [CORE_USER], id: bUsers[1].id, userName: bUsers[0].userName, externalId: bUsers[1].id });
    expect([put.status, put.json.id]).toEqual([200, mine.json.id]);
  });

  it("afterwards every B resource has its version, and B's audit chain is unchanged and verifies", async () => {
    for (const u of bUsers) expect([u.id, (await b.send('GET', `/Users/${u.id}`)).json.meta?.version]).toEqual([u.id, u.version]);
    for (const g of bGroups) {
      const res = await b.send('GET', `/Groups/${g.id}`);
      expect([g.id, res.json.meta?.version, res.json.displayName, res.json.members.length]).toEqual([g.id, g.version, g.displayName, 1]);
    }
    const chain = (await b.send('GET', '/api/v1/audit/verify')).json;
    expect([chain.ok, chain.checked]).toEqual([true, bChainBefore]);
    expect(svc.proc.exitCode).toBeNull();
  });
});
