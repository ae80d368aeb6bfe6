import { DataSource } from 'typeorm';
import { TenantsService } from '../../src/auth/tenants.service';
import type { Scope } from '../../src/auth/principal';
import { SCIM_JSON, TestApp } from '../setup/test-app';
import { TEST_ENGINE } from '../setup/test-database';

/** Helpers shared by the audit-*.spec.ts files (issue 5). */
export const CORE_USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const CORE_GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
export const PATCHOP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

/** Raw SQL against the test database, `?` placeholders on both engines. */
export function sql<T = Record<string, unknown>>(t: TestApp, q: string, params: unknown[] = []): Promise<T[]> {
  let n = 0;
  const text = TEST_ENGINE === 'postgres' ? q.replace(/\?/g, () => `$${++n}`) : q;
  return t.app.get(DataSource).query(text, params);
}

export function scim(t: TestApp, auth: { Authorization: string } = t.auth, base = t.base) {
  const send = (r: ReturnType<TestApp['http']['post']>, body: unknown) => r.set(auth).set('Content-Type', SCIM_JSON).send(JSON.stringify(body));
  return {
    post: (path: string, body: unknown) => send(t.http.post(`${base}${path}`), body),
    put: (path: string, body: unknown) => send(t.http.put(`${base}${path}`), body),
    patch: (path: string, ops: unknown[]) => send(t.http.patch(`${base}${path}`), { schemas: [PATCHOP], Operations: ops }),
    del: (path: string) => t.http.delete(`${base}${path}`).set(auth),
  };
}

export const userBody = (userName: string, extra: Record<string, unknown> = {}) => ({ schemas: [CORE_USER], userName, active: true, ...extra });

export async function issueToken(t: TestApp, scopes: Scope[], name = 'audit test token'): Promise<{ token: string; id: string; auth: { Authorization: string } }> {
  const issued = await t.app.get(TenantsService).issueToken(t.tenantId, { scopes, name });
  return { token: issued.token, id: issued.record.id, auth: { Authorization: `Bearer ${issued.token}` } };
}

/** The tenant's audit API. */
export function auditApi(t: TestApp, auth: { Authorization: string } = t.auth) {
  return (path: string, query: Record<string, string | number> = {}) => t.http.get(`/api/v1/audit${path}`).query(query).set(auth);
}

export interface StoredEvent {
  seq: number;
  action: string;
  outcome: string;
  status: number;
  scim_type: string | null;
  resource_id: string | null;
  actor_type: string;
  actor_id: string | null;
}

export function storedEvents(t: TestApp, tenantId = t.tenantId): Promise<StoredEvent[]> {
  return sql<StoredEvent>(t, 'SELECT seq, action, outcome, status, scim_type, resource_id, actor_type, actor_id FROM audit_event WHERE tenant_id = ? ORDER BY seq', [tenantId]);
}
