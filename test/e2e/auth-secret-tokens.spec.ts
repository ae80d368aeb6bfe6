import { DataSource } from 'typeorm';
import { Clock } from '../../src/common/clock';
import { TokensService } from '../../src/auth/tokens.service';
import { digestToken } from '../../src/auth/token-format';
import { SCIM_JSON, startTestApp, TestApp } from '../setup/test-app';
import { TEST_ENGINE } from '../setup/test-database';
import { bearer, createGroup, createUser, CORE_USER, expectUniform401, issueToken, newTenant, PATCHOP, TenantCreds } from './auth-support';

// Issue 4 §2–§3: secret tokens (rotation with two active tokens, revoke and expiry effective on the
// next request, stored as SHA-256 only) and scopes (read-only tokens get 403 on writes).
describe(`secret tokens and scopes (${TEST_ENGINE})`, () => {
  let t: TestApp;
  let a: TenantCreds;
  const users = (token: string) => t.http.get(`${a.base}/Users`).set(bearer(token));
  beforeAll(async () => {
    t = await startTestApp({ authFailureLimit: 1000 });
    a = await newTenant(t, 'Tenant A');
  });
  afterAll(() => t.close());

  it('tokens are scimb_ + 43 base64url chars; the database holds only the SHA-256 digest', async () => {
    const { token } = await issueToken(t, a.tenantId);
    expect(token).toMatch(/^scimb_[A-Za-z0-9_-]{43}$/);
    const rows: Array<Record<string, unknown>> = await t.app.get(DataSource).query('SELECT * FROM api_token');
    const dump = JSON.stringify(rows);
    expect(dump).not.toContain(token);
    expect(dump).not.toContain(token.slice(10));
    expect(rows.map((r) => r.token_digest)).toContain(digestToken(token));
  });

  it('rotation: two active tokens both work; revoking the old one stops it on the next request only', async () => {
    const old = await issueToken(t, a.tenantId);
    const fresh = await issueToken(t, a.tenantId);
    expect((await users(old.token)).status).toBe(200);
    expect((await users(fresh.token)).status).toBe(200);
    await t.app.get(TokensService).revoke(a.tenantId, old.id);
    expectUniform401(await users(old.token));
    expect((await users(fresh.token)).status).toBe(200);
  });

  it('revocation through the admin API is effective on the very next request', async () => {
    const victim = await issueToken(t, a.tenantId);
    expect((await users(victim.token)).status).toBe(200);
    const del = await t.http.delete(`/api/v1/tenants/${a.tenantId}/tokens/${victim.id}`).set(t.auth);
    expect(del.status).toBe(204);
    expectUniform401(await users(victim.token));
  });

  it('the default lifetime is TOKEN_TTL_DAYS (365 days); last_used_at is recorded', async () => {
    const issued = await issueToken(t, a.tenantId);
    const view = (await t.app.get(TokensService).list(a.tenantId)).find((v) => v.id === issued.id);
    expect(Date.parse(view?.expiresAt ?? '') - Date.parse(view?.createdAt ?? '')).toBe(365 * 86_400_000);
    await users(issued.token);
    await new Promise((r) => setTimeout(r, 100)); // last_used_at is written off the request path
    const after = (await t.app.get(TokensService).list(a.tenantId)).find((v) => v.id === issued.id);
    expect(after?.lastUsedAt).not.toBeNull();
  });

  describe('scopes', () => {
    let reader: string;
    let userId: string;
    let groupId: string;
    beforeAll(async () => {
      reader = (await issueToken(t, a.tenantId, ['scim:read'])).token;
      userId = (await createUser(t, a, 'scoped.user@example.com')).body.id;
      groupId = (await createGroup(t, a, 'Scoped Group')).body.id;
    });
    const user = { schemas: [CORE_USER], userName: 'scoped.user@example.com' };
    const patch = { schemas: [PATCHOP], Operations: [{ op: 'replace', path: 'displayName', value: 'x' }] };
    const writes: Array<[string, string, () => string, unknown]> = [
      ['POST', 'post', () => '/Users', user],
      ['PUT', 'put', () => `/Users/${userId}`, user],
      ['PATCH', 'patch', () => `/Users/${userId}`, patch],
      ['DELETE', 'delete', () => `/Users/${userId}`, undefined],
      ['PATCH group', 'patch', () => `/Groups/${groupId}`, patch],
      ['DELETE group', 'delete', () => `/Groups/${groupId}`, undefined],
    ];
    it.each(writes)('a scim:read token gets 403 (SCIM error) on %s and nothing changes', async (_l, method, path, body) => {
      const req = (t.http as unknown as Record<string, (p: string) => import('supertest').Test>)[method](`${a.base}${path()}`).set(bearer(reader));
      const res = body === undefined ? await req : await req.set('Content-Type', SCIM_JSON).send(JSON.stringify(body));
      expect(res.status).toBe(403);
      expect(res.headers['content-type']).toMatch(/^application\/scim\+json/);
      expect(res.body).toMatchObject({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '403' });
      expect((await t.http.get(`${a.base}/Users/${userId}`).set(a.auth)).status).toBe(200);
      expect((await t.http.get(`${a.base}/Groups/${groupId}`).set(a.auth)).status).toBe(200);
    });

    it('a scim:read token reads: GET list, GET by id, POST .search', async () => {
      expect((await t.http.get(`${a.base}/Users`).set(bearer(reader))).status).toBe(200);
      expect((await t.http.get(`${a.base}/Users/${userId}`).set(bearer(reader))).status).toBe(200);
      expect((await t.http.get(`${a.base}/Groups/${groupId}`).set(bearer(reader))).status).toBe(200);
      const search = await t.http.post(`${a.base}/Users/.search`).set(bearer(reader)).set('Content-Type', SCIM_JSON)
        .send(JSON.stringify({ schemas: ['urn:ietf:params:scim:api:messages:2.0:SearchRequest'] }));
      expect(search.status).toBe(200);
    });

    it('a scim:write-only token cannot read; scim tokens cannot use the admin API', async () => {
      const writer = (await issueToken(t, a.tenantId, ['scim:write'])).token;
      expect((await t.http.get(`${a.base}/Users`).set(bearer(writer))).status).toBe(403);
      expect((await t.http.get('/api/v1/tenants').set(a.auth)).status).toBe(403);
    });
  });

  // Last: it moves the clock ten years ahead.
  it('expiry (injected clock): valid until expires_at, 401 from then on; never-expiring tokens stay valid', async () => {
    const short = await issueToken(t, a.tenantId, undefined, 1);
    const forever = await issueToken(t, a.tenantId, undefined, 0);
    t.app.get(Clock).advance(86_400_000 - 60_000);
    expect((await users(short.token)).status).toBe(200);
    t.app.get(Clock).advance(60_000);
    expectUniform401(await users(short.token));
    t.app.get(Clock).advance(3650 * 86_400_000);
    expect((await users(forever.token)).status).toBe(200);
  });
});
