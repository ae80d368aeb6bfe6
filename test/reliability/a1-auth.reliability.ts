import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, TestDatabase } from '../setup/test-database';
import { httpRequest } from '../system/support/http';
import { dbEnv } from '../system/support/spawn-service';
import { DbProbe } from './support/db-probe';
import { buildRequest, rawRequest } from './support/raw-http';
import { recordFigure, recordSecret } from './support/run-dir';
import { CORE_USER, PATCHOP, ScimClient } from './support/scim-client';
import { Fleet, RunningService } from './support/service';
import { ENGINE, label, SIZE } from './support/tier';

// reliability-plan.md §5.5 A1–A3 against the built service: the malformed-Authorization corpus on
// every authenticated route (one uniform 401, never a 5xx); brute force from one address is
// throttled (429 + Retry-After) while a valid token from that address still works; revoked and
// expired credentials fail on the very next request; tokens are shown once and stored as digests;
// a guessable bootstrap secret stops the start (V11).
const UNAUTHORIZED = JSON.stringify({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '401', detail: 'Authentication required' });

describe(label('A1–A3 authentication'), () => {
  const fleet = new Fleet('a1-auth');
  let db: TestDatabase;
  let probe: DbProbe;
  let svc: RunningService;
  let c: ScimClient;
  let ids: { user: string; group: string };

  beforeAll(async () => {
    db = await createTestDatabase();
    probe = new DbProbe(db);
    svc = await fleet.start(dbEnv(db.config));
    c = ScimClient.fromTenantUrl(svc.tenantUrl!, svc.token!);
    ids = { user: (await c.createUser('auth.user@example.com')).json.id, group: (await c.createGroup('Auth group')).json.id };
  });
  afterAll(async () => {
    c?.close();
    await fleet.stopAll();
    await db?.drop();
  });

  const routes = (): Array<[string, string, unknown?]> => [
    ['GET', `${c.base}/Users`], ['GET', `${c.base}/Users/${ids.user}`], ['POST', `${c.base}/Users`, { schemas: [CORE_USER], userName: 'never@example.com' }],
    ['PUT', `${c.base}/Users/${ids.user}`, { schemas: [CORE_USER], userName: 'auth.user@example.com' }],
    ['PATCH', `${c.base}/Users/${ids.user}`, { schemas: [PATCHOP], Operations: [{ op: 'replace', path: 'title', value: 'x' }] }],
    ['DELETE', `${c.base}/Users/${ids.user}`], ['POST', `${c.base}/Users/.search`, {}], ['GET', `${c.base}/Groups`], ['GET', `${c.base}/Groups/${ids.group}`],
    ['PATCH', `${c.base}/Groups/${ids.group}`, { schemas: [PATCHOP], Operations: [] }], ['DELETE', `${c.base}/Groups/${ids.group}`], ['POST', `${c.base}/Groups/.search`, {}],
    ['GET', '/scim/v2/Users'], ['GET', `/scim/v2/Users/${ids.user}`], ['GET', '/scim/v2/Groups'], ['GET', '/api/v1/tenants'], ['POST', '/api/v1/tenants', { name: 'x' }],
    ['GET', `/api/v1/tenants/${c.tenantId}/tokens`], ['GET', '/api/v1/audit/events'], ['GET', '/api/v1/audit/verify'],
  ];

  const corpus = (token: string): Array<[string, string | undefined]> => [
    ['missing', undefined], ['empty', ''], ['"Bearer"', 'Bearer'], ['"Bearer " + spaces', 'Bearer      '], ['Basic', 'Basic dXNlcjpwYXNzd29yZA=='],
    ['Basic with the valid token', `Basic ${Buffer.from(`x:${token}`).toString('base64')}`], ['the token without a scheme', token], ['tab separator', `Bearer\t${token}`],
    ['two spaces', `Bearer  ${token}`], ['valid token + garbage', `Bearer ${token} garbage`], ['valid token + one char', `Bearer ${token}x`],
    ['valid token minus one char', `Bearer ${token.slice(0, -1)}`], ['10 KB token', `Bearer scimb_${'A'.repeat(10 * 1024)}`],
    ['10 KB JWT-shaped', `Bearer ${'eyJh'.repeat(1000)}.${'a'.repeat(4000)}.${'b'.repeat(2000)}`], ['JWT-shaped garbage', 'Bearer a.b.c'],
    ['alg none', `Bearer ${Buffer.from('{"alg":"none","typ":"at+jwt"}').toString('base64url')}.${Buffer.from('{"sub":"x"}').toString('base64url')}.`],
    ['Latin-1', 'Bearer t\u00f6k\u00e9n'.padEnd(50, '\u00e9')], ['"null"', 'Bearer null'], ['"undefined"', 'Bearer undefined'],
    ['SQL-ish', "Bearer scimb_' OR '1'='1' --xxxxxxxxxxxxxxxxxxxxxxxxxxx"], ['comma list', `Bearer ${token}, Bearer other`], ['lower-case token', `Bearer ${token.toLowerCase()}`],
  ];

  it('A1: every malformed Authorization on every route → the same 401 (body, WWW-Authenticate), never a 5xx', async () => {
    let n = 0;
    for (const [name, header] of corpus(c.token)) {
      recordSecret(header?.replace(/^\S+\s+/, ''));
      for (const [method, path, body] of routes()) {
        const headers: Record<string, string> = header === undefined ? {} : { Authorization: header };
        if (body !== undefined) headers['Content-Type'] = 'application/scim+json';
        const r = await httpRequest(`${svc.origin}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), agent: c.agent });
        n++;
        expect([name, method, path, r.status, r.headers['www-authenticate'], r.text]).toEqual([name, method, path, 401, 'Bearer realm="scim"', UNAUTHORIZED]);
      }
    }
    const raw = [`Authorization: ${Buffer.from('Bearer ключ-токен-日本語', 'utf8').toString('latin1')}`, `Authorization: Bearer \x01\x02\x7f${'x'.repeat(40)}`,
      `Authorization: Bearer ${c.token}\r\nAuthorization: Bearer wrong-${'x'.repeat(40)}`, `Authorization: Bearer wrong-${'x'.repeat(40)}\r\nAuthorization: Bearer ${c.token}`];
    for (const line of raw) {
      const r = await rawRequest(svc.port, Buffer.from(`GET ${c.base}/Users HTTP/1.1\r\nHost: 127.0.0.1\r\n${line}\r\nConnection: close\r\n\r\n`, 'latin1'));
      expect([line.slice(0, 40), r.statuses[0] < 500]).toEqual([line.slice(0, 40), true]);
      if (r.statuses[0] === 401) expect(r.text.endsWith(UNAUTHORIZED)).toBe(true);
    }
    for (const scheme of ['bearer', 'BEARER', 'bEaReR']) expect((await httpRequest(`${svc.tenantUrl}/Users`, { headers: { Authorization: `${scheme} ${c.token}` } })).status).toBe(200);
    recordFigure('A1 Authorization corpus', { engine: ENGINE, requests: n + raw.length + 3 });
  });

  it('A2: revoked tokens and OAuth clients fail on the next request; an expired token too; secrets are stored as digests only', async () => {
    const issued = await c.issueToken(c.tenantId, ['scim:read']);
    expect(issued.secret).toMatch(/^scimb_[A-Za-z0-9_-]{43}$/);
    const use = (token: string) => httpRequest(`${svc.tenantUrl}/Users?count=1`, { headers: { Authorization: `Bearer ${token}` } });
    expect((await use(issued.secret)).status).toBe(200);
    expect((await c.send('DELETE', `/api/v1/tenants/${c.tenantId}/tokens/${issued.id}`)).status).toBe(204);
    expect((await use(issued.secret)).status).toBe(401);

    const client = await c.send('POST', `/api/v1/tenants/${c.tenantId}/clients`, { name: 'revoked client', scopes: ['scim:read'] }, { 'Content-Type': 'application/json' });
    recordSecret(client.json.clientSecret);
    const basic = Buffer.from(`${client.json.client.clientId}:${client.json.clientSecret}`).toString('base64');
    const grant = await httpRequest(`${svc.origin}/oauth/token`, { method: 'POST', body: 'grant_type=client_credentials',
      headers: { Authorization: `Basic ${basic}`, 'Content-Type': 'application/x-www-form-urlencoded' } });
    recordSecret(grant.json.access_token);
    expect((await use(grant.json.access_token)).status).toBe(200);
    expect((await c.send('DELETE', `/api/v1/tenants/${c.tenantId}/clients/${client.json.client.clientId}`)).status).toBe(204);
    expect((await use(grant.json.access_token)).status).toBe(401);

    // Expiry: the shortest lifetime the CLI issues is 1 h (admin API: whole days), so the stored
    // expires_at is moved one second into the past; the very next request must fail.
    const expiring = await c.issueToken(c.tenantId, ['scim:read']);
    expect((await use(expiring.secret)).status).toBe(200);
    await probe.query('UPDATE api_token SET expires_at = ? WHERE id = ?', [new Date(Date.now() - 1_000).toISOString(), expiring.id]);
    expect((await use(expiring.secret)).status).toBe(401);

    const rows = JSON.stringify(await probe.query('SELECT * FROM api_token'));
    for (const secret of [svc.token!, issued.secret, expiring.secret]) expect(rows).not.toContain(secret.slice(6));
    expect((await probe.query<{ token_digest: string }>('SELECT token_digest FROM api_token')).every((r) => /^[0-9a-f]{64}$/.test(r.token_digest))).toBe(true);
  });

  it('A1/V11: a start with an empty, short or default-looking BOOTSTRAP_TOKEN is refused (exit 1, never listens)', async () => {
    for (const value of ['', 'short-token', `changeme-${'x'.repeat(32)}`]) {
      recordSecret(value);
      const dir = mkdtempSync(join(tmpdir(), 'scimbridge-v11-'));
      try {
        const raw = await fleet.spawnRaw({ DATA_DIR: dir, BOOTSTRAP_TOKEN: value });
        const exit = await Promise.race([raw.exited, new Promise((r) => setTimeout(r, 20_000, 'still running'))]);
        if (exit === 'still running') raw.proc.kill('SIGKILL');
        expect([value, exit]).toEqual([value, { code: 1, signal: null }]);
        expect(raw.lines.join('\n')).toMatch(/Configuration error: BOOTSTRAP_TOKEN/);
        expect(raw.lines.some((l) => l.includes('listening on'))).toBe(false);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  });

  it(`A3: ${SIZE.bruteForceAttempts} wrong tokens from 127.0.0.2 → 429 after 20, a valid token from there still works`, async () => {
    await fleet.kill9(svc); // one process per SQLite file: the default-limit service takes over the database
    const limited = await fleet.start({ ...dbEnv(db.config), AUTH_FAILURE_LIMIT: '20', AUTH_FAILURE_WINDOW_SECONDS: '60' });
    const target = `${c.base}/Users?count=1`;
    const send = (token: string, from: string, extra = '') => rawRequest(limited.port, buildRequest('GET', target,
      [['Host', '127.0.0.1'], ['Authorization', `Bearer ${token}`], ['Connection', 'close'], ...(extra ? [['X-Forwarded-For', extra] as [string, string]] : [])]), 5_000, from);
    const statuses: number[] = [];
    const valid: number[] = [];
    for (let i = 0; i < SIZE.bruteForceAttempts; i++) {
      const r = await send(`scimb_${randomBytes(32).toString('base64url')}`, '127.0.0.2', i % 2 ? `10.0.${i % 250}.1` : '');
      statuses.push(r.statuses[0]);
      if (r.statuses[0] === 429) {
        expect(Number(/retry-after: (\d+)/i.exec(r.headers)?.[1])).toBeLessThanOrEqual(60);
        expect(r.body).toMatchObject({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '429' });
      }
      if (i % 25 === 24) valid.push((await send(c.token, '127.0.0.2')).statuses[0]);
    }
    expect(statuses.slice(0, 20).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(20).every((s) => s === 429)).toBe(true);
    expect(valid.every((s) => s === 200)).toBe(true);
    expect((await send(`scimb_${randomUUID()}`, '127.0.0.3')).statuses[0]).toBe(401);
    recordFigure('A3 brute force', { engine: ENGINE, attempts: SIZE.bruteForceAttempts, refused401: statuses.filter((s) => s === 401).length,
      throttled429: statuses.filter((s) => s === 429).length, validDuringLockout: valid });
    await fleet.kill9(limited);
  });
});
