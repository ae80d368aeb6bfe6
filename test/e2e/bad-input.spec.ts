import { SCIM_JSON, startTestApp, TestApp } from '../setup/test-app';
import { TEST_ENGINE } from '../setup/test-database';

const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';
const PATCHOP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

function expectScimError(res: { status: number; headers: Record<string, string>; body: { schemas?: string[]; status?: string } }, status: number) {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/scim\+json/);
  expect(res.body.schemas).toEqual([ERROR]);
  expect(res.body.status).toBe(String(status));
}

// Issue 3 check: a malformed body, filter, path or parameter never yields a 5xx; every error is a
// SCIM Error with the right scimType.
describe(`malformed input never yields a 5xx (${TEST_ENGINE})`, () => {
  let t: TestApp;
  let userId: string;
  beforeAll(async () => {
    t = await startTestApp();
    const res = await t.http.post(`${t.base}/Users`).set(t.auth).set('Content-Type', SCIM_JSON)
      .send(JSON.stringify({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'bad.input@example.com' }));
    userId = res.body.id;
  });
  afterAll(() => t.close());

  const filters = [
    'userName eq', 'userName eq "unterminated', '(userName eq "a"', 'userName eq "a")', 'userName xx "a"', 'emails[type eq "work"',
    'emails[type eq "work"]]', 'not userName eq "a"', '"a" eq userName', 'userName eq "a" and', 'and', '', '   ', '[]',
    `${'('.repeat(5000)}userName eq "a"${')'.repeat(5000)}`, Array.from({ length: 300 }, (_, i) => `userName eq "u${i}"`).join(' or '),
    'x'.repeat(5000), 'password eq "secret"', '__proto__ eq "x"', 'constructor.prototype eq 1', 'urn:unknown:schema:attr eq "x"',
    "userName eq 'single'", 'userName eq "\\u12"', 'meta.created gt "not-a-date"', 'active gt true', 'userName eq "a" or or',
    'emails[value co "%"]', "userName co \"'; DROP TABLE scim_user; --\"", 'userName eq "\u0000"', 'name.givenName.x eq "a"',
  ];
  it.each(filters.map((f) => [f.length > 60 ? `${f.slice(0, 60)}… (${f.length} chars)` : f, f]))('filter %s (GET and POST /.search) → 200 or 400/403 SCIM error', async (_label, filter) => {
    const viaGet = await t.http.get(`${t.base}/Users`).query({ filter }).set(t.auth);
    // A URL beyond Node's 16 KiB header limit is refused by the HTTP layer itself (431).
    expect(viaGet.status === 431 || viaGet.status < 500).toBe(true);
    const viaSearch = await t.http.post(`${t.base}/Users/.search`).set(t.auth).set('Content-Type', SCIM_JSON)
      .send(JSON.stringify({ schemas: ['urn:ietf:params:scim:api:messages:2.0:SearchRequest'], filter }));
    for (const res of viaGet.status === 431 ? [viaSearch] : [viaGet, viaSearch]) {
      expect(res.status).toBeLessThan(500);
      if (res.status !== 200) {
        expect([400, 403]).toContain(res.status);
        expectScimError(res, res.status);
        // A NUL anywhere in a JSON body is refused by the body parser itself (invalidValue).
        const allowed = res === viaSearch && filter.includes('\u0000') ? ['invalidValue'] : ['invalidFilter', 'sensitive'];
        expect(allowed).toContain(res.body.scimType);
      }
    }
  });

  const bodies: Array<[string, string, string | undefined]> = [
    ['truncated JSON', '{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":', 'invalidSyntax'],
    ['an array', '[1,2,3]', undefined],
    ['a string', '"hello"', undefined],
    ['null', 'null', undefined],
    ['userName a number', '{"userName":42}', 'invalidValue'],
    ['emails an object', '{"userName":"x1@example.com","emails":{"value":"a"}}', undefined],
    ['depth 40', `{"userName":"deep@example.com","x":${'['.repeat(40)}${']'.repeat(40)}}`, 'invalidSyntax'],
    ['__proto__ key', '{"userName":"proto@example.com","__proto__":{"polluted":true}}', undefined],
    ['huge number', '{"userName":"num@example.com","active":1e400}', undefined],
    // Both engines refuse what PostgreSQL's varchar(512) columns and btree index rows cannot hold.
    ['a 600-character userName', JSON.stringify({ userName: `${'u'.repeat(600)}@example.com` }), 'invalidValue'],
    ['a 3,000-byte title', JSON.stringify({ userName: 'long.title@example.com', title: 'é'.repeat(1500) }), 'invalidValue'],
  ];
  it.each(bodies)('POST /Users with %s → 4xx SCIM error', async (_label, raw, scimType) => {
    const res = await t.http.post(`${t.base}/Users`).set(t.auth).set('Content-Type', SCIM_JSON).send(raw);
    expect(res.status).toBeLessThan(500);
    if (res.status !== 201) {
      expectScimError(res, res.status);
      if (scimType) expect(res.body.scimType).toBe(scimType);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('a body over 1 MiB → 413 SCIM error', async () => {
    const res = await t.http.post(`${t.base}/Users`).set(t.auth).set('Content-Type', SCIM_JSON)
      .send(JSON.stringify({ userName: 'big@example.com', title: 'x'.repeat(1024 * 1024 + 10) }));
    expectScimError(res, 413);
  });

  it('text/plain body → 415 SCIM error', async () => {
    expectScimError(await t.http.post(`${t.base}/Users`).set(t.auth).set('Content-Type', 'text/plain').send('userName=x'), 415);
  });

  const paths = ['emails[type eq', 'emails[type eq "work"].', '__proto__', 'name.__proto__.x', 'constructor', 'id', 'meta.created', 'groups',
    'members[value eq "x"', 'urn:ietf:params:scim:schemas:core:2.0:User:', '', '.', '[]'];
  it.each(paths)('PATCH path %j → 400 SCIM error, user unchanged', async (path) => {
    const before = await t.http.get(`${t.base}/Users/${userId}`).set(t.auth);
    const res = await t.http.patch(`${t.base}/Users/${userId}`).set(t.auth).set('Content-Type', SCIM_JSON)
      .send(JSON.stringify({ schemas: [PATCHOP], Operations: [{ op: 'replace', path, value: 'x' }] }));
    expect(res.status).toBe(400);
    expectScimError(res, 400);
    expect(['invalidPath', 'mutability', 'invalidValue', 'invalidFilter', 'noTarget']).toContain(res.body.scimType);
    const after = await t.http.get(`${t.base}/Users/${userId}`).set(t.auth);
    expect(after.body.meta.version).toBe(before.body.meta.version);
  });

  const params = [{ startIndex: 'abc' }, { count: 'x' }, { count: '-5' }, { startIndex: '-5' }, { count: '1e9' }, { sortOrder: 'sideways' },
    { sortBy: '__proto__' }, { attributes: ',,,' }, { excludedAttributes: 'emails[' }, { cursor: 'not-a-cursor' }, { aadOptscim062020: '' }];
  it.each(params)('query parameters %j → 200 or 400 SCIM error', async (query) => {
    const res = await t.http.get(`${t.base}/Users`).query(query).set(t.auth);
    expect(res.status).toBeLessThan(500);
    if (res.status !== 200) expectScimError(res, 400);
    else expect(res.body.itemsPerPage).toBeLessThanOrEqual(100);
  });

  it('unknown routes and methods → SCIM 404/405', async () => {
    expectScimError(await t.http.get('/scim/v2/nope').set(t.auth), 404);
    expectScimError(await t.http.delete(`${t.base}/Schemas`), 405);
    expectScimError(await t.http.post(`${t.base}/ServiceProviderConfig`).set('Content-Type', SCIM_JSON).send('{}'), 405);
  });
});
