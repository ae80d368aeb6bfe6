import http from 'node:http';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createTestDatabase, TEST_ENGINE, TestDatabase } from '../setup/test-database';
import { httpRequest, HttpResult, sleep } from './support/http';
import { dbEnv, RunningService, startService } from './support/spawn-service';

// Issue 6 check / reliability-plan.md §5.4 S1: SIGTERM while 50 slow requests are in flight.
// TEST_SLOW_REQUEST_MS (a test-only hook, refused with NODE_ENV=production) makes each SCIM request
// take 1.5 s, so they are all still running when the signal arrives.
const SLOW_MS = 1500;
const DRAIN_MS = 400;

describe(`graceful shutdown of the built service (${TEST_ENGINE})`, () => {
  let db: TestDatabase;
  let svc: RunningService;

  beforeAll(async () => {
    db = await createTestDatabase();
    svc = await startService({ ...dbEnv(db.config), TEST_SLOW_REQUEST_MS: String(SLOW_MS), SHUTDOWN_DRAIN_MS: String(DRAIN_MS) });
  });
  afterAll(async () => {
    svc?.kill();
    await db?.drop();
  });

  it('turns readiness 503 at once, finishes every in-flight request, refuses new connections, exits 0', async () => {
    const auth = { Authorization: `Bearer ${svc.token}` };
    const users = `${svc.tenantUrl}/Users?count=1`;
    expect((await httpRequest(`${svc.origin}/health/ready`)).status).toBe(200);

    // 50 keep-alive connections, each with one slow request in flight.
    const agent = new http.Agent({ keepAlive: true, maxSockets: 50 });
    const inFlight: Array<Promise<HttpResult>> = [];
    for (let i = 0; i < 50; i++) inFlight.push(httpRequest(users, { headers: auth, agent, timeoutMs: 15_000 }));
    await sleep(300);

    const signalled = performance.now();
    process.kill(svc.pid, 'SIGTERM');
    let readyAfterMs = Infinity;
    while (performance.now() - signalled < 1_000) {
      const r = await httpRequest(`${svc.origin}/health/ready`, { timeoutMs: 1_000 });
      if (r.status === 503) {
        readyAfterMs = performance.now() - signalled;
        expect(r.json).toMatchObject({ status: 'error', error: { lifecycle: { status: 'down' } } });
        break;
      }
    }
    expect(readyAfterMs).toBeLessThanOrEqual(100);
    // Liveness is unaffected by draining (a draining pod must not be restarted).
    expect((await httpRequest(`${svc.origin}/health/live`)).status).toBe(200);
    // Requests sent during the drain delay are still served.
    const duringDrain = await Promise.all([1, 2, 3].map(() => httpRequest(users, { headers: auth, timeoutMs: 15_000 })));
    expect(duringDrain.map((r) => r.status)).toEqual([200, 200, 200]);

    // After the drain delay the listener is closed while the slow requests are still running.
    await sleep(Math.max(0, signalled + DRAIN_MS + 300 - performance.now()));
    await expect(httpRequest(`${svc.origin}/health/live`, { timeoutMs: 2_000 })).rejects.toMatchObject({ code: 'ECONNREFUSED' });

    const results = await Promise.all(inFlight);
    expect(results.map((r) => r.status)).toEqual(Array(50).fill(200));
    const exit = await svc.exited;
    expect(exit).toEqual({ code: 0, signal: null });
    expect(performance.now() - signalled).toBeLessThan(20_000);
    agent.destroy();

    const log = svc.lines().join('\n');
    expect(log).toContain('shutdown: complete');
    if (TEST_ENGINE === 'sqlite') {
      // The WAL was checkpointed and the file closed cleanly.
      const file = join(db.config.dataDir, 'scimbridge.sqlite');
      const wal = `${file}-wal`;
      expect(!existsSync(wal) || statSync(wal).size === 0).toBe(true);
      const check = new Database(file, { readonly: true });
      expect(check.pragma('integrity_check', { simple: true })).toBe('ok');
      check.close();
    }
  });
});
