import { httpRequest, sleep } from './http';
import { Load, Sample, startLoad } from './load';
import { PrivatePostgres } from './private-postgres';
import { RunningService } from './spawn-service';

// reliability-plan.md §5.4 O1 + O2, shared by test/system (the Issue 6 check, one short run) and
// test/reliability/o1 (the full-size runs): a private PostgreSQL stopped (`pg_ctl stop -m
// immediate`) or hung (SIGSTOP) under a steady 25 SCIM requests/s against the built service,
// with readiness and liveness polled every 250 ms. Asserts the pass criteria and returns the figures.

const SCIM_ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';
const CORE_USER = 'urn:ietf:params:scim:schemas:core:2.0:User';

export type OutageKind = 'stopped' | 'hung';

export interface OutageFigures {
  kind: OutageKind;
  requests: number;
  served503: number;
  maxAnswerMs: number;
  readiness503AfterMs: number;
  readyAgainAfterMs: number;
}

export class PostgresOutage {
  private readonly t0 = performance.now();

  constructor(private readonly pg: PrivatePostgres, private readonly svc: RunningService) {}

  private now(): number {
    return performance.now() - this.t0;
  }

  private traffic(): { scim: Load; ready: Load; live: Load } {
    const { svc } = this;
    const auth = { Authorization: `Bearer ${svc.token}`, 'Content-Type': 'application/scim+json' };
    const scim = startLoad((i) => (i % 2
      ? httpRequest(`${svc.tenantUrl}/Users`, { method: 'POST', headers: auth, timeoutMs: 20_000,
        body: JSON.stringify({ schemas: [CORE_USER], userName: `outage.${i}.${Math.random()}@example.com` }) })
      : httpRequest(`${svc.tenantUrl}/Users?count=1&filter=${encodeURIComponent(`userName eq "outage.${i}@example.com"`)}`, { headers: auth, timeoutMs: 20_000 })), 40, this.t0);
    const ready = startLoad(() => httpRequest(`${svc.origin}/health/ready`, { timeoutMs: 5_000 }), 250, this.t0);
    const live = startLoad(() => httpRequest(`${svc.origin}/health/live`, { timeoutMs: 5_000 }), 250, this.t0);
    return { scim, ready, live };
  }

  /** ms until /health/ready answers 200 again (Infinity past the limit). */
  private async waitReady(limitMs: number): Promise<number> {
    const from = this.now();
    while (this.now() - from < limitMs) {
      if ((await httpRequest(`${this.svc.origin}/health/ready`, { timeoutMs: 2_000 }).catch(() => undefined))?.status === 200) return this.now() - from;
      await sleep(100);
    }
    return Infinity;
  }

  /**
   * One outage of `outageMs` under load. Every SCIM answer is 200/201 or a SCIM 503 with
   * Retry-After, none later than `maxAnswerMs`; a stopped database gives nothing but 503s while
   * down; readiness turns 503 within 6 s, liveness stays 200, the same process recovers by itself.
   */
  async run(kind: OutageKind, outageMs: number, maxAnswerMs: number): Promise<OutageFigures> {
    const { pg, svc } = this;
    const load = this.traffic();
    await sleep(1_500);
    const downAt = this.now();
    if (kind === 'stopped') pg.stopImmediate(); else pg.freeze();
    await sleep(outageMs);
    const upAt = this.now();
    if (kind === 'stopped') pg.start(); else pg.thaw();
    const readyAfter = await this.waitReady(10_000);
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
    if (kind === 'stopped') {
      // pg_ctl blocks this process' event loop while it stops and starts the server: a request
      // whose timer fired just before pg.start() is only written to its socket once PostgreSQL is
      // back, and rightly succeeds. Samples within 500 ms of either edge say nothing about the outage.
      const during = scim.filter((s) => s.at > downAt + 500 && s.at < upAt - 500);
      expect(during.length).toBeGreaterThan(100);
      expect(during.filter((s) => s.status !== 503).map((s) => s.status)).toEqual([]);
    } else {
      expect(scim.some((s) => s.status === 503)).toBe(true);
    }
    const firstReady503 = ready.find((s: Sample) => s.at > downAt && s.status === 503);
    expect(firstReady503).toBeDefined();
    expect(firstReady503!.at - downAt).toBeLessThan(6_000);
    expect(live.length).toBeGreaterThan(10);
    expect(live.filter((s) => s.status !== 200).map((s) => s.status)).toEqual([]);
    expect(svc.proc.exitCode).toBeNull();
    expect(() => process.kill(svc.pid, 0)).not.toThrow(); // same pid, still running
    expect(readyAfter).toBeLessThanOrEqual(10_000);
    // The pool recovered by itself: everything after readiness came back succeeded.
    const after = scim.filter((s) => s.at > upAt + readyAfter + 500);
    expect(after.length).toBeGreaterThan(10);
    expect(after.filter((s) => s.status !== 200 && s.status !== 201).map((s) => s.status)).toEqual([]);
    return {
      kind, requests: scim.length, served503: scim.filter((s) => s.status === 503).length, maxAnswerMs: Math.round(maxMs),
      readiness503AfterMs: Math.round(firstReady503!.at - downAt), readyAgainAfterMs: Math.round(readyAfter),
    };
  }

  /** After a hang: 100 concurrent requests all succeed (the pool holds no dead connection). */
  async expectBurstSucceeds(): Promise<void> {
    const auth = { Authorization: `Bearer ${this.svc.token}` };
    const burst = await Promise.all(Array.from({ length: 100 }, () => httpRequest(`${this.svc.tenantUrl}/Users?count=1`, { headers: auth, timeoutMs: 15_000 })));
    expect(burst.map((r) => r.status)).toEqual(Array(100).fill(200));
  }
}
