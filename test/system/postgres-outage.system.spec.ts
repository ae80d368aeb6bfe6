import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEST_ENGINE } from '../setup/test-database';
import { PostgresOutage } from './support/postgres-outage';
import { PrivatePostgres } from './support/private-postgres';
import { RunningService, startService } from './support/spawn-service';

// Issue 6 check / reliability-plan.md §5.4 O1 + O2: PostgreSQL stopped (10 s) and then hung
// (SIGSTOP, 6 s) under a steady 25 req/s. A private server, never the shared cluster. PostgreSQL-only
// by nature, so it runs in the DB_ENGINE=postgres pass (`npm run test:pg`, .ci/run). The scenario
// and its assertions are shared with the reliability suite's full-size runs (support/postgres-outage.ts).
const describePg = TEST_ENGINE === 'postgres' ? describe : describe.skip;

describePg('PostgreSQL outages against the built service', () => {
  let pg: PrivatePostgres;
  let svc: RunningService;
  let dataDir: string;
  let outage: PostgresOutage;

  beforeAll(async () => {
    pg = await PrivatePostgres.create();
    dataDir = mkdtempSync(join(tmpdir(), 'scimbridge-outage-'));
    svc = await startService({ DATABASE_URL: pg.url, DATA_DIR: dataDir });
    outage = new PostgresOutage(pg, svc);
  });
  afterAll(() => {
    svc?.kill();
    pg?.destroy();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('stopped for 10 s: 503 + Retry-After within 3 s, readiness 503, liveness 200, recovery without restart', async () => {
    await outage.run('stopped', 10_000, 3_000);
  });

  it('hung for 6 s: no request outlives statement_timeout + 1 s, then a 100-request burst succeeds', async () => {
    await outage.run('hung', 6_000, 12_000);
    await outage.expectBurstSucceeds();
    // Logged as warnings, never as a crash.
    expect(svc.lines().join('\n')).not.toMatch(/uncaught|unhandled promise rejection/i);
  });
});
