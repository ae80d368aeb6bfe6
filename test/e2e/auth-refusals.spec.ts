import { Clock } from '../../src/common/clock';
import { TenantsService } from '../../src/auth/tenants.service';
import { TokensService } from '../../src/auth/tokens.service';
import { startTestApp, TestApp } from '../setup/test-app';
import { TEST_ENGINE } from '../setup/test-database';
import { bearer, createGroup, createUser, expectUniform401, issueToken, newTenant, TenantCreds } from './auth-support';

// Issue 4 §1 and §7: a disabled tenant gets 401 on every SCIM request and keeps its data; every
// authentication failure is the same 401; failures (only failures) are rate-limited per address.
describe(`uniform refusals and the failed-auth limiter (${TEST_ENGINE})`, () => {
  let t: TestApp;
  let b: TenantCreds;
  let userId: string;
  let groupId: string;
  beforeAll(async () => {
    t = await startTestApp({ authFailureLimit: 1000 });
    b = await newTenant(t, 'Tenant B');
    userId = (await createUser(t, b, 'disabled.user@example.com')).body.id;
    groupId = (await createGroup(t, b, 'Disabled Group')).body.id;
  });
  afterAll(() => t.close());

  it('a disabled tenant gets the uniform 401 on every SCIM route; its data stays; re-enabled it works again', async () => {
    const tenants = t.app.get(TenantsService);
    await tenants.setStatus(b.tenantId, 'disabled');
    const calls = [
      t.http.get(`${b.base}/Users`), t.http.get(`${b.base}/Users/${userId}`), t.http.get(`${b.base}/Groups`),
      t.http.get(`${b.base}/Groups/${groupId}`), t.http.post(`${b.base}/Users`).send({ userName: 'x@example.com' }),
      t.http.put(`${b.base}/Users/${userId}`).send({}), t.http.patch(`${b.base}/Users/${userId}`).send({}),
      t.http.delete(`${b.base}/Users/${userId}`), t.http.delete(`${b.base}/Groups/${groupId}`), t.http.get('/scim/v2/Users'),
    ];
    for (const call of calls) expectUniform401(await call.set(b.auth));
    await tenants.setStatus(b.tenantId, 'active');
    const back = await t.http.get(`${b.base}/Users/${userId}`).set(b.auth);
    expect(back.status).toBe(200);
    expect(back.body.userName).toBe('disabled.user@example.com');
  });

  it('every cause of failure gives the same status, header and body', async () => {
    const revoked = await issueToken(t, b.tenantId);
    await t.app.get(TokensService).revoke(b.tenantId, revoked.id);
    const expiring = await issueToken(t, b.tenantId, undefined, 1);
    const disabled = await newTenant(t, 'Disabled tenant');
    await t.app.get(TenantsService).setStatus(disabled.tenantId, 'disabled');
    t.app.get(Clock).advance(2 * 86_400_000);
    const variants: Array<[string, Record<string, string>, string]> = [
      ['no header', {}, b.base],
      ['Basic', { Authorization: 'Basic dXNlcjpwYXNz' }, b.base],
      ['empty bearer', { Authorization: 'Bearer ' }, b.base],
      ['wrong token', bearer('scimb_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'), b.base],
      ['revoked', bearer(revoked.token), b.base],
      ['expired', bearer(expiring.token), b.base],
      ['disabled tenant', disabled.auth, disabled.base],
      ["another tenant's Tenant URL", b.auth, `/scim/v2/${t.tenantId}`],
      ['unknown tenant in the path', b.auth, '/scim/v2/00000000-0000-4000-8000-000000000000'],
      ['a JWT nobody signed', bearer('eyJhbGciOiJFUzI1NiIsInR5cCI6ImF0K2p3dCJ9.eyJzdWIiOiJ4In0.c2ln'), b.base],
    ];
    for (const [label, headers, base] of variants) {
      const res = await t.http.get(`${base}/Users`).set(headers);
      try {
        expectUniform401(res);
      } catch (e) {
        throw new Error(`${label}: ${(e as Error).message}`);
      }
    }
    expect((await t.http.get(`${b.base}/Users`).set(b.auth)).status).toBe(200);
  });
});

describe(`failed authentications are rate-limited per address, valid tokens never (${TEST_ENGINE})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ authFailureLimit: 20, authFailureWindowSeconds: 60 });
  });
  afterAll(() => t.close());

  it('20 failures → 401; the 21st → 429 + Retry-After + SCIM body; a valid token still 200; the window ends', async () => {
    for (let i = 0; i < 20; i++) expectUniform401(await t.http.get(`${t.base}/Users`).set(bearer(`scimb_wrong_${i}_${'x'.repeat(30)}`)));
    const limited = await t.http.get(`${t.base}/Users`).set(bearer('scimb_wrong_again_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'));
    expect(limited.status).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(limited.headers['content-type']).toMatch(/^application\/scim\+json/);
    expect(limited.body).toMatchObject({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '429' });
    expect((await t.http.get(`${t.base}/Users`).set(t.auth)).status).toBe(200);
    expect((await t.http.get(`${t.base}/Users`)).status).toBe(429);
    t.app.get(Clock).advance(61_000);
    expectUniform401(await t.http.get(`${t.base}/Users`));
  });

  it('a failed client authentication at the token endpoint counts too (OAuth JSON 429)', async () => {
    t.app.get(Clock).advance(61_000); // a fresh window
    for (let i = 0; i < 20; i++) {
      const r = await t.http.post('/oauth/token').type('form').send({ grant_type: 'client_credentials', client_id: 'nobody', client_secret: 'nothing' });
      expect(r.status).toBe(401);
    }
    const limited = await t.http.post('/oauth/token').type('form').send({ grant_type: 'client_credentials', client_id: 'nobody', client_secret: 'x' });
    expect(limited.status).toBe(429);
    expect(limited.headers['retry-after']).toBeDefined();
    expect(limited.body.error).toBe('temporarily_unavailable');
    expect((await t.http.get(`${t.base}/Users`).set(t.auth)).status).toBe(200);
  });
});
