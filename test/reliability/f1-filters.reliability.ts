import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { printFilter, URN } from '@app/scim-core';
import { filterArbitrary } from '../factories/filter-arbitrary';
import { buildGenSpec } from '../factories/filter-paths';
import { createTestRegistry } from '../factories/test-extension.schema';
import { createTestDatabase, TestDatabase } from '../setup/test-database';
import { dbEnv } from '../system/support/spawn-service';
import { DbProbe } from './support/db-probe';
import { Answer, ask, hostileCorpus, judge, mutatedFilter, oracle, Target, TARGETS } from './support/filter-fuzz';
import { recordFigure, recordProblems } from './support/run-dir';
import { pool, ScimClient } from './support/scim-client';
import { CANARY_PASSWORD, Seeded, seedOverHttp, writeExtensionFile } from './support/seed';
import { Fleet, RunningService } from './support/service';
import { stats } from './support/stats';
import { ENGINE, FC_SEED, label, SIZE } from './support/tier';

// reliability-plan.md §5.2 F1 over HTTP against the built service: grammar-valid filters return
// exactly what the in-memory evaluator returns over the seeded users and groups (the SQL
// translation, LIKE metacharacters, case rules, value paths, extensions); mutated and hostile
// filters only ever get 200, 400 invalidFilter or 403 sensitive; never a 5xx, never a crash.
const SEEDED_USERS = 200;
const registry = createTestRegistry();

