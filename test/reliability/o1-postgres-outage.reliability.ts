import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PostgresOutage } from '../system/support/postgres-outage';
import { PrivatePostgres } from '../system/support/private-postgres';
import { recordFigure } from './support/run-dir';
import { Fleet, RunningService } from './support/service';
import { ENGINE, label, SIZE } from './support/tier';

// reliability-plan.md §5.4 O1 + O2 at full size: PostgreSQL stopped (pg_ctl stop -m immediate) and
// hung (SIGSTOP on every server process) for 10 s each, under 25 SCIM requests/s, repeated
// SIZE.outageRuns times. A PRIVATE cluster (test/system/support/private-postgres.ts), never the
// machine's shared one. The scenario and its pass criteria: test/system/support/postgres-outage.ts.
const describePg = ENGINE === 'postgres' ? describe : describe.skip;
const OUTAGE_MS = 10_000;

describePg(label(`O1/O2 PostgreSQL stopped and hung for 10 s, ${SIZE.outageRuns} run(s) each`), () => {
  const fleet = new Fleet('o1-postgres');
  let pg: PrivatePostgres;
  let svc: RunningService;
  let dataDir: string;
  let outage: PostgresOutage;

  beforeAll(async () => {
    pg = await PrivatePostgres.create();
    dataDir = mkdtempSync(join(tmpdir(), 'scimbridge-o1-'));
    svc = await fleet.start({ DATABASE_URL: pg.url, DATA_DIR: dataDir });
    outage = new PostgresOutage(pg, svc);
  });
  afterAll(async () => {
    await fleet.stopAll();
    pg?.destroy();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('stopped for 10 s: 503 + Retry-After within 3 s, readiness 503, liveness 200, recovery without restart', async () => {
    for (let run = 0; run < SIZE.outageRuns; run++) {
      recordFigure('O1 PostgreSQL stopped', { engine: ENGINE, run, ...(await outage.run('stopped', OUTAGE_MS, 3_000)) });
    }
  });

  it('hung (SIGSTOP) for 10 s: no answer later than statement_timeout + 1 s, then a 100-request burst succeeds', async () => {
    for (let run = 0; run < SIZE.outageRuns; run++) {
      recordFigure('O2 PostgreSQL hung', { engine: ENGINE, run, ...(await outage.run('hung', OUTAGE_MS, 12_000)) });
      await outage.expectBurstSucceeds();
    }
    expect(svc.lines().join('\n')).not.toMatch(/uncaught|unhandled promise rejection/i);
    expect(fleet.pollution()).toEqual([]);
  });
});
