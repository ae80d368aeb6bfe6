import { createTestDatabase, TEST_ENGINE, TestDatabase } from '../setup/test-database';
import { httpRequest } from './support/http';
import { dbEnv, jsonLines, RunningService, startService } from './support/spawn-service';

// Issue 6 check / reliability-plan.md §5.5 H1 on the built service's real stdout and stderr: one
// JSON line per request with the fields on-call needs; the bootstrap token only in its one
// first-start line; no Authorization value, wrong token or resource body anywhere — even at debug.
const CANARY = `canary-${Math.random().toString(36).slice(2)}`;
const REQUEST_FIELDS = ['time', 'level', 'reqId', 'method', 'route', 'status', 'durationMs'];

describe(`logs of the built service (${TEST_ENGINE})`, () => {
  let db: TestDatabase;
  let svc: RunningService;

  beforeAll(async () => {
    db = await createTestDatabase();
    svc = await startService({ ...dbEnv(db.config), LOG_LEVEL: 'debug' });
  });
  afterAll(async () => {
    svc?.kill();
    await db?.drop();
  });

  it('writes one structured line per request and never a secret, header value or body', async () => {
    const token = svc.token!;
    const wrong = `scimb_${'W'.repeat(43)}`;
    const users = `${svc.tenantUrl}/Users`;
    const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/scim+json' };
    const created = await httpRequest(users, { method: 'POST', headers: { ...headers, 'X-Request-Id': 'hygiene-create-1' },
      body: JSON.stringify({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: `${CANARY}@example.com`, displayName: CANARY }) });
    expect(created.status).toBe(201);
    expect(created.headers['x-request-id']).toBe('hygiene-create-1');
    const sent = [
      await httpRequest(`${users}?filter=${encodeURIComponent(`userName eq "${CANARY}@example.com"`)}`, { headers }),
      await httpRequest(`${users}/${created.json.id}`, { method: 'PATCH', headers, body: JSON.stringify({
        schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'Replace', path: 'displayName', value: `${CANARY}-2` }] }) }),
      await httpRequest(users, { headers: { Authorization: `Bearer ${wrong}` } }),
      await httpRequest(users, { headers: { Authorization: `Basic ${Buffer.from(`u:${wrong}`).toString('base64')}` } }),
      await httpRequest(`${users}?access_token=${wrong}`, { headers: { 'X-Request-Id': 'not a valid id!' } }),
      await httpRequest(users, { method: 'POST', headers, body: `{"userName":"${CANARY}` }), // invalid JSON
    ];
    expect(sent.map((r) => r.status)).toEqual([200, 200, 401, 401, 401, 400]);
    // An unusable X-Request-Id is replaced, not echoed.
    expect(sent[4].headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    await new Promise((r) => setTimeout(r, 200));

    const lines = svc.lines().filter((l) => l.trim());
    // Nest's own start-up logs are JSON too: the only plain lines are the first-start pair and the banner.
    expect(lines.filter((l) => !l.startsWith('{')).map((l) => l.replace(/:.*/, ''))).toEqual(['Tenant URL', 'Secret Token', 'Scimbridge listening on http']);
    const all = lines.join('\n');
    expect(all.split(token).length - 1).toBe(1);
    expect(lines.find((l) => l.includes(token))).toBe(`Secret Token: ${token}`);
    for (const secret of [wrong, Buffer.from(`u:${wrong}`).toString('base64'), 'Bearer ', 'Basic ', CANARY]) expect(all).not.toContain(secret);

    const requests = jsonLines(lines).filter((l) => l.msg === 'request' && String(l.route).startsWith('/scim/'));
    expect(requests).toHaveLength(7);
    for (const line of requests) for (const f of REQUEST_FIELDS) expect(line).toHaveProperty(f);
    const create = requests.find((l) => l.reqId === 'hygiene-create-1')!;
    const tenant = new URL(svc.tenantUrl!).pathname.split('/').pop();
    expect(create).toMatchObject({ level: 'info', tenant, method: 'POST', route: '/scim/v2/:tenantId/Users', status: 201 });
    expect(create.actor).toMatch(/^[0-9a-f-]{36}$/);
    expect(requests.filter((l) => l.status === 401).every((l) => l.tenant === undefined)).toBe(true);
  });
});