describe(label('F1 filter fuzzing over HTTP'), () => {
  const fleet = new Fleet('f1-filters');
  let db: TestDatabase;
  let dir: string;
  let svc: RunningService;
  let c: ScimClient;
  let seeded: Seeded;
  const resourcesOf = (t: Target) => (t.type === 'User' ? seeded.users : seeded.groups);

  beforeAll(async () => {
    db = await createTestDatabase();
    dir = mkdtempSync(join(tmpdir(), 'scimbridge-f1-'));
    svc = await fleet.start({ ...dbEnv(db.config), CUSTOM_SCHEMAS_FILE: writeExtensionFile(dir), SCIM_MAX_RESULTS: '1000' });
    c = ScimClient.fromTenantUrl(svc.tenantUrl!, svc.token!, SIZE.pool);
    seeded = await seedOverHttp(c, SEEDED_USERS);
    // What autovacuum does shortly after a bulk load. Without statistics PostgreSQL plans the
    // attribute-index EXISTS of a 150-term chain as nested full scans (seconds → statement_timeout
    // → 503); docs/RELIABILITY.md "Findings" records it.
    if (ENGINE === 'postgres') await new DbProbe(db).query('ANALYZE');
  });
  afterAll(async () => {
    c?.close();
    await fleet.stopAll();
    await db?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Runs filter texts through the pool; returns the problems found and every latency. */
  async function campaign(cases: Array<{ target: Target; text: string }>) {
    const problems: string[] = [];
    const ms: number[] = [];
    const statuses: Record<string, number> = {};
    await pool(cases, SIZE.pool, async ({ target, text }) => {
      let answer: Answer;
      try {
        answer = await ask(c, target, text);
      } catch (e) {
        problems.push(`${target.type}/${target.via} ${JSON.stringify(text.slice(0, 200))}: ${(e as Error).message}`);
        return;
      }
      ms.push(answer.res.ms);
      const key = `${answer.res.status}${answer.res.json?.scimType ? ` ${answer.res.json.scimType}` : ''}`;
      statuses[key] = (statuses[key] ?? 0) + 1;
      const problem = judge(text, oracle(text, target.type, resourcesOf(target), registry), answer);
      if (problem) problems.push(`${target.type}/${target.via}${answer.viaUrl ? '' : ' (body)'} ${JSON.stringify(text.slice(0, 300))}: ${problem}`);
    });
    recordProblems(`F1 ${ENGINE}`, problems);
    return { problems, ms, statuses };
  }

  function validTexts(type: 'User' | 'Group') {
    const spec = buildGenSpec(registry, type, (type === 'User' ? seeded.users : seeded.groups) as Record<string, unknown>[]);
    return filterArbitrary(spec, type === 'User' ? URN.USER : URN.GROUP).map(printFilter);
  }

  function sample(n: number, make: (t: Target) => fc.Arbitrary<string>, seedOffset: number) {
    const perTarget = Math.ceil(n / TARGETS.length);
    return TARGETS.flatMap((target, i) => fc.sample(make(target), { numRuns: perTarget, seed: FC_SEED + seedOffset + i }).map((text) => ({ target, text })));
  }

  function expectClean(problems: string[]) {
    expect(problems.slice(0, 15)).toEqual([]);
    expect(svc.proc.exitCode).toBeNull();
    expect(fleet.pollution()).toEqual([]);
  }

  it(`seeds ${SEEDED_USERS} users and their groups (the oracle's data), password never returned`, () => {
    expect(seeded.users.length + seeded.refused).toBe(SEEDED_USERS);
    expect(seeded.users.length).toBeGreaterThan(150);
    expect(seeded.groups.length).toBe(30);
    expect(JSON.stringify(seeded.users)).not.toContain(CANARY_PASSWORD);
    expect(JSON.stringify(seeded.users)).not.toMatch(/"password"/i);
  });

  it(`${SIZE.filterValid} grammar-valid filters (seed ${FC_SEED}) return exactly what the evaluator returns`, async () => {
    const cases = sample(SIZE.filterValid, (t) => validTexts(t.type), 0);
    const { problems, ms, statuses } = await campaign(cases);
    const s = stats(ms);
    recordFigure('F1 valid', { engine: ENGINE, cases: cases.length, seed: FC_SEED, statuses, ...s });
    expectClean(problems);
    expect(statuses['200']).toBeGreaterThan(cases.length * 0.5);
    expect(s.max).toBeLessThan(2_000);
  });

  it(`${SIZE.filterMutated} mutated filters and the hostile corpus: only 200, 400 invalidFilter or 403 sensitive`, async () => {
    const corpus = TARGETS.flatMap((target) => hostileCorpus(CANARY_PASSWORD).map((text) => ({ target, text })));
    const cases = [...corpus, ...sample(SIZE.filterMutated, (t) => mutatedFilter(validTexts(t.type)), 100)];
    const { problems, ms, statuses } = await campaign(cases);
    const s = stats(ms);
    recordFigure('F1 mutated+hostile', { engine: ENGINE, cases: cases.length, seed: FC_SEED, statuses, ...s });
    expectClean(problems);
    expect(Object.keys(statuses).every((k) => ['200', '400 invalidFilter', '403 sensitive', '400 invalidValue'].includes(k))).toBe(true);
    expect(s.max).toBeLessThan(2_000);
  });

  it('over-cap filters are refused fast (400 invalidFilter), password filters are never 200', async () => {
    const t0 = performance.now();
    const huge = await ask(c, TARGETS[1], Array.from({ length: 10_000 }, () => 'userName eq "x"').join(' or '));
    const deep = await ask(c, TARGETS[0], `${'('.repeat(5000)}userName eq "a"${')'.repeat(5000)}`);
    expect([huge.res.status, huge.res.json?.scimType, deep.res.status, deep.res.json?.scimType]).toEqual([400, 'invalidFilter', 400, 'invalidFilter']);
    recordFigure('F1 caps', { engine: ENGINE, hugeMs: huge.res.ms, deepMs: deep.res.ms });
    expect(Math.max(huge.res.ms, deep.res.ms)).toBeLessThan(500);
    expect(performance.now() - t0).toBeLessThan(2_000);
    for (const target of TARGETS.filter((t) => t.type === 'User')) {
      const r = await ask(c, target, `password eq "${CANARY_PASSWORD}"`);
      expect([r.res.status, r.res.json?.scimType]).toEqual([403, 'sensitive']);
    }
  });
});
