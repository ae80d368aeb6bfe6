import { startTestApp, TestApp } from '../setup/test-app';

// Issue 3 §10: Swagger describes every route, its SCIM schemas, errors and the bearer scheme.
describe('OpenAPI document at /docs-json and Swagger UI at /docs', () => {
  let t: TestApp;
  let doc: { paths: Record<string, Record<string, { security?: unknown[]; responses: Record<string, unknown> }>>; components: { schemas: Record<string, unknown>; securitySchemes: Record<string, unknown> } };
  beforeAll(async () => {
    t = await startTestApp();
    doc = (await t.http.get('/docs-json')).body;
  });
  afterAll(() => t.close());

  it('serves the UI', async () => {
    const res = await t.http.get('/docs');
    expect(res.status).toBe(200);
    expect(res.text).toContain('swagger');
  });

  it.each([
    ['/scim/v2/{tenantId}/Users', ['get', 'post']], ['/scim/v2/{tenantId}/Users/{id}', ['get', 'put', 'patch', 'delete']],
    ['/scim/v2/{tenantId}/Users/.search', ['post']], ['/scim/v2/{tenantId}/Groups', ['get', 'post']],
    ['/scim/v2/{tenantId}/Groups/{id}', ['get', 'put', 'patch', 'delete']], ['/scim/v2/Users', ['get', 'post']],
    ['/scim/v2/{tenantId}/Schemas', ['get']], ['/scim/v2/{tenantId}/ServiceProviderConfig', ['get']], ['/health/ready', ['get']],
  ])('documents %s %j', (path, methods) => {
    expect(doc.paths[path]).toBeDefined();
    for (const m of methods) expect(doc.paths[path][m]).toBeDefined();
  });

  it('declares the bearer scheme on SCIM resource routes and SCIM error bodies for 401', () => {
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    const op = doc.paths['/scim/v2/{tenantId}/Users'].post;
    expect(op.security).toEqual([{ bearer: [] }]);
    expect(JSON.stringify(op.responses['401'])).toContain('#/components/schemas/ScimError');
    for (const s of ['ScimUser', 'ScimGroup', 'ScimError', 'ScimListResponse', 'ScimPatchOp', 'ScimSearchRequest']) expect(doc.components.schemas[s]).toBeDefined();
  });
});
