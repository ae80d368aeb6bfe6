import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { httpRequest, sleep } from '../system/support/http';
import { Load, Sample, startLoad } from '../system/support/load';
import { PrivatePostgres } from '../system/support/private-postgres';
import { recordFigure } from './support/run-dir';
import { CORE_USER, SCIM_ERROR } from './support/scim-client';
import { Fleet, RunningService } from './support/service';
import { ENGINE, label, SIZE } from './support/tier';

// reliability-plan.md §5.4 O1 + O2 at full size: PostgreSQL stopped (pg_ctl stop -m immediate) and
// hung (SIGSTOP on every server process) for 10 s each, under 25 SCIM requests/s. A PRIVATE
// cluster (test/system/support/private-postgres.ts), never the machine's shared one.
const describePg = ENGINE === 'postgres' ? describe : describe.skip;
const OUTAGE_MS = 10_000;

describePg(label(`O1/O2 PostgreSQL stopped and hung for 10 s, ${SIZE.outageRuns} run(s) each`), () => {
  const fleet = new Fleet('o1-postgres');
  let pg: PrivatePostgres;
  let svc: RunningService;
  let dataDir: string;
  let t0: number;
  const now = () => performance.now() - t0;

  beforeAll(async () => {
    pg = await PrivatePostgres.create();
    dataDir = mkdtempSync(join(tmpdir(), 'scimbridge-o1-'));
    svc = await fleet.start({ DATABASE_URL: pg.url, DATA_DIR: dataDir });
    t0 = performance.now();
  });
  afterAll(async () => {
    await fleet.stopAll();
    pg?.destroy();
    rmSync(dataDir, { recursive: true, force: true });
  });

  function traffic(): { scim: Load; ready: Load; live: Load } {
    const auth = { Authorization: `Bearer ${svc.token}`, 'Content-Type': 'application/scim+json' };
    const scim = startLoad((i) => (i % 2
      ? httpRequest(`${svc.tenantUrl}/Users`, { method: 'POST', headers: auth, timeoutMs: 20_000, body: JSON.stringify({ schemas: [CORE_USER], userName: `o1.${i}.${Math.random()}@example.com` }) })
      : httpRequest(`${svc.tenantUrl}/Users?count=1&filter=${encodeURIComponent(`userName eq "o1.${i}@example.com"`)}`, { headers: auth, timeoutMs: 20_000 })), 40, t0);
    const ready = startLoad(() => httpRequest(`${svc.origin}/health/ready`, { timeoutMs: 5_000 }), 250, t0);
    const live = startLoad(() => httpRequest(`${svc.origin}/health/live`, { timeoutMs: 5_000 }), 250, t0);
    return { scim, ready, live };
  }

  async function waitReady(limitMs: number): Promise<number> {
    const from = now();
    while (now() - from < limitMs) {
      if ((await httpRequest(`${svc.origin}/health/ready`, { timeoutMs: 2_000 }).catch(() => undefined))?.status === 200) return now() - from;
      await sleep(100);
    }
    return Infinity;
  }

  /** One outage under load; returns the figures after asserting the pass criteria. */
  async function outage(kind: 'stopped' | 'hung', maxAnswerMs: number) {
    const load = traffic();
    await sleep(1_500);
    const downAt = now();
    if (kind === 'stopped') pg.stopImmediate(); else pg.freeze();
    await sleep(OUTAGE_MS);
    const upAt = now();
    if (kind === 'stopped') pg.start(); else pg.thaw();
    const readyAfter = await waitReady(10_000);
    await sleep(2_000);
    const [scim, ready, live] = await Promise.all([load.scim.stop(), load.ready.stop(), load.live.stop()]);

    expect(scim.filter((s) => s.status === 'error')).toEqual([]); // nothing hung past its client timeout
    expect(scim.filter((s) => ![200, 201, 503].includes(s.status as number)).map((s) => s.status)).toEqual([]);
    for (const s of scim.filter((x) => x.status === 503)) {
      expect(s.retryAfter).toMatch(/^\d+$/);
      expect(s.body).toMatchObject({ schemas: [SCIM_ERROR], status: '503' });
    }
    const maxMs = Math.max(...scim.map((s) => s.ms));
    expect(maxMs).toBeLessThan(maxAnswerMs);
    const firstReady503 = ready.find((s: Sample) => s.at > downAt && s.status === 503);
    expect(firstReady503!.at - downAt).toBeLessThan(6_000);
    expect(live.length).toBeGreaterThan(40);
    expect(live.every((s) => s.status === 200)).toBe(true);
    expect(svc.proc.exitCode).toBeNull();
    expect(() => process.kill(svc.pid, 0)).not.toThrow();
    expect(readyAfter).toBeLessThanOrEqual(10_000);
    const after = scim.filter((s) => s.at > upAt + readyAfter + 500);
    expect(after.length).toBeGreaterThan(10);
    expect(after.filter((s) => s.status !== 200 && s.status !== 201).map((s) => s.status)).toEqual([]);
    return { kind, requests: scim.length, served503: scim.filter((s) => s.status === 503).length, maxAnswerMs: Math.round(maxMs),
      readiness503AfterMs: Math.round(firstReady503!.at - downAt), readyAgainAfterMs: Math.round(readyAfter) };
  }

  it('stopped for 10 s: 503 + Retry-After within 3 s, readiness 503, liveness 200, recovery without restart', async () => {
    for (let run = 0; run < SIZE.outageRuns; run++) recordFigure('O1 PostgreSQL stopped', { engine: ENGINE, run, ...(await outage('stopped', 3_000)) });
  });

  it('hung (SIGSTOP) for 10 s: no answer later than statement_timeout + 1 s, then a 100-request burst succeeds', async () => {
    for (let run = 0; run < SIZE.outageRuns; run++) {
      recordFigure('O2 PostgreSQL hung', { engine: ENGINE, run, ...(await outage('hung', 12_000)) });
      const auth = { Authorization: `Bearer ${svc.token}` };
      const burst = await Promise.all(Array.from({ length: 100 }, () => httpRequest(`${svc.tenantUrl}/Users?count=1`, { headers: auth, timeoutMs: 15_000 })));
      expect(burst.map((r) => r.status)).toEqual(Array(100).fill(200));
    }
    expect(svc.lines().join('\n')).not.toMatch(/uncaught|unhandled promise rejection/i);
    expect(fleet.pollution()).toEqual([]);
  });
});
