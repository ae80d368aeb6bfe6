import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { SCIM_JSON, startTestApp, TestApp } from '../setup/test-app';
import { TEST_ENGINE } from '../setup/test-database';

const CORE_USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const ENT = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const CUSTOM = 'urn:ietf:params:scim:schemas:extension:CustomExtensionName:2.0:User';
const PATCHOP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const SEARCH = 'urn:ietf:params:scim:api:messages:2.0:SearchRequest';

// RFC 7644 request examples over HTTP on the real service, with the database state checked.
describe(`RFC 7644 examples (${TEST_ENGINE})`, () => {
  let t: TestApp;
  let ds: DataSource;
  const q = (sql: string) => (TEST_ENGINE === 'postgres' ? sql.replace(/\?/g, (() => { let n = 0; return () => `$${++n}`; })()) : sql);
  const send = (method: 'post' | 'put' | 'patch', path: string, body: unknown, headers: Record<string, string> = {}) =>
    t.http[method](`${t.base}${path}`).set(t.auth).set(headers).set('Content-Type', SCIM_JSON).send(JSON.stringify(body));
  const get = (path: string, headers: Record<string, string> = {}) => t.http.get(`${t.base}${path}`).set(t.auth).set(headers);

  beforeAll(async () => {
    t = await startTestApp({ customSchemasFile: join(__dirname, '..', 'fixtures', 'custom-extension.json') });
    ds = t.app.get(DataSource);
  });
  afterAll(() => t.close());

  let bjensen = '';
  it('§3.3 creating a resource: 201, readOnly id/meta ignored, Location, ETag = meta.version', async () => {
    const res = await send('post', '/Users', {
      schemas: [CORE_USER], id: 'client-chosen', meta: { version: 'W/"99"' }, userName: 'bjensen', externalId: 'bjensen',
      name: { formatted: 'Ms. Barbara J Jensen III', familyName: 'Jensen', givenName: 'Barbara' },
    });
    expect(res.status).toBe(201);
    bjensen = res.body.id;
    expect(bjensen).not.toBe('client-chosen');
    expect(res.body.meta.version).toBe('W/"1"');
    expect(res.headers.etag).toBe('W/"1"');
    expect(res.headers.location).toBe(res.body.meta.location);
  });

  it('§3.14 versioning: If-None-Match → 304; stale If-Match → 412 and nothing changes; matching If-Match → 200', async () => {
    expect((await get(`/Users/${bjensen}`, { 'If-None-Match': 'W/"1"' })).status).toBe(304);
    const stale = await send('patch', `/Users/${bjensen}`, { schemas: [PATCHOP], Operations: [{ op: 'replace', path: 'nickName', value: 'Babs' }] }, { 'If-Match': 'W/"7"' });
    expect(stale.status).toBe(412);
    expect(stale.body).toMatchObject({ status: '412' });
    expect((await get(`/Users/${bjensen}`)).body.nickName).toBeUndefined();
    const ok = await send('patch', `/Users/${bjensen}`, { schemas: [PATCHOP], Operations: [{ op: 'replace', path: 'nickName', value: 'Babs' }] }, { 'If-Match': 'W/"1"' });
    expect(ok.status).toBe(200);
    expect(ok.body.meta.version).toBe('W/"2"');
  });

  it('§3.5.1 replacing with PUT: attributes not sent are cleared, id and created are kept', async () => {
    const before = (await get(`/Users/${bjensen}`)).body;
    const res = await send('put', `/Users/${bjensen}`, { schemas: [CORE_USER], userName: 'bjensen', displayName: 'Babs Jensen' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: bjensen, userName: 'bjensen', displayName: 'Babs Jensen' });
    expect(res.body.nickName).toBeUndefined();
    expect(res.body.name).toBeUndefined();
    expect(res.body.meta.created).toBe(before.meta.created);
    const [row] = await ds.query(q('SELECT external_id, version FROM scim_user WHERE id = ?'), [bjensen]);
    expect(row).toEqual({ external_id: null, version: 3 });
  });

  it('§3.4.2.2 filtering on enterprise and custom extension attributes, case-insensitively where caseExact is false', async () => {
    const res = await send('post', '/Users', {
      schemas: [CORE_USER, ENT], userName: 'ext.user@example.com',
      [ENT]: { department: 'Tour Operations', employeeNumber: '701984', manager: { value: bjensen } },
      [CUSTOM]: { tag: 'Gold', level: 3 },
    });
    expect(res.status).toBe(201);
    expect(res.body.schemas).toEqual([CORE_USER, ENT, CUSTOM]);
    expect(res.body[CUSTOM]).toEqual({ tag: 'Gold', level: 3 });
    const find = async (filter: string) => (await get(`/Users?filter=${encodeURIComponent(filter)}`)).body.Resources.map((r: { id: string }) => r.id);
    expect(await find(`${ENT}:department eq "tour operations"`)).toEqual([res.body.id]);
    expect(await find(`${CUSTOM}:tag eq "gold"`)).toEqual([res.body.id]);
    expect(await find(`${CUSTOM}:level gt 2`)).toEqual([res.body.id]);
    expect(await find(`manager eq "${bjensen}"`)).toEqual([res.body.id]);
    expect(await find(`${CUSTOM}:level lt 3`)).toEqual([]);
  });

  it('§3.4.3 POST /.search with a SearchRequest, §3.4.2.3 sorting, §3.4.2.5 attributes', async () => {
    for (const n of ['carol', 'alice', 'bob']) await send('post', '/Users', { schemas: [CORE_USER], userName: `${n}@sort.example` });
    const res = await t.http.post(`${t.base}/Users/.search`).set(t.auth).set('Content-Type', SCIM_JSON).send(JSON.stringify({
      schemas: [SEARCH], filter: 'userName ew "@sort.example"', sortBy: 'userName', sortOrder: 'descending', attributes: ['userName'],
    }));
    expect(res.status).toBe(200);
    expect(res.body.Resources.map((r: { userName: string }) => r.userName)).toEqual(['carol@sort.example', 'bob@sort.example', 'alice@sort.example']);
    expect(Object.keys(res.body.Resources[0]).sort()).toEqual(['id', 'schemas', 'userName']);
  });

  it('RFC 9865 cursor pagination: nextCursor walks every user exactly once', async () => {
    for (let i = 0; i < 7; i++) await send('post', '/Users', { schemas: [CORE_USER], userName: `cursor${i}@example.com` });
    const all = (await get('/Users?count=100')).body;
    const seen: string[] = [];
    let cursor: string | undefined = '';
    while (cursor !== undefined) {
      const page: { body: { Resources: Array<{ id: string }>; nextCursor?: string; totalResults: number } } = await get(`/Users?count=3&cursor=${encodeURIComponent(cursor)}`);
      expect(page.body.totalResults).toBe(all.totalResults);
      seen.push(...page.body.Resources.map((r) => r.id));
      cursor = page.body.nextCursor;
    }
    expect(seen).toEqual(all.Resources.map((r: { id: string }) => r.id));
    expect((await get('/Users?cursor=garbage')).body).toMatchObject({ status: '400', scimType: 'invalidValue' });
  });

  it('§3.5.2.1 add members with the RFC body; §3.5.2.2 remove a member by filter; §3.5.2.3 replace members', async () => {
    const g = await send('post', '/Groups', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: 'Tour Guides' });
    const [a, b] = (await get('/Users?filter=userName+ew+%22%40sort.example%22&sortBy=userName')).body.Resources.map((r: { id: string }) => r.id);
    const patch = (ops: unknown[]) => send('patch', `/Groups/${g.body.id}`, { schemas: [PATCHOP], Operations: ops });
    expect((await patch([{ op: 'add', path: 'members', value: [{ display: 'Alice', $ref: `${t.base}/Users/${a}`, value: a }] }])).status).toBe(204);
    expect((await patch([{ op: 'add', value: { members: [{ value: b }] } }])).status).toBe(204);
    expect((await patch([{ op: 'remove', path: `members[value eq "${a}"]` }])).status).toBe(204);
    const members = async () => ((await get(`/Groups/${g.body.id}`)).body.members ?? []).map((m: { value: string }) => m.value);
    expect(await members()).toEqual([b]);
    expect((await patch([{ op: 'replace', path: 'members', value: [{ value: a }] }])).status).toBe(204);
    expect(await members()).toEqual([a]);
    const rows = await ds.query(q('SELECT member_id FROM scim_group_member WHERE group_id = ?'), [g.body.id]);
    expect(rows).toEqual([{ member_id: a }]);
  });

  it('unknown member ids are skipped, the valid ones applied (documented policy), cross-tenant ids never stored', async () => {
    const g = await send('post', '/Groups', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: 'Mixed' });
    const res = await send('patch', `/Groups/${g.body.id}`, { schemas: [PATCHOP], Operations: [{ op: 'Add', path: 'members', value: [{ value: 'no-such-id' }, { value: bjensen }] }] });
    expect(res.status).toBe(204);
    const rows = await ds.query(q('SELECT member_id FROM scim_group_member WHERE group_id = ?'), [g.body.id]);
    expect(rows).toEqual([{ member_id: bjensen }]);
  });
});

describe(`sortBy puts resources without a value last ascending and first descending (${TEST_ENGINE})`, () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp()));
  afterAll(() => t.close());

  it('orders by title with the untitled user at the end, then the start', async () => {
    const post = (userName: string, title?: string) => t.http.post(`${t.base}/Users`).set(t.auth).set('Content-Type', SCIM_JSON)
      .send(JSON.stringify({ schemas: [CORE_USER], userName, ...(title ? { title } : {}) }));
    await post('u1@sort.test', 'Beta');
    await post('u2@sort.test');
    await post('u3@sort.test', 'alpha');
    const order = async (sortOrder: string) => (await t.http.get(`${t.base}/Users`).query({ sortBy: 'title', sortOrder }).set(t.auth))
      .body.Resources.map((r: { userName: string }) => r.userName);
    expect(await order('ascending')).toEqual(['u3@sort.test', 'u1@sort.test', 'u2@sort.test']);
    expect(await order('descending')).toEqual(['u2@sort.test', 'u1@sort.test', 'u3@sort.test']);
  });
});
