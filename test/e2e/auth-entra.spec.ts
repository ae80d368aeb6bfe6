import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, KeyLike, SignJWT } from 'jose';
import { Clock } from '../../src/common/clock';
import { ENTRA_CUSTOM_APP_AUDIENCE } from '../../src/config/app-config';
import { startTestApp, TestApp } from '../setup/test-app';
import { TEST_ENGINE } from '../setup/test-database';
import { bearer, createUser, expectUniform401, newTenant, TenantCreds } from './auth-support';

const ENTRA_TID = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const OTHER_TID = '11111111-2222-4333-8444-555555555555';

// Issue 4 §5 and entra-scim.md §9 "Blank Secret Token": Entra's own RS256 JWTs, verified against
// a JWKS file of locally generated keys, mapped to the tenant linked to their `tid`.
describe(`Entra-issued tokens (${TEST_ENGINE})`, () => {
  let t: TestApp;
  let a: TenantCreds;
  let entraKey: KeyLike;
  let strangerKey: KeyLike;
  let jwksFile: string;
  const kid = 'entra-test-key-1';

  const entraToken = (claims: Record<string, unknown> = {}, key: KeyLike | Uint8Array = entraKey, alg = 'RS256') => {
    const now = Math.floor(t.app.get(Clock).now().getTime() / 1000);
    return new SignJWT({ iss: `https://sts.windows.net/${ENTRA_TID}/`, aud: ENTRA_CUSTOM_APP_AUDIENCE, tid: ENTRA_TID,
      oid: '0b5e6b5a-0000-4000-8000-000000000001', appid: '0b5e6b5a-0000-4000-8000-000000000002', iat: now, nbf: now, exp: now + 3600, ...claims })
      .setProtectedHeader({ alg, kid, typ: 'JWT' }).sign(key);
  };

  beforeAll(async () => {
    const entra = await generateKeyPair('RS256');
    entraKey = entra.privateKey;
    strangerKey = (await generateKeyPair('RS256')).privateKey;
    const publicJwk = await exportJWK(entra.publicKey);
    jwksFile = join(mkdtempSync(join(tmpdir(), 'entra-jwks-')), 'jwks.json');
    writeFileSync(jwksFile, JSON.stringify({ keys: [{ ...publicJwk, kid, alg: 'RS256', use: 'sig' }] }));
    t = await startTestApp({ authFailureLimit: 1000, entraJwtIssuer: 'https://sts.windows.net/{tenantid}/',
      entraJwtAudience: ENTRA_CUSTOM_APP_AUDIENCE, entraJwksFile: jwksFile });
    a = await newTenant(t, 'Entra-linked tenant');
    const link = await t.http.patch(`/api/v1/tenants/${a.tenantId}`).set(t.auth).send({ entraTenantId: ENTRA_TID.toUpperCase() });
    expect(link.status).toBe(200);
    expect(link.body.entraTenantId).toBe(ENTRA_TID);
  });
  afterAll(() => t.close());

  it("a valid Entra token reads and writes its linked tenant, and only that tenant", async () => {
    const token = await entraToken();
    expect((await t.http.get(`${a.base}/Users`).set(bearer(token))).status).toBe(200);
    expect((await createUser(t, { base: a.base, auth: bearer(token) }, 'entra.user@example.com')).status).toBe(201);
    expectUniform401(await t.http.get(`/scim/v2/${t.tenantId}/Users`).set(bearer(token)));
    expect((await t.http.get('/api/v1/tenants').set(bearer(token))).status).toBe(403); // never admin
  });

  it('refuses wrong audience, issuer, tenant, key, algorithm and expired tokens with the uniform 401', async () => {
    const cases: Array<[string, Promise<string>]> = [
      ['aud of another app', entraToken({ aud: '00000000-0000-0000-0000-000000000001' })],
      ["issuer of another Entra tenant", entraToken({ iss: `https://sts.windows.net/${OTHER_TID}/` })],
      ['a tid nobody linked', entraToken({ tid: OTHER_TID, iss: `https://sts.windows.net/${OTHER_TID}/` })],
      ['v2 issuer form', entraToken({ iss: `https://login.microsoftonline.com/${ENTRA_TID}/v2.0` })],
      ['signed by a stranger key with the same kid', entraToken({}, strangerKey)],
      ['expired', entraToken({ exp: Math.floor(Date.now() / 1000) - 3600, iat: Math.floor(Date.now() / 1000) - 7200, nbf: undefined })],
      ['no tid', entraToken({ tid: undefined })],
      ['HS256 instead of RS256', entraToken({}, new TextEncoder().encode('a-shared-secret-of-at-least-32-bytes!'), 'HS256')],
    ];
    for (const [label, token] of cases) {
      const res = await t.http.get(`${a.base}/Users`).set(bearer(await token));
      expect([label, res.status]).toEqual([label, 401]);
      expectUniform401(res);
    }
  });

  it('a token expires with the clock; a disabled tenant and an unlinked tenant refuse it', async () => {
    const token = await entraToken();
    t.app.get(Clock).advance(3600_000 + 61_000);
    expectUniform401(await t.http.get(`${a.base}/Users`).set(bearer(token)));
    const fresh = await entraToken();
    await t.http.patch(`/api/v1/tenants/${a.tenantId}`).set(t.auth).send({ status: 'disabled' }).expect(200);
    expectUniform401(await t.http.get(`${a.base}/Users`).set(bearer(fresh)));
    await t.http.patch(`/api/v1/tenants/${a.tenantId}`).set(t.auth).send({ status: 'active' }).expect(200);
    expect((await t.http.get(`${a.base}/Users`).set(bearer(fresh))).status).toBe(200);
    await t.http.patch(`/api/v1/tenants/${a.tenantId}`).set(t.auth).send({ entraTenantId: null }).expect(200);
    expectUniform401(await t.http.get(`${a.base}/Users`).set(bearer(fresh)));
  });

  it('one Entra tenant links to one tenant only (409 uniqueness)', async () => {
    const other = await newTenant(t, 'Second');
    await t.http.patch(`/api/v1/tenants/${a.tenantId}`).set(t.auth).send({ entraTenantId: ENTRA_TID }).expect(200);
    const dup = await t.http.patch(`/api/v1/tenants/${other.tenantId}`).set(t.auth).send({ entraTenantId: ENTRA_TID });
    expect(dup.status).toBe(409);
  });

  it('without the Entra configuration, the same tokens are refused', async () => {
    const plain = await startTestApp({ authFailureLimit: 1000 });
    try {
      await plain.http.patch(`/api/v1/tenants/${plain.tenantId}`).set(plain.auth).send({ entraTenantId: ENTRA_TID }).expect(200);
      expectUniform401(await plain.http.get(`${plain.base}/Users`).set(bearer(await entraToken())));
    } finally {
      await plain.close();
    }
  });

});
