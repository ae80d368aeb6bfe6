import { createTestDatabase, TEST_ENGINE, TestDatabase } from '../setup/test-database';
import { freePort, httpRequest, HttpResult, SCIM_ERROR, sleep } from './support/http';
import { dbEnv, RunningService, startService } from './support/spawn-service';

// Issue 6 check / reliability-plan.md §5.5 P2: the per-tenant limit answers 429 + Retry-After
// (whole seconds) + a SCIM Error, never touches the probes, is shared across replicas through
// Redis (127.0.0.1:6379, as on this machine kind and in CI) and fails open when Redis is away.
const REDIS_URL = process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379';

describe(`per-tenant rate limit of the built service (${TEST_ENGINE})`, () => {
  let db: TestDatabase;
  const services: RunningService[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    services.forEach((s) => s.kill());
    await db?.drop();
  });

  /** All replicas share one test database; only the first start prints the tenant's credentials. */
  async function start(env: Record<string, string>): Promise<RunningService> {
    const svc = await startService({ ...dbEnv(db.config), ...env });
    const first = services[0] ?? svc;
    services.push(svc);
    if (!svc.token) Object.assign(svc, { tenantUrl: first.tenantUrl?.replace(first.origin, svc.origin), token: first.token });
    return svc;
  }
  const list = (svc: RunningService) => httpRequest(`${svc.tenantUrl}/Users?count=1`, { headers: { Authorization: `Bearer ${svc.token}` }, timeoutMs: 10_000 });
  const statuses = (rs: HttpResult[]) => rs.map((r) => r.status);

  function expect429(r: HttpResult): void {
    expect(r.status).toBe(429);
    expect(r.headers['retry-after']).toMatch(/^[1-9]\d*$/);
    expect(r.json).toMatchObject({ schemas: [SCIM_ERROR], status: '429' });
    expect(String(r.headers['content-type'])).toMatch(/^application\/scim\+json/);
  }

  it('in memory: past the burst 429 + Retry-After + SCIM body; probes never limited; recovers after Retry-After', async () => {
    const svc = await start({ RATE_LIMIT_PER_TENANT_RPS: '5', RATE_LIMIT_BURST: '5' });
    const burst = await Promise.all(Array.from({ length: 15 }, () => list(svc)));
    expect(statuses(burst).filter((s) => s === 200).length).toBeGreaterThanOrEqual(5);
    expect(statuses(burst).filter((s) => s === 200).length).toBeLessThanOrEqual(7);
    const limited = burst.filter((r) => r.status === 429);
    expect(limited.length).toBeGreaterThanOrEqual(8);
    limited.forEach(expect429);

    const probes = await Promise.all(['live', 'ready', 'startup', 'live', 'ready'].flatMap((p) => Array(6).fill(`${svc.origin}/health/${p}`)).map((u) => httpRequest(u)));
    expect(statuses(probes).every((s) => s === 200)).toBe(true);

    await sleep(Number(limited[0].headers['retry-after']) * 1000);
    expect((await list(svc)).status).toBe(200);
    const metrics = (await httpRequest(`${svc.origin}/metrics`)).text;
    expect(metrics).toMatch(/^scim_rate_limited_total\{tenant="[0-9a-f-]{36}"\} ([89]|1\d)$/m);
    expect(metrics).toMatch(/^scim_operations_total\{resource_type="User",operation="list",outcome="throttled",tenant="[0-9a-f-]{36}"\} \d+$/m);
  });

  it('with REDIS_URL two replicas share one bucket per tenant', async () => {
    const env = { REDIS_URL, RATE_LIMIT_PER_TENANT_RPS: '1', RATE_LIMIT_BURST: '6' };
    const a = await start(env);
    const b = await start(env);
    // One request each: both connected to Redis and drew from the same bucket (6 → 4).
    expect(statuses([await list(a), await list(b)])).toEqual([200, 200]);
    for (const s of [a, b]) expect(s.lines().some((l) => l.includes('Redis rate-limit store in use'))).toBe(true);
    const fromA = [await list(a), await list(a), await list(a), await list(a)];
    expect(statuses(fromA)).toEqual([200, 200, 200, 200]);
    // B's own in-memory bucket would still be full; the shared one is empty.
    const fromB = [await list(b), await list(b)];
    expect(statuses(fromB)).toEqual([429, 429]);
    fromB.forEach(expect429);
  });

  it('fails open to the in-memory limiter when Redis is unreachable, and says so once', async () => {
    const deadPort = await freePort();
    const svc = await start({ REDIS_URL: `redis://127.0.0.1:${deadPort}`, RATE_LIMIT_PER_TENANT_RPS: '5', RATE_LIMIT_BURST: '5' });
    const first = await Promise.all(Array.from({ length: 3 }, () => list(svc)));
    expect(statuses(first)).toEqual([200, 200, 200]);
    await sleep(2_500); // several reconnect attempts fail meanwhile
    const burst = await Promise.all(Array.from({ length: 15 }, () => list(svc)));
    expect(statuses(burst).filter((s) => s === 429).length).toBeGreaterThanOrEqual(5);
    const warnings = svc.lines().filter((l) => l.includes('Redis rate-limit store unavailable'));
    expect(warnings).toHaveLength(1);
    expect(JSON.parse(warnings[0])).toMatchObject({ level: 'warn', context: 'RateLimit' });
    expect((await httpRequest(`${svc.origin}/metrics`)).text).toMatch(/^rate_limit_shared_store_up 0$/m);
  });
});
