import type { Response } from 'supertest';
import { TenantsService } from '../../src/auth/tenants.service';
import { Scope } from '../../src/auth/principal';
import { SCIM_JSON, TestApp } from '../setup/test-app';

/** Helpers shared by the auth-*.spec.ts files (issue 4). */

export const CORE_USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const CORE_GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
export const PATCHOP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
export const UNAUTHORIZED_BODY = { schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '401', detail: 'Authentication required' };

export interface TenantCreds {
  tenantId: string;
  token: string;
  base: string;
  auth: { Authorization: string };
}

/** Every authentication failure looks exactly like this (issue 4 §7). */
export function expectUniform401(res: Response): void {
  expect(res.status).toBe(401);
  expect(res.headers['www-authenticate']).toBe('Bearer realm="scim"');
  expect(res.headers['content-type']).toMatch(/^application\/scim\+json/);
  expect(res.text).toBe(JSON.stringify(UNAUTHORIZED_BODY));
}

export async function newTenant(t: TestApp, name: string, scopes?: Scope[]): Promise<TenantCreds> {
  const tenants = t.app.get(TenantsService);
  const tenant = await tenants.create(name);
  const { token } = await tenants.issueToken(tenant.id, { scopes, name: `${name} token` });
  return { tenantId: tenant.id, token, base: `/scim/v2/${tenant.id}`, auth: { Authorization: `Bearer ${token}` } };
}

export async function issueToken(t: TestApp, tenantId: string, scopes?: Scope[], expiresInDays?: number): Promise<{ token: string; id: string }> {
  const issued = await t.app.get(TenantsService).issueToken(tenantId, { scopes, expiresInDays });
  return { token: issued.token, id: issued.record.id };
}

export async function createClient(t: TestApp, tenantId: string, scopes?: Scope[]): Promise<{ clientId: string; clientSecret: string }> {
  const created = await t.app.get(TenantsService).createClient(tenantId, { scopes });
  return { clientId: created.client.clientId, clientSecret: created.clientSecret };
}

/** A token request; `method` picks client_secret_basic (default) or client_secret_post (RFC 6749 §2.3.1). */
export function tokenRequest(t: TestApp, client: { clientId: string; clientSecret: string },
  opts: { method?: 'basic' | 'post'; scope?: string; grantType?: string } = {}) {
  const form: Record<string, string> = { grant_type: opts.grantType ?? 'client_credentials' };
  if (opts.scope !== undefined) form.scope = opts.scope;
  const req = t.http.post('/oauth/token').type('form');
  if (opts.method === 'post') return req.send({ ...form, client_id: client.clientId, client_secret: client.clientSecret });
  const basic = Buffer.from(`${encodeURIComponent(client.clientId)}:${encodeURIComponent(client.clientSecret)}`).toString('base64');
  return req.set('Authorization', `Basic ${basic}`).send(form);
}

export async function accessToken(t: TestApp, client: { clientId: string; clientSecret: string }, scope?: string): Promise<string> {
  const res = await tokenRequest(t, client, { scope });
  expect(res.status).toBe(200);
  return res.body.access_token as string;
}

export function createUser(t: TestApp, creds: { base: string; auth: { Authorization: string } }, userName: string) {
  return t.http.post(`${creds.base}/Users`).set(creds.auth).set('Content-Type', SCIM_JSON)
    .send(JSON.stringify({ schemas: [CORE_USER], userName, active: true }));
}

export function createGroup(t: TestApp, creds: { base: string; auth: { Authorization: string } }, displayName: string) {
  return t.http.post(`${creds.base}/Groups`).set(creds.auth).set('Content-Type', SCIM_JSON)
    .send(JSON.stringify({ schemas: [CORE_GROUP], displayName }));
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
