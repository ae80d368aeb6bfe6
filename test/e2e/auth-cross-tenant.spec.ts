import { randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import { SCIM_JSON, startTestApp, TestApp } from '../setup/test-app';
import { TEST_ENGINE } from '../setup/test-database';
import { accessToken, bearer, CORE_GROUP, CORE_USER, createClient, createGroup, createUser, expectUniform401, newTenant, PATCHOP,
  TenantCreds } from './auth-support';

const USERS = 50;
const GROUPS = 10;

// reliability-plan.md §5.5 T1 / issue 4 §7: with tenant A's credentials, every verb on every id of
// tenant B is a 404 indistinguishable from the 404 of an id that never existed; filters find
// nothing of B; B's resources are untouched. Run with a secret token and with an OAuth access token.
describe(`cross-tenant matrix (${TEST_ENGINE})`, () => {
  let t: TestApp;
  let a: TenantCreds;
  let b: TenantCreds;
  const bUsers: Array<{ id: string; userName: string; externalId: string; version: string }> = [];
  const bGroups: Array<{ id: string; displayName: string; version: string }> = [];

  beforeAll(async () => {
    // The per-tenant request limiter is off: this file measures isolation, not throughput.
    t = await startTestApp({ authFailureLimit: 100_000, rateLimitPerTenantRps: 0 });
    a = await newTenant(t, 'Tenant A');
    b = await newTenant(t, 'Tenant B');
    for (let i = 0; i < USERS; i++) {
      const userName = `b.user${i}@example.com`;
      const res = await t.http.post(`${b.base}/Users`).set(b.auth).set('Content-Type', SCIM_JSON)
        .send(JSON.stringify({ schemas: [CORE_USER], userName, externalId: `ext-b-${i}`, displayName: `B ${i}` }));
      bUsers.push({ id: res.body.id, userName, externalId: `ext-b-${i}`, version: res.body.meta.version });
    }
    for (let i = 0; i < GROUPS; i++) {
      const res = await t.http.post(`${b.base}/Groups`).set(b.auth).set('Content-Type', SCIM_JSON)
        .send(JSON.stringify({ schemas: [CORE_GROUP], displayName: `B group ${i}`, members: [{ value: bUsers[i].id }] }));
      bGroups.push({ id: res.body.id, displayName: `B group ${i}`, version: res.body.meta.version });
    }
  });
  afterAll(() => t.close());

  const bodies = {
    Users: { schemas: [CORE_USER], userName: 'hijacked@example.com', displayName: 'hijacked' },
    Groups: { schemas: [CORE_GROUP], displayName: 'hijacked' },
  };
  const patch = { schemas: [PATCHOP], Operations: [{ op: 'replace', path: 'displayName', value: 'hijacked' }] };
  const verbs = ['get', 'put', 'patch', 'delete'] as const;

  function call(creds: { auth: { Authorization: string } }, verb: (typeof verbs)[number], type: 'Users' | 'Groups', id: string) {
    const req = t.http[verb](`${a.base}/${type}/${id}`).set(creds.auth);
    if (verb === 'put') return req.set('Content-Type', SCIM_JSON).send(JSON.stringify(bodies[type]));
    if (verb === 'patch') return req.set('Content-Type', SCIM_JSON).send(JSON.stringify(patch));
    return req;
  }

  /** Status, content type and the exact body bytes: another tenant's id must be indistinguishable from a never-existing one. */
  const shape = (res: Response, _id: string) => ({ status: res.status, type: res.headers['content-type'], body: res.text });

  async function matrix(creds: { auth: { Authorization: string } }): Promise<void> {
    for (const type of ['Users', 'Groups'] as const) {
      const ids = type === 'Users' ? bUsers.map((u) => u.id) : bGroups.map((g) => g.id);
      for (const verb of verbs) {
        const never = randomUUID();
        const reference = shape(await call(creds, verb, type, never), never);
        expect(reference.status).toBe(404);
        for (const id of ids) expect([type, verb, shape(await call(creds, verb, type, id), id)]).toEqual([type, verb, reference]);
      }
    }
  }

  it('secret token of A: GET/PUT/PATCH/DELETE on every B user and group → the never-existed 404', async () => {
    await matrix(a);
  });

  it('OAuth access token of A: the same matrix', async () => {
    const token = await accessToken(t, await createClient(t, a.tenantId));
    await matrix({ auth: bearer(token) });
  });

  it("filters by B's id, userName, externalId and displayName find nothing", async () => {
    const list = async (type: string, filter: string) => {
      const res = await t.http.get(`${a.base}/${type}`).query({ filter }).set(a.auth);
      expect(res.status).toBe(200);
      return res.body.totalResults as number;
    };
    for (const u of bUsers.slice(0, 10)) {
      expect(await list('Users', `userName eq "${u.userName}"`)).toBe(0);
      expect(await list('Users', `externalId eq "${u.externalId}"`)).toBe(0);
      expect(await list('Users', `id eq "${u.id}"`)).toBe(0);
    }
    expect(await list('Users', 'userName sw "b.user"')).toBe(0);
    for (const g of bGroups) expect(await list('Groups', `displayName eq "${g.displayName}"`)).toBe(0);
    expect((await t.http.get(`${a.base}/Users`).set(a.auth)).body.totalResults).toBe(0);
  });

  it("A's token on B's Tenant URL → the uniform 401", async () => {
    expectUniform401(await t.http.get(`${b.base}/Users`).set(a.auth));
    expectUniform401(await t.http.get(`${b.base}/Users/${bUsers[0].id}`).set(a.auth));
    expectUniform401(await t.http.delete(`${b.base}/Groups/${bGroups[0].id}`).set(a.auth));
  });

  it("B's userName is free in A (201); A's PUT with body id = B's id changes A's user only", async () => {
    const mine = await createUser(t, a, bUsers[0].userName);
    expect(mine.status).toBe(201);
    const put = await t.http.put(`${a.base}/Users/${mine.body.id}`).set(a.auth).set('Content-Type', SCIM_JSON)
      .send(JSON.stringify({ schemas: [CORE_USER], id: bUsers[1].id, userName: bUsers[0].userName, displayName: 'A only' }));
    expect(put.status).toBe(200);
    expect(put.body.id).toBe(mine.body.id);
  });

  // docs/entra.md "Member ids that do not exist": unknown member ids are skipped (204), not 400.
  // The isolation property: a B id is treated exactly like an id that never existed, and no row is added.
  it("a B user as a member of an A group is answered like a never-existing id and adds no row", async () => {
    const group = await createGroup(t, a, 'A group');
    const add = (value: string) => t.http.patch(`${a.base}/Groups/${group.body.id}`).set(a.auth).set('Content-Type', SCIM_JSON)
      .send(JSON.stringify({ schemas: [PATCHOP], Operations: [{ op: 'add', path: 'members', value: [{ value }] }] }));
    const never = randomUUID();
    expect(shape(await add(bUsers[2].id), bUsers[2].id)).toEqual(shape(await add(never), never));
    const after = await t.http.get(`${a.base}/Groups/${group.body.id}`).set(a.auth);
    expect(after.body.members ?? []).toEqual([]);
  });

  it("afterwards every B resource is unchanged (same meta.version)", async () => {
    for (const u of bUsers) {
      const res = await t.http.get(`${b.base}/Users/${u.id}`).set(b.auth);
      expect([u.id, res.status, res.body.meta?.version]).toEqual([u.id, 200, u.version]);
    }
    for (const g of bGroups) {
      const res = await t.http.get(`${b.base}/Groups/${g.id}`).set(b.auth);
      expect([g.id, res.status, res.body.meta?.version, res.body.displayName]).toEqual([g.id, 200, g.version, g.displayName]);
    }
  });
});
