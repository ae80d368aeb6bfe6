import { DataSource } from 'typeorm';
import { SCIM_JSON, startTestApp, TestApp } from '../setup/test-app';
import { TEST_ENGINE } from '../setup/test-database';

const CORE_USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const ENT = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const PATCHOP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const ADSCIM = 'http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group';

// entra-scim.md §2: the request/response walkthrough of the Entra SCIM tutorial, replayed over
// HTTP against the real service, asserting the responses and the rows in the database.
describe(`Entra walkthrough (entra-scim.md §2) on ${TEST_ENGINE}`, () => {
  let t: TestApp;
  let ds: DataSource;
  const sql = (q: string, p: unknown[]) => ds.query(TEST_ENGINE === 'postgres' ? q.replace(/\?/g, (() => { let n = 0; return () => `$${++n}`; })()) : q, p);

  beforeAll(async () => {
    t = await startTestApp();
    ds = t.app.get(DataSource);
  });
  afterAll(() => t.close());

  const post = (path: string, body: unknown) => t.http.post(`${t.base}${path}`).set(t.auth).set('Content-Type', SCIM_JSON).send(JSON.stringify(body));
  const patch = (path: string, ops: unknown[]) => t.http.patch(`${t.base}${path}`).set(t.auth).set('Content-Type', SCIM_JSON)
    .send(JSON.stringify({ schemas: [PATCHOP], Operations: ops }));
  const get = (path: string) => t.http.get(`${t.base}${path}`).set(t.auth);

  let userId = '';
  const userName = 'Test_User_00aa00aa-bb11-cc22-dd33-44ee44ee44ee';

  it('U1 create user → 201, echoed, Location = meta.location, one row stored', async () => {
    const res = await post('/Users', {
      schemas: [CORE_USER, ENT], externalId: '0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef', userName, active: true,
      emails: [{ primary: true, type: 'work', value: 'Test_User_11bb11bb-cc22-dd33-ee44-55ff55ff55ff@testuser.com' }],
      meta: { resourceType: 'User' }, name: { formatted: 'givenName familyName', familyName: 'familyName', givenName: 'givenName' }, roles: [],
    });
    expect(res.status).toBe(201);
    expect(res.headers['content-type']).toMatch(/^application\/scim\+json/);
    userId = res.body.id;
    expect(res.body).toMatchObject({ userName, active: true, externalId: '0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef', meta: { resourceType: 'User' } });
    expect(res.headers.location).toBe(res.body.meta.location);
    expect(res.headers.location).toBe(`http://scim.test${t.base}/Users/${userId}`);
    const rows = await sql('SELECT user_name, user_name_ci, active, tenant_id FROM scim_user WHERE id = ?', [userId]);
    expect(rows).toEqual([{ user_name: userName, user_name_ci: userName.toLowerCase(), active: 1, tenant_id: t.tenantId }]);
    const idx = await sql("SELECT value_ci FROM scim_attribute_value WHERE resource_id = ? AND path = 'emails.value'", [userId]);
    expect(idx).toEqual([{ value_ci: 'test_user_11bb11bb-cc22-dd33-ee44-55ff55ff55ff@testuser.com' }]);
  });

  it('U2 get user → 200 same representation; unknown id → 404 SCIM error', async () => {
    const res = await get(`/Users/${userId}`);
    expect(res.status).toBe(200);
    expect(res.body.id).toBe(userId);
    expect(res.headers.etag).toBe(res.body.meta.version);
    const missing = await get('/Users/5171a35d82074e068ce2');
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '404' });
  });

  it('U3/U4 get user by query, and zero results → ListResponse', async () => {
    const hit = await get(`/Users?filter=${encodeURIComponent(`userName eq "${userName}"`)}`);
    expect(hit.body).toMatchObject({ schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'], totalResults: 1, startIndex: 1 });
    expect(hit.body.Resources[0].id).toBe(userId);
    const none = await get('/Users?filter=userName+eq+%22non-existent%20user%22');
    expect(none.status).toBe(200);
    expect(none.body).toMatchObject({ totalResults: 0, Resources: [] });
  });

  it('U5 replace emails[type eq "work"].value and name.familyName → 200 with both', async () => {
    const res = await patch(`/Users/${userId}`, [
      { op: 'Replace', path: 'emails[type eq "work"].value', value: 'updatedEmail@microsoft.com' },
      { op: 'Replace', path: 'name.familyName', value: 'updatedFamilyName' },
    ]);
    expect(res.status).toBe(200);
    expect(res.body.emails).toEqual([{ primary: true, type: 'work', value: 'updatedEmail@microsoft.com' }]);
    expect(res.body.name.familyName).toBe('updatedFamilyName');
    const idx = await sql("SELECT value_ci FROM scim_attribute_value WHERE resource_id = ? AND path = 'emails.value'", [userId]);
    expect(idx).toEqual([{ value_ci: 'updatedemail@microsoft.com' }]);
  });

  it('U6 rename → 200, id unchanged; U7 disable ("False" and false) → active false in GET and filter', async () => {
    const renamed = `${userName}.renamed@testuser.com`;
    const r = await patch(`/Users/${userId}`, [{ op: 'Replace', path: 'userName', value: renamed }]);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ id: userId, userName: renamed });
    const d = await patch(`/Users/${userId}`, [{ op: 'Replace', path: 'active', value: 'False' }]);
    expect(d.body.active).toBe(false);
    const listed = await get(`/Users?filter=${encodeURIComponent(`userName eq "${renamed}"`)}`);
    expect(listed.body.Resources[0].active).toBe(false);
    expect(await sql('SELECT active, version FROM scim_user WHERE id = ?', [userId])).toEqual([{ active: 0, version: 4 }]);
  });

  let groupId = '';
  it('G1 create group with the ADSCIM schema URI → 201 without members', async () => {
    const res = await post('/Groups', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group', ADSCIM], externalId: '8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159', displayName: 'displayName', meta: { resourceType: 'Group' } });
    expect(res.status).toBe(201);
    groupId = res.body.id;
    expect(res.body.schemas).toEqual(['urn:ietf:params:scim:schemas:core:2.0:Group']);
    expect(res.body.members ?? []).toEqual([]);
  });

  it('G5 add member → 204 and one membership row; G2/G3 excludedAttributes=members omits the key', async () => {
    const res = await patch(`/Groups/${groupId}`, [{ op: 'Add', path: 'members', value: [{ $ref: null, value: userId }] }]);
    expect(res.status).toBe(204);
    expect(await sql('SELECT member_id, member_type FROM scim_group_member WHERE group_id = ?', [groupId])).toEqual([{ member_id: userId, member_type: 'User' }]);
    const g2 = await get(`/Groups/${groupId}?excludedAttributes=members`);
    expect(g2.body).not.toHaveProperty('members');
    const g3 = await get(`/Groups?excludedAttributes=members&filter=${encodeURIComponent('displayName eq "displayName"')}`);
    expect(g3.body.totalResults).toBe(1);
    expect(g3.body.Resources[0]).not.toHaveProperty('members');
    const full = await get(`/Groups/${groupId}`);
    expect(full.body.members.map((m: { value: string }) => m.value)).toEqual([userId]);
  });

  it('G4 replace displayName → 204; G6 remove members by value removes only that member', async () => {
    expect((await patch(`/Groups/${groupId}`, [{ op: 'Replace', path: 'displayName', value: 'renamedDisplayName' }])).status).toBe(204);
    const other = await post('/Users', { schemas: [CORE_USER], userName: 'second.member@testuser.com' });
    await patch(`/Groups/${groupId}`, [{ op: 'Add', path: 'members', value: [{ value: other.body.id }] }]);
    expect((await patch(`/Groups/${groupId}`, [{ op: 'Remove', path: 'members', value: [{ $ref: null, value: userId }] }])).status).toBe(204);
    expect(await sql('SELECT member_id FROM scim_group_member WHERE group_id = ?', [groupId])).toEqual([{ member_id: other.body.id }]);
    expect(await sql('SELECT display_name FROM scim_group WHERE id = ?', [groupId])).toEqual([{ display_name: 'renamedDisplayName' }]);
  });

  it('U8 delete user → 204, then 404, gone from lists and from memberships; G7 delete group → 204', async () => {
    const other = (await get('/Users?filter=userName+eq+%22second.member%40testuser.com%22')).body.Resources[0].id;
    expect((await t.http.delete(`${t.base}/Users/${other}`).set(t.auth)).status).toBe(204);
    expect((await get(`/Users/${other}`)).status).toBe(404);
    expect(await sql('SELECT count(*) AS n FROM scim_group_member WHERE member_id = ?', [other])).toEqual([{ n: TEST_ENGINE === 'postgres' ? '0' : 0 }]);
    expect(await sql('SELECT count(*) AS n FROM scim_attribute_value WHERE resource_id = ?', [other])).toEqual([{ n: TEST_ENGINE === 'postgres' ? '0' : 0 }]);
    expect((await t.http.delete(`${t.base}/Groups/${groupId}`).set(t.auth)).status).toBe(204);
    expect((await get(`/Groups/${groupId}`)).status).toBe(404);
    expect((await get(`/Users/${userId}`)).status).toBe(200);
  });

  it('SD1 discover schemas → User, Group, EnterpriseUser without a token', async () => {
    const res = await t.http.get(`${t.base}/Schemas`);
    expect(res.status).toBe(200);
    expect(res.body.Resources.map((s: { id: string }) => s.id)).toEqual(expect.arrayContaining([CORE_USER, ENT, 'urn:ietf:params:scim:schemas:core:2.0:Group']));
    expect(JSON.stringify(res.body)).not.toContain('null');
  });
});
