import { startTestApp, TestApp } from '../setup/test-app';
import { TEST_ENGINE } from '../setup/test-database';
import { bearer, newTenant, TenantCreds, tokenRequest } from './auth-support';

// Issue 4 §6: the admin API (/api/v1, `admin` scope) and its cross-tenant policy (docs/auth.md):
// the operator tenant's admins manage every tenant, other admins only their own.
describe(`admin API (${TEST_ENGINE})`, () => {
  let t: TestApp;
  let other: TenantCreds; // a non-operator tenant with an admin token
  beforeAll(async () => {
    t = await startTestApp({ authFailureLimit: 1000 });
    other = await newTenant(t, 'Customer', ['admin']);
  });
  afterAll(() => t.close());

  it('operator: create a tenant, issue and list its tokens, the new token works, revoke it', async () => {
    const created = await t.http.post('/api/v1/tenants').set(t.auth).send({ name: 'Fabrikam' });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ id: expect.any(String), name: 'Fabrikam', status: 'active', operator: false, entraTenantId: null,
      createdAt: expect.any(String), tenantUrl: `http://scim.test/scim/v2/${created.body.id}` });
    const id = created.body.id as string;
    const issued = await t.http.post(`/api/v1/tenants/${id}/tokens`).set(t.auth).send({ name: 'Entra', scopes: ['scim:read', 'scim:write'], expiresInDays: 90 });
    expect(issued.status).toBe(201);
    expect(issued.headers['cache-control']).toBe('no-store');
    expect(issued.body.secretToken).toMatch(/^scimb_/);
    expect(issued.body.tenantUrl).toBe(created.body.tenantUrl);
    expect(Object.keys(issued.body.token).sort()).toEqual(['createdAt', 'expiresAt', 'hint', 'id', 'lastUsedAt', 'name', 'revokedAt', 'scopes', 'tenantId']);
    expect((await t.http.get(`/scim/v2/${id}/Users`).set(bearer(issued.body.secretToken))).status).toBe(200);
    const list = await t.http.get(`/api/v1/tenants/${id}/tokens`).set(t.auth);
    expect(list.body).toHaveLength(1);
    expect(JSON.stringify(list.body)).not.toContain(issued.body.secretToken);
    expect((await t.http.delete(`/api/v1/tenants/${id}/tokens/${issued.body.token.id}`).set(t.auth)).status).toBe(204);
    expect((await t.http.get(`/scim/v2/${id}/Users`).set(bearer(issued.body.secretToken))).status).toBe(401);
    expect((await t.http.delete(`/api/v1/tenants/${id}/tokens/${issued.body.token.id}`).set(t.auth)).status).toBe(404);
  });

  it('operator: OAuth clients are created (secret once), listed without secrets, usable, revoked', async () => {
    const created = await t.http.post(`/api/v1/tenants/${other.tenantId}/clients`).set(t.auth).send({ name: 'Entra gallery app' });
    expect(created.status).toBe(201);
    expect(created.headers['cache-control']).toBe('no-store');
    expect(created.body).toMatchObject({ clientSecret: expect.stringMatching(/^scimbcs_/), tokenUrl: 'http://scim.test/oauth/token',
      client: { clientId: expect.any(String), scopes: ['scim:read', 'scim:write'] } });
    const client = { clientId: created.body.client.clientId, clientSecret: created.body.clientSecret };
    expect((await tokenRequest(t, client)).status).toBe(200);
    const list = await t.http.get(`/api/v1/tenants/${other.tenantId}/clients`).set(t.auth);
    expect(list.body.map((c: { clientId: string }) => c.clientId)).toContain(client.clientId);
    expect(JSON.stringify(list.body)).not.toContain(client.clientSecret);
    expect((await t.http.delete(`/api/v1/tenants/${other.tenantId}/clients/${client.clientId}`).set(t.auth)).status).toBe(204);
    expect((await tokenRequest(t, client)).status).toBe(401);
  });

  it('operator: disable and re-enable a tenant; the operator tenant itself cannot be disabled', async () => {
    const off = await t.http.patch(`/api/v1/tenants/${other.tenantId}`).set(t.auth).send({ status: 'disabled' });
    expect(off.body.status).toBe('disabled');
    expect((await t.http.get(`${other.base}/Users`).set(other.auth)).status).toBe(401);
    await t.http.patch(`/api/v1/tenants/${other.tenantId}`).set(t.auth).send({ status: 'active' }).expect(200);
    expect((await t.http.get(`${other.base}/Users`).set(other.auth)).status).toBe(200);
    expect((await t.http.patch(`/api/v1/tenants/${t.tenantId}`).set(t.auth).send({ status: 'disabled' })).status).toBe(403);
  });

  it("a non-operator admin sees and manages only its own tenant; others are the same 404 as an unknown id", async () => {
    const list = await t.http.get('/api/v1/tenants').set(other.auth);
    expect(list.body.map((x: { id: string }) => x.id)).toEqual([other.tenantId]);
    expect((await t.http.get(`/api/v1/tenants/${other.tenantId}`).set(other.auth)).status).toBe(200);
    const own = await t.http.post(`/api/v1/tenants/${other.tenantId}/tokens`).set(other.auth).send({});
    expect(own.status).toBe(201);
    expect((await t.http.patch(`/api/v1/tenants/${other.tenantId}`).set(other.auth).send({ name: 'Renamed' })).body.name).toBe('Renamed');
    const unknown = await t.http.get('/api/v1/tenants/00000000-0000-4000-8000-000000000000').set(other.auth);
    expect(unknown.status).toBe(404);
    for (const [method, path] of [['get', ''], ['patch', ''], ['get', '/tokens'], ['post', '/tokens'], ['get', '/clients'], ['post', '/clients'],
      ['delete', '/tokens/00000000-0000-4000-8000-000000000000'], ['delete', '/clients/00000000-0000-4000-8000-000000000000']] as const) {
      const res = await t.http[method](`/api/v1/tenants/${t.tenantId}${path}`).set(other.auth).send(method === 'patch' ? { name: 'x' } : {});
      expect([method, path, res.status, res.text]).toEqual([method, path, 404, unknown.text]);
    }
  });

  it('a non-operator admin may not create tenants, change a status or link an Entra tenant (403)', async () => {
    expect((await t.http.post('/api/v1/tenants').set(other.auth).send({ name: 'Nope' })).status).toBe(403);
    expect((await t.http.patch(`/api/v1/tenants/${other.tenantId}`).set(other.auth).send({ status: 'disabled' })).status).toBe(403);
    expect((await t.http.patch(`/api/v1/tenants/${other.tenantId}`).set(other.auth).send({ entraTenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47' })).status).toBe(403);
  });

  it('validation: unknown fields, bad scopes, bad names → 400 SCIM error; unauthenticated → the uniform 401', async () => {
    const bad: Array<[string, string, unknown]> = [
      ['post', '/api/v1/tenants', { name: '' }],
      ['post', '/api/v1/tenants', { name: 'x', isOperator: true }],
      ['post', `/api/v1/tenants/${other.tenantId}/tokens`, { scopes: ['root'] }],
      ['post', `/api/v1/tenants/${other.tenantId}/tokens`, { scopes: [] }],
      ['post', `/api/v1/tenants/${other.tenantId}/tokens`, { expiresInDays: -1 }],
      ['post', `/api/v1/tenants/${other.tenantId}/clients`, { name: null }],
      ['patch', `/api/v1/tenants/${other.tenantId}`, { status: 'deleted' }],
      ['patch', `/api/v1/tenants/${other.tenantId}`, { entraTenantId: 'not-a-guid' }],
    ];
    for (const [method, path, body] of bad) {
      const res = await (method === 'post' ? t.http.post(path) : t.http.patch(path)).set(t.auth).send(body as object);
      expect([path, JSON.stringify(body), res.status]).toEqual([path, JSON.stringify(body), 400]);
      expect(res.body.schemas).toEqual(['urn:ietf:params:scim:api:messages:2.0:Error']);
    }
    const anon = await t.http.get('/api/v1/tenants');
    expect(anon.status).toBe(401);
    expect(anon.headers['www-authenticate']).toBe('Bearer realm="scim"');
  });

  it('is documented in Swagger with the bearer scheme', async () => {
    const doc = (await t.http.get('/docs-json')).body;
    for (const path of ['/api/v1/tenants', '/api/v1/tenants/{id}', '/api/v1/tenants/{id}/tokens', '/api/v1/tenants/{id}/tokens/{tokenId}',
      '/api/v1/tenants/{id}/clients', '/api/v1/tenants/{id}/clients/{clientId}', '/oauth/token', '/.well-known/jwks.json']) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
    expect(doc.paths['/api/v1/tenants'].get.security).toEqual([{ bearer: [] }]);
    expect(doc.components.schemas.TenantView).toBeDefined();
  });
});
