import http from 'node:http';
import { httpRequest, HttpOptions, HttpResult } from '../../system/support/http';
import { recordSecret } from './run-dir';

export const CORE_USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const CORE_GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
export const PATCHOP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
export const SEARCH = 'urn:ietf:params:scim:api:messages:2.0:SearchRequest';
export const SCIM_ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';
export const SCIM_JSON = 'application/scim+json';

export type Json = Record<string, any>;

/**
 * One tenant's credentials against one running service, over keep-alive connections. `origin`
 * may be swapped (two replicas) while the tenant and token stay.
 */
export class ScimClient {
  readonly agent: http.Agent;

  constructor(public origin: string, readonly tenantId: string, readonly token: string, sockets = 8) {
    this.agent = new http.Agent({ keepAlive: true, maxSockets: sockets });
  }

  static fromTenantUrl(tenantUrl: string, token: string, sockets?: number): ScimClient {
    const u = new URL(tenantUrl);
    return new ScimClient(u.origin, u.pathname.split('/').pop()!, token, sockets);
  }

  get base(): string {
    return `/scim/v2/${this.tenantId}`;
  }

  withOrigin(origin: string): ScimClient {
    return new ScimClient(origin, this.tenantId, this.token);
  }

  /** A request to `path` (under the Tenant URL unless it starts with /api, /health or /scim). */
  send(method: string, path: string, body?: unknown, headers: Record<string, string> = {}, opts: Partial<HttpOptions> = {}): Promise<HttpResult> {
    const url = /^\/(api|health|scim|oauth|metrics)\b/.test(path) ? `${this.origin}${path}` : `${this.origin}${this.base}${path}`;
    const raw = body === undefined ? undefined : typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
    return httpRequest(url, {
      method, agent: this.agent, timeoutMs: 30_000, ...opts, body: raw,
      headers: { Authorization: `Bearer ${this.token}`, ...(raw !== undefined ? { 'Content-Type': SCIM_JSON } : {}), ...headers },
    });
  }

  createUser(userName: string, extra: Json = {}): Promise<HttpResult> {
    return this.send('POST', '/Users', { schemas: [CORE_USER], userName, ...extra });
  }

  createGroup(displayName: string, members: string[] = []): Promise<HttpResult> {
    return this.send('POST', '/Groups', { schemas: [CORE_GROUP], displayName, members: members.map((value) => ({ value })) });
  }

  patch(type: 'Users' | 'Groups', id: string, operations: unknown[], headers: Record<string, string> = {}): Promise<HttpResult> {
    return this.send('PATCH', `/${type}/${id}`, { schemas: [PATCHOP], Operations: operations }, headers);
  }

  /** Every id the filter selects (needs SCIM_MAX_RESULTS ≥ the data set, set by the fuzz specs). */
  async listAll(type: 'Users' | 'Groups', query = ''): Promise<Json[]> {
    const res = await this.send('GET', `/${type}?count=1000${query}`);
    if (res.status !== 200) throw new Error(`list ${type}: ${res.status} ${res.text.slice(0, 300)}`);
    return res.json.Resources ?? [];
  }

  /** A new tenant and a token for it, through the admin API (needs an operator admin token). */
  async createTenant(name: string, scopes: string[] = ['scim:read', 'scim:write', 'audit:read']): Promise<ScimClient> {
    const t = await this.send('POST', '/api/v1/tenants', { name }, { 'Content-Type': 'application/json' });
    if (t.status !== 201) throw new Error(`create tenant: ${t.status} ${t.text}`);
    const issued = await this.issueToken(t.json.id, scopes);
    return new ScimClient(this.origin, t.json.id, issued.secret);
  }

  async issueToken(tenantId: string, scopes: string[], name = 'reliability'): Promise<{ id: string; secret: string }> {
    const res = await this.send('POST', `/api/v1/tenants/${tenantId}/tokens`, { name, scopes }, { 'Content-Type': 'application/json' });
    if (res.status !== 201) throw new Error(`issue token: ${res.status} ${res.text}`);
    recordSecret(res.json.secretToken);
    return { id: res.json.token.id, secret: res.json.secretToken };
  }

  close(): void {
    this.agent.destroy();
  }
}

/** Runs `fn` over `items` with at most `concurrency` in flight; results in input order. */
export async function pool<T, R>(items: T[], concurrency: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return out;
}

/** RFC 7644 §3.12: Error schema, status as a string, content type application/scim+json. */
export function isScimError(res: HttpResult, status = res.status): boolean {
  return res.status === status && /^application\/scim\+json/.test(String(res.headers['content-type']))
    && Array.isArray(res.json?.schemas) && res.json.schemas[0] === SCIM_ERROR && res.json.status === String(status);
}

export function describeResponse(res: HttpResult): string {
  return `${res.status} ${res.text.slice(0, 300)}`;
}
