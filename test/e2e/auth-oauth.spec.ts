import { decodeJwt, decodeProtectedHeader, SignJWT, UnsecuredJWT } from 'jose';
import { Clock } from '../../src/common/clock';
import { OAuthClientsService } from '../../src/auth/oauth/oauth-clients.service';
import { SigningKeysService } from '../../src/auth/oauth/signing-keys.service';
import { startTestApp, TestApp } from '../setup/test-app';
import { TEST_ENGINE } from '../setup/test-database';
import { accessToken, bearer, createClient, createUser, expectUniform401, newTenant, TenantCreds, tokenRequest } from './auth-support';

type Client = { clientId: string; clientSecret: string };

// Issue 4 §4: OAuth 2.0 client credentials (RFC 6749 §4.4), JWT access tokens (RFC 9068) bound to
// one tenant, errors per §5.2, and key rotation without downtime.
describe(`OAuth 2.0 client credentials (${TEST_ENGINE})`, () => {
  let t: TestApp;
  let a: TenantCreds;
  let b: TenantCreds;
  let client: Client;
  beforeAll(async () => {
    t = await startTestApp({ authFailureLimit: 1000, oauthTokenTtlMinutes: 60 });
    a = await newTenant(t, 'Tenant A');
    b = await newTenant(t, 'Tenant B');
    client = await createClient(t, a.tenantId);
  });
  afterAll(() => t.close());

  it.each(['basic', 'post'] as const)('client_secret_%s → 200 RFC 6749 §5.1 response, no-store; the token works on SCIM', async (method) => {
    const res = await tokenRequest(t, client, { method });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers.pragma).toBe('no-cache');
    expect(res.body).toEqual({ access_token: expect.any(String), token_type: 'Bearer', expires_in: 3600, scope: 'scim:read scim:write' });
    const created = await createUser(t, { base: a.base, auth: bearer(res.body.access_token) }, `oauth.${method}@example.com`);
    expect(created.status).toBe(201);
    expect((await t.http.get(`${a.base}/Users/${created.body.id}`).set(bearer(res.body.access_token))).status).toBe(200);
    expect((await t.http.get('/scim/v2/Users').set(bearer(res.body.access_token))).status).toBe(200);
  });

  it('the access token is an ES256 at+jwt with kid, bound to the tenant (aud = Tenant URL, tid) and listed in the JWKS', async () => {
    const token = await accessToken(t, client);
    const header = decodeProtectedHeader(token);
    const claims = decodeJwt(token);
    expect(header).toMatchObject({ alg: 'ES256', typ: 'at+jwt', kid: expect.any(String) });
    expect(claims).toMatchObject({ iss: 'http://scim.test', aud: `http://scim.test${a.base}`, tid: a.tenantId, sub: client.clientId, client_id: client.clientId });
    expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBe(3600);
    const jwks = await t.http.get('/.well-known/jwks.json');
    expect(jwks.status).toBe(200);
    expect(jwks.body.keys.map((k: { kid: string }) => k.kid)).toContain(header.kid);
    expect(JSON.stringify(jwks.body)).not.toMatch(/"d"/); // public keys only
  });

  it("tenant A's access token is refused on tenant B's Tenant URL", async () => {
    const token = await accessToken(t, client);
    expectUniform401(await t.http.get(`${b.base}/Users`).set(bearer(token)));
  });

  it('requested scope: a subset is granted; an unknown or unheld scope → invalid_scope; a read-only token gets 403 on writes', async () => {
    const read = await tokenRequest(t, client, { scope: 'scim:read' });
    expect(read.status).toBe(200);
    expect(read.body.scope).toBe('scim:read');
    expect((await createUser(t, { base: a.base, auth: bearer(read.body.access_token) }, 'ro@example.com')).status).toBe(403);
    for (const scope of ['scim:everything', 'admin', 'scim:read audit:read']) {
      const bad = await tokenRequest(t, client, { scope });
      expect(bad.status).toBe(400);
      expect(bad.body.error).toBe('invalid_scope');
    }
  });

  it('expiry (injected clock): the token works until exp, then the uniform 401', async () => {
    const token = await accessToken(t, client);
    t.app.get(Clock).advance(59 * 60_000);
    expect((await t.http.get(`${a.base}/Users`).set(bearer(token))).status).toBe(200);
    t.app.get(Clock).advance(2 * 60_000);
    expectUniform401(await t.http.get(`${a.base}/Users`).set(bearer(token)));
  });

  it('tokens signed with our key but with claims that do not bind them correctly are refused', async () => {
    const { kid, key } = await t.app.get(SigningKeysService).signingKey();
    const now = Math.floor(t.app.get(Clock).now().getTime() / 1000);
    const forge = (claims: Record<string, unknown>, typ = 'at+jwt') => new SignJWT({ tid: a.tenantId, client_id: client.clientId,
      scope: 'scim:read scim:write', iss: 'http://scim.test', aud: `http://scim.test${a.base}`, sub: client.clientId, iat: now, exp: now + 600, ...claims })
      .setProtectedHeader({ alg: 'ES256', kid, typ }).sign(key);
    expect((await t.http.get(`${a.base}/Users`).set(bearer(await forge({})))).status).toBe(200); // the control
    const cases: Array<[string, Promise<string>]> = [
      ['tid of B, aud of A', forge({ tid: b.tenantId })],
      ["tid and aud of B with A's client", forge({ tid: b.tenantId, aud: `http://scim.test${b.base}` })],
      ['another issuer', forge({ iss: 'https://evil.example' })],
      ['sub is not the client', forge({ sub: 'someone-else' })],
      ['typ JWT (not an access token)', forge({}, 'JWT')],
      ['no exp', forge({ exp: undefined })],
      ['admin scope the client does not hold', forge({ scope: 'admin' })],
    ];
    for (const [label, token] of cases) {
      const res = await t.http.get(label.startsWith('admin') ? '/api/v1/tenants' : `${a.base}/Users`).set(bearer(await token));
      expect([label, res.status]).toEqual([label, label.startsWith('admin') ? 403 : 401]);
    }
    const none = new UnsecuredJWT({ tid: a.tenantId, client_id: client.clientId, scope: 'scim:read', sub: client.clientId })
      .setIssuer('http://scim.test').setAudience(`http://scim.test${a.base}`).setExpirationTime('10m').encode();
    expectUniform401(await t.http.get(`${a.base}/Users`).set(bearer(none)));
  });

  it('errors are OAuth JSON (RFC 6749 §5.2), never SCIM bodies', async () => {
    const wrong = await tokenRequest(t, { clientId: client.clientId, clientSecret: 'scimbcs_wrong' });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toEqual({ error: 'invalid_client', error_description: expect.any(String) });
    expect(wrong.headers['www-authenticate']).toMatch(/^Basic /);
    expect(wrong.headers['cache-control']).toBe('no-store');
    const unknown = await tokenRequest(t, { clientId: '00000000-0000-4000-8000-000000000000', clientSecret: client.clientSecret }, { method: 'post' });
    expect(unknown.status).toBe(401);
    expect(unknown.body.error).toBe('invalid_client');
    const grant = await tokenRequest(t, client, { grantType: 'password' });
    expect(grant.status).toBe(400);
    expect(grant.body.error).toBe('unsupported_grant_type');
    const noGrant = await t.http.post('/oauth/token').type('form').send({ client_id: client.clientId, client_secret: client.clientSecret });
    expect(noGrant.body.error).toBe('invalid_request');
    const json = await t.http.post('/oauth/token').send({ grant_type: 'client_credentials', client_id: client.clientId, client_secret: client.clientSecret });
    expect(json.status).toBe(400);
    expect(json.body.error).toBe('invalid_request');
    const twice = await t.http.post('/oauth/token').type('form').send('grant_type=client_credentials&grant_type=client_credentials'
      + `&client_id=${client.clientId}&client_secret=${client.clientSecret}`);
    expect(twice.body.error).toBe('invalid_request');
    const basic = Buffer.from(`${client.clientId}:${client.clientSecret}`).toString('base64');
    const both = await t.http.post('/oauth/token').type('form').set('Authorization', `Basic ${basic}`)
      .send({ grant_type: 'client_credentials', client_secret: client.clientSecret });
    expect(both.body.error).toBe('invalid_request');
    const anonymous = await t.http.post('/oauth/token').type('form').send({ grant_type: 'client_credentials' });
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error).toBe('invalid_client');
  });

  it('a form body is accepted on the token endpoint only; SCIM routes answer 415', async () => {
    const res = await t.http.post(`${a.base}/Users`).set(a.auth).type('form').send({ userName: 'form@example.com' });
    expect(res.status).toBe(415);
    expect(res.body.schemas).toEqual(['urn:ietf:params:scim:api:messages:2.0:Error']);
  });

  it("revoking the client stops its access tokens on the next request, and it can't get new ones", async () => {
    const doomed = await createClient(t, a.tenantId);
    const token = await accessToken(t, doomed);
    expect((await t.http.get(`${a.base}/Users`).set(bearer(token))).status).toBe(200);
    await t.app.get(OAuthClientsService).revoke(a.tenantId, doomed.clientId);
    expectUniform401(await t.http.get(`${a.base}/Users`).set(bearer(token)));
    expect((await tokenRequest(t, doomed)).body.error).toBe('invalid_client');
  });

  it('several active clients per tenant (rotation); client secrets are stored as digests only', async () => {
    const second = await createClient(t, a.tenantId);
    expect(second.clientSecret).toMatch(/^scimbcs_[A-Za-z0-9_-]{43}$/);
    expect((await tokenRequest(t, client)).status).toBe(200);
    expect((await tokenRequest(t, second)).status).toBe(200);
    const rows = await t.app.get(OAuthClientsService).list(a.tenantId);
    expect(JSON.stringify(rows)).not.toContain(second.clientSecret);
  });

  it('key rotation: the new key signs, tokens of the old key stay valid until they expire, then the old key leaves the JWKS', async () => {
    const keys = t.app.get(SigningKeysService);
    const before = await accessToken(t, client);
    const rotated = await keys.rotate();
    const after = await accessToken(t, client);
    expect(decodeProtectedHeader(after).kid).toBe(rotated.kid);
    expect(decodeProtectedHeader(before).kid).not.toBe(rotated.kid);
    expect(rotated.retired).toContain(decodeProtectedHeader(before).kid);
    expect((await t.http.get(`${a.base}/Users`).set(bearer(before))).status).toBe(200);
    expect((await t.http.get(`${a.base}/Users`).set(bearer(after))).status).toBe(200);
    const jwks = (await t.http.get('/.well-known/jwks.json')).body.keys.map((k: { kid: string }) => k.kid);
    expect(jwks).toEqual(expect.arrayContaining([rotated.kid, decodeProtectedHeader(before).kid]));
    t.app.get(Clock).advance(61 * 60_000);
    expectUniform401(await t.http.get(`${a.base}/Users`).set(bearer(before)));
    const fresh = await accessToken(t, client);
    expect((await t.http.get(`${a.base}/Users`).set(bearer(fresh))).status).toBe(200);
    t.app.get(Clock).advance(7 * 3600_000);
    const later = (await t.http.get('/.well-known/jwks.json')).body.keys.map((k: { kid: string }) => k.kid);
    expect(later).toEqual([rotated.kid]);
  });
});
