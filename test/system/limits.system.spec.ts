import { createTestDatabase, TEST_ENGINE, TestDatabase } from '../setup/test-database';
import { expectScimError, httpRequest, SCIM_ERROR } from './support/http';
import { parseRaw, slowClient } from './support/raw-socket';
import { dbEnv, RunningService, startService } from './support/spawn-service';

// Issue 6 check / reliability-plan.md §5.5 L1, L2 against the built service: body size, JSON
// depth, header size, and slow clients (HTTP_*_TIMEOUT_MS set small so the spec is quick). Every
// refusal is a SCIM Error, including the ones Node answers at the socket.
const HEADERS_TIMEOUT_MS = 1000;
const REQUEST_TIMEOUT_MS = 2000;
const MiB = 1024 * 1024;
const CORE_USER = 'urn:ietf:params:scim:schemas:core:2.0:User';

/** A User whose JSON text is exactly `size` bytes (padded in displayName). */
function userOfSize(size: number): string {
  const base = JSON.stringify({ schemas: [CORE_USER], userName: `big.${size}@example.com`, displayName: '' });
  return base.replace('"displayName":""', `"displayName":"${'x'.repeat(size - Buffer.byteLength(base))}"`);
}

function nested(depth: number): string {
  return `{"schemas":["${CORE_USER}"],"userName":"deep@example.com","x":${'{"a":'.repeat(depth - 1)}1${'}'.repeat(depth - 1)}}`;
}

describe(`request limits of the built service (${TEST_ENGINE})`, () => {
  let db: TestDatabase;
  let svc: RunningService;
  let post: (body: string | Buffer, headers?: Record<string, string>) => ReturnType<typeof httpRequest>;

  beforeAll(async () => {
    db = await createTestDatabase();
    svc = await startService({ ...dbEnv(db.config), HTTP_HEADERS_TIMEOUT_MS: String(HEADERS_TIMEOUT_MS), HTTP_REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS) });
    post = (body, headers = {}) => httpRequest(`${svc.tenantUrl}/Users`, { method: 'POST', body, timeoutMs: 10_000,
      headers: { Authorization: `Bearer ${svc.token}`, 'Content-Type': 'application/scim+json', ...headers } });
  });
  afterAll(async () => {
    svc?.kill();
    await db?.drop();
  });

  it('413 for a body of 1 MiB + 1 byte; exactly 1 MiB is parsed', async () => {
    const tooBig = await post(userOfSize(MiB + 1));
    expectScimError(tooBig, 413);
    const atLimit = await post(userOfSize(MiB));
    expect(atLimit.status).not.toBe(413);
    expect(atLimit.status).toBeLessThan(500);
  });

  it('413 at once for a declared 10 MiB body, before it is sent', async () => {
    const started = performance.now();
    const res = await slowClient(svc.port, `POST ${new URL(svc.tenantUrl!).pathname}/Users HTTP/1.1\r\nHost: x\r\n` +
      `Authorization: Bearer ${svc.token}\r\nContent-Type: application/scim+json\r\nContent-Length: ${10 * MiB}\r\n\r\n{`, 'x', 50, 5_000);
    expect(performance.now() - started).toBeLessThan(1_000);
    const { status, body } = parseRaw(res.response);
    expect(status).toBe(413);
    expect(body).toMatchObject({ schemas: [SCIM_ERROR], status: '413' });
  });

  it('400 invalidSyntax for JSON nested deeper than 32 levels (and no crash at 5,000)', async () => {
    const atLimit = await post(nested(32));
    expect(atLimit.json?.scimType).not.toBe('invalidSyntax');
    for (const depth of [33, 5_000]) {
      const res = await post(nested(depth));
      expectScimError(res, 400);
      expect(res.json.scimType).toBe('invalidSyntax');
    }
    expect((await httpRequest(`${svc.origin}/health/live`)).status).toBe(200);
  });

  it('431 with a SCIM body for 17 KiB of headers', async () => {
    const res = await httpRequest(`${svc.tenantUrl}/Users`, { headers: { 'X-Padding': 'p'.repeat(17 * 1024) } });
    expectScimError(res, 431);
  });

  it('drops a client that sends its headers too slowly (HTTP_HEADERS_TIMEOUT_MS) with a SCIM 408', async () => {
    const res = await slowClient(svc.port, 'GET /health/live HTTP/1.1\r\nHost: x\r\n', 'X-Slow: yes\r\n', 200, 10_000);
    // The deadline, plus at most one connections-check interval (a quarter of it), plus slack.
    expect(res.closedAfterMs).toBeGreaterThanOrEqual(HEADERS_TIMEOUT_MS - 50);
    expect(res.closedAfterMs).toBeLessThan(HEADERS_TIMEOUT_MS * 1.25 + 750);
    const { status, body } = parseRaw(res.response);
    expect(status).toBe(408);
    expect(body).toMatchObject({ schemas: [SCIM_ERROR], status: '408' });
  });

  it('drops a client that sends its body too slowly (HTTP_REQUEST_TIMEOUT_MS)', async () => {
    const path = new URL(svc.tenantUrl!).pathname;
    const res = await slowClient(svc.port, `POST ${path}/Users HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${svc.token}\r\n` +
      'Content-Type: application/scim+json\r\nContent-Length: 1000\r\n\r\n{', ' ', 200, 10_000);
    expect(res.closedAfterMs).toBeLessThan(REQUEST_TIMEOUT_MS + HEADERS_TIMEOUT_MS / 4 + 1_000);
    const { status, body } = parseRaw(res.response);
    expect(status).toBe(408);
    expect(body).toMatchObject({ schemas: [SCIM_ERROR], status: '408' });
    // Legitimate traffic was never affected.
    expect((await httpRequest(`${svc.tenantUrl}/Users?count=1000000000`, { headers: { Authorization: `Bearer ${svc.token}` } })).status).toBe(200);
  });
});
