import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { createTestDatabase, TEST_ENGINE, TestDatabase } from '../setup/test-database';
import { expectScimError, httpRequest } from './support/http';
import { dbEnv, ROOT, RunningService, startService } from './support/spawn-service';

// Issue 6 check: /metrics, parsed with a Prometheus text-format parser, moves after a replay of
// Entra's traffic (../shared/conformance/entra-replay.mjs) against the built service.
const REPLAY = join(ROOT, '../shared/conformance/entra-replay.mjs');
/**
 * The replay is the shared conformance suite beside the project (../shared). CI always has it and
 * this spec fails there without it; a bare clone of the repository alone (no ../shared) skips this
 * one spec, by name, instead of failing `npm test`.
 */
const withReplay = existsSync(REPLAY) || process.env.CI ? it : it.skip;
const METRICS_TOKEN = 'mt_0f4c1e9a7b3d5f2e8c6a4b1d9e7f3a5c';

interface Family { name: string; type: string; metrics: Array<{ value?: string; labels?: Record<string, string> }> }

describe(`Prometheus metrics of the built service (${TEST_ENGINE})`, () => {
  let db: TestDatabase;
  let svc: RunningService;

  beforeAll(async () => {
    db = await createTestDatabase();
    svc = await startService({ ...dbEnv(db.config), METRICS_TOKEN });
  });
  afterAll(async () => {
    svc?.kill();
    await db?.drop();
  });

  async function scrape(): Promise<Map<string, Family>> {
    const res = await httpRequest(`${svc.origin}/metrics`, { headers: { Authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(res.text).not.toContain(svc.token!);
    expect(res.text).toMatch(/^# TYPE http_request_duration_seconds histogram$/m);
    // The parser keeps labels for counters and gauges but merges the series of a labelled histogram,
    // so histograms are read as their plain `_bucket`/`_sum`/`_count` series (one family per name).
    const text = res.text.replace(/^# TYPE (\S+) histogram$/gm, '# TYPE $1 untyped');
    const families = new Map<string, Family>();
    for (const f of parsePrometheusTextFormat(text) as Family[]) {
      const seen = families.get(f.name);
      if (seen) seen.metrics.push(...f.metrics);
      else families.set(f.name, f);
    }
    return families;
  }
  /** Sum of a family's samples whose labels include `match`. */
  function total(families: Map<string, Family>, name: string, match: Record<string, string> = {}): number {
    return (families.get(name)?.metrics ?? [])
      .filter((m) => Object.entries(match).every(([k, v]) => m.labels?.[k] === v))
      .reduce((n, m) => n + Number(m.value ?? 0), 0);
  }

  it('needs METRICS_TOKEN when it is set', async () => {
    expectScimError(await httpRequest(`${svc.origin}/metrics`), 401);
    expectScimError(await httpRequest(`${svc.origin}/metrics`, { headers: { Authorization: `Bearer ${METRICS_TOKEN}x` } }), 401);
  });

  withReplay('counts requests, SCIM operations, errors and Entra quirks after an Entra replay (needs ../shared/conformance)', async () => {
    expect(existsSync(REPLAY)).toBe(true);
    const before = await scrape();
    const { stdout } = await promisify(execFile)(process.execPath, [REPLAY], {
      env: { ...process.env, SCIM_BASE_URL: svc.tenantUrl, SCIM_TOKEN: svc.token }, timeout: 50_000, maxBuffer: 10 * 1024 * 1024,
    }).catch((e: { stdout?: string }) => ({ stdout: e.stdout ?? '' })); // a failing case is the conformance suite's business
    expect(stdout).toMatch(/^\d+ passed, \d+ failed/m);
    const after = await scrape();
    const moved = (name: string, match: Record<string, string> = {}) => total(after, name, match) - total(before, name, match);

    const tenant = new URL(svc.tenantUrl!).pathname.split('/').pop()!;
    const usersRoute = '/scim/v2/:tenantId/Users';
    expect(moved('http_request_duration_seconds_count', { route: usersRoute, method: 'POST', status: '201' })).toBeGreaterThan(0);
    expect(moved('http_request_duration_seconds_bucket', { route: usersRoute, method: 'GET', status: '200', le: '+Inf' })).toBeGreaterThan(0);
    for (const [resource_type, operation] of [['User', 'create'], ['User', 'list'], ['User', 'get'], ['User', 'patch'], ['User', 'delete'],
      ['Group', 'create'], ['Group', 'patch'], ['Group', 'delete']]) {
      expect(moved('scim_operations_total', { resource_type, operation, outcome: 'success', tenant })).toBeGreaterThan(0);
    }
    expect(moved('scim_errors_total', { status: '404' })).toBeGreaterThan(0);
    expect(moved('scim_errors_total', { status: '409', scim_type: 'uniqueness' })).toBeGreaterThan(0);
    expect(moved('scim_entra_quirks_total', { tenant })).toBeGreaterThan(0);
    expect(moved('scim_entra_quirks_total', { quirk: 'Q1-op-case', tenant })).toBeGreaterThan(0);

    // Routes are patterns: no raw id (UUID) ever becomes a label value.
    const routes = after.get('http_request_duration_seconds_count')!.metrics.map((m) => m.labels!.route);
    expect(routes.length).toBeGreaterThan(3);
    expect(routes.filter((r) => /[0-9a-f]{8}-[0-9a-f]{4}-/.test(r))).toEqual([]);
    expect(after.has('nodejs_eventloop_lag_seconds')).toBe(true);
    expect(total(after, 'process_faults_total')).toBe(0);
    if (TEST_ENGINE === 'postgres') {
      expect(total(after, 'db_pool_connections_max')).toBe(10);
      expect(total(after, 'db_pool_connections_total')).toBeGreaterThan(0);
      expect(after.has('db_pool_requests_waiting')).toBe(true);
    }
  });
});
