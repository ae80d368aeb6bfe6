import { createTestDatabase, TestDatabase } from '../setup/test-database';
import { sleep } from '../system/support/http';
import { dbEnv } from '../system/support/spawn-service';
import { DbProbe } from './support/db-probe';
import { recordFigure } from './support/run-dir';
import { ScimClient } from './support/scim-client';
import { Fleet, RunningService, waitReady } from './support/service';
import { ENGINE, label, SIZE, TIER } from './support/tier';

// reliability-plan.md §5.4 K1: 8 writers POST users; at a random moment the service gets SIGKILL.
// Every acknowledged (201) write must be there after the restart, the SQLite file must pass
// integrity_check and foreign_key_check, the audit chain must verify, and the restart must be
// ready (/health/ready 200) within 5 s (SQLite) / 10 s (PostgreSQL).
const WRITERS = 8;
const READY_LIMIT_MS = ENGINE === 'sqlite' ? 5_000 : 10_000;
const KILL_WINDOW_MS: [number, number] = TIER === 'full' ? [1_000, 5_000] : [1_000, 2_500];

describe(label(`K1 kill -9 under write load, ${SIZE.killCycles} cycles`), () => {
  const fleet = new Fleet('k1-crash');
  let db: TestDatabase;
  let probe: DbProbe;
  let svc: RunningService;
  let admin: ScimClient;

  beforeAll(async () => {
    db = await createTestDatabase();
    probe = new DbProbe(db);
    svc = await fleet.start(dbEnv(db.config));
    admin = ScimClient.fromTenantUrl(svc.tenantUrl!, svc.token!, WRITERS);
  });
  afterAll(async () => {
    admin?.close();
    await fleet.stopAll();
    await db?.drop();
  });

  it('every acknowledged write survives, the database is intact, the restart is ready in seconds', async () => {
    const acked = new Map<string, string>();
    const restarts: number[] = [];
    let attempted = 0;
    for (let cycle = 0; cycle < SIZE.killCycles; cycle++) {
      const c = new ScimClient(svc.origin, admin.tenantId, admin.token, WRITERS);
      let stop = false;
      const writer = async (w: number) => {
        for (let i = 0; !stop; i++) {
          const userName = `k1.c${cycle}.w${w}.${i}@example.com`;
          attempted++;
          const res = await c.createUser(userName, { displayName: `K1 ${cycle} ${w} ${i}` }).catch(() => undefined);
          if (res?.status === 201) acked.set(res.json.id, userName);
          else if (res === undefined) return; // the connection died with the process
          else throw new Error(`unexpected ${res.status} ${res.text.slice(0, 200)}`);
        }
      };
      const writers = Array.from({ length: WRITERS }, (_, w) => writer(w));
      await sleep(KILL_WINDOW_MS[0] + Math.random() * (KILL_WINDOW_MS[1] - KILL_WINDOW_MS[0]));
      await fleet.kill9(svc);
      stop = true;
      await Promise.all(writers);
      c.close();
      expect((await svc.exited).signal).toBe('SIGKILL');
      if (ENGINE === 'sqlite') expect(probe.sqliteIntegrity()).toEqual({ integrity: 'ok', foreignKeyProblems: 0 });

      const t0 = performance.now();
      svc = await fleet.start(dbEnv(db.config), { port: svc.port });
      expect(await waitReady(svc.origin, 30_000)).toBeLessThan(Infinity);
      restarts.push(Math.round(performance.now() - t0));

      const rows = await probe.query<{ id: string; user_name: string }>('SELECT id, user_name FROM scim_user WHERE tenant_id = ?', [admin.tenantId]);
      const stored = new Map(rows.map((r) => [r.id, r.user_name]));
      const lost = [...acked].filter(([id, name]) => stored.get(id) !== name);
      expect(lost).toEqual([]);
      expect(rows.length).toBeLessThanOrEqual(attempted);
      const check = new ScimClient(svc.origin, admin.tenantId, admin.token);
      for (const [id, name] of [...acked].slice(-20)) expect([(await check.send('GET', `/Users/${id}`)).json?.userName]).toEqual([name]);
      const verify = await check.send('GET', '/api/v1/audit/verify');
      expect([verify.status, verify.json.ok]).toEqual([200, true]);
      expect(await probe.dangling()).toBe(0);
      check.close();
    }
    recordFigure('K1 kill -9 under writes', { engine: ENGINE, cycles: SIZE.killCycles, acknowledged: acked.size, attempted, restartToReadyMs: restarts });
    expect(Math.max(...restarts)).toBeLessThan(READY_LIMIT_MS);
    expect(fleet.pollution()).toEqual([]);
  });
});
