import fc from 'fast-check';
import { createTestDatabase, TestDatabase } from '../setup/test-database';
import { httpRequest, HttpResult } from '../system/support/http';
import { dbEnv } from '../system/support/spawn-service';
import { BodyCase, bodyCase, bodyCorpus } from './support/body-arbitraries';
import { poisonKeys } from './support/patch-model';
import { recordFigure, recordProblems } from './support/run-dir';
import { isScimError, pool, ScimClient } from './support/scim-client';
import { Fleet, RunningService } from './support/service';
import { stats } from './support/stats';
import { ENGINE, FC_SEED, label, SIZE } from './support/tier';

// reliability-plan.md §5.2 F3 over HTTP: truncated JSON, BOM, invalid UTF-8, duplicate keys, 1e400,
// 2^53+1, wrong shapes, depth 33 / 5,000 / 50,000, 1 MiB + 1, wrong or missing Content-Type,
// __proto__ / constructor keys, client-sent id/meta — on every write route. Only 2xx, 400, 409
// (a valid body naming a taken userName), 413 or 415, always a SCIM Error body; never a 5xx.
const ALLOWED = new Set([200, 201, 204, 400, 409, 413, 415]);
const JSONISH = /^application\/(scim\+)?json\b/i;

/** The expected statuses for the cases whose answer is fixed; undefined = any allowed status. */
function fixedStatus(c: BodyCase): number[] | undefined {
  if (c.kind === '1 MiB + 1') return [413];
  // Form bodies have a parser (the OAuth token endpoint's, 16 KiB limit) that reads the body before
  // refusing it on other routes: invalid UTF-8 → 400 ("Content-Length does not match the body"),
  // over 16 KiB → 413, else 415.
  if (c.contentType === 'application/x-www-form-urlencoded') return [400, 413, 415];
  if (c.contentType !== undefined ? !JSONISH.test(c.contentType) : c.body.length > 0) return [415];
  if (/^depth (33|64|5000|50000)$/.test(c.kind) || c.kind === 'truncated') return [400];
  return undefined;
}

describe(label('F3 malformed bodies'), () => {
  const fleet = new Fleet('f3-bodies');
  let db: TestDatabase;
  let svc: RunningService;
  let c: ScimClient;
  const target: Record<string, string> = {};

  beforeAll(async () => {
    db = await createTestDatabase();
    svc = await fleet.start(dbEnv(db.config));
    c = ScimClient.fromTenantUrl(svc.tenantUrl!, svc.token!, SIZE.pool);
    target.$U = (await c.createUser('f3.target@example.com')).json.id;
    target.$G = (await c.createGroup('F3 target group')).json.id;
  });
  afterAll(async () => {
    c?.close();
    await fleet.stopAll();
    await db?.drop();
  });

  function send(bc: BodyCase): Promise<HttpResult> {
    const [method, path] = bc.route.replace(/\$[UG]/, (k) => target[k]).split(' ');
    const headers: Record<string, string> = { Authorization: `Bearer ${c.token}` };
    if (bc.contentType !== undefined) headers['Content-Type'] = bc.contentType;
    return httpRequest(`${c.origin}${c.base}${path}`, { method, headers, body: bc.body, agent: c.agent, timeoutMs: 30_000 });
  }

  function judge(bc: BodyCase, res: HttpResult): string | undefined {
    const fixed = fixedStatus(bc);
    if (!ALLOWED.has(res.status) || (fixed !== undefined && !fixed.includes(res.status))) return `status ${res.status} (expected ${(fixed ?? [...ALLOWED]).join('/')})`;
    if (res.status >= 400 && !isScimError(res)) return `not a SCIM Error: ${res.text.slice(0, 200)}`;
    if (res.status === 400 && !res.json.scimType) return `400 without scimType: ${res.text.slice(0, 200)}`;
    const tooDeep = /^depth (33|64|5000|50000)$/.test(bc.kind) && JSONISH.test(bc.contentType ?? '');
    if (tooDeep && res.json?.scimType !== 'invalidSyntax') return `depth → ${res.json?.scimType}`;
    if (res.status < 300 && res.json && poisonKeys(res.json).length) return `poison keys in the answer: ${poisonKeys(res.json)}`;
    if (res.status === 201 && (res.json?.id === 'attacker-chosen-id' || !/^[0-9a-f-]{36}$/.test(res.json?.id))) return `client id was kept: ${res.json?.id}`;
    if (res.status === 201 && bc.kind === 'server-owned' && res.json?.meta?.version === 'W/"999"') return 'client meta was kept';
    return undefined;
  }

  it(`${SIZE.bodyCases} generated bodies (seed ${FC_SEED}) and the fixed corpus on every write route: never a 5xx`, async () => {
    const cases = [...bodyCorpus(0), ...fc.sample(bodyCase, { numRuns: SIZE.bodyCases, seed: FC_SEED }).map((make, i) => make(i + 100))];
    const problems: string[] = [];
    const ms: number[] = [];
    const statuses: Record<string, number> = {};
    await pool(cases, SIZE.pool, async (bc) => {
      const res = await send(bc).catch((e: Error) => ({ status: 0, text: e.message }) as HttpResult);
      ms.push(res.ms);
      statuses[res.status] = (statuses[res.status] ?? 0) + 1;
      const problem = judge(bc, res);
      if (problem) problems.push(`${bc.route} [${bc.kind}; ${bc.contentType}] ${JSON.stringify(bc.body.subarray(0, 160).toString('latin1'))}: ${problem}`);
    });
    recordProblems(`F3 ${ENGINE}`, problems);
    recordFigure('F3 bodies', { engine: ENGINE, seed: FC_SEED, cases: cases.length, statuses, ...stats(ms) });
    expect(problems.slice(0, 10)).toEqual([]);
    expect(statuses['201']).toBeGreaterThan(0);
    expect(statuses['400']).toBeGreaterThan(0);
  });

  it('an application/scim+json body is parsed (V16); the process is alive and unpolluted', async () => {
    const res = await c.send('POST', '/Users', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'f3.scim.json@example.com' });
    expect([res.status, res.json.userName]).toEqual([201, 'f3.scim.json@example.com']);
    expect((await c.send('GET', `/Users/${target.$U}`)).status).toBe(200);
    expect(svc.proc.exitCode).toBeNull();
    expect(fleet.pollution()).toEqual([]);
  });
});
