import fc from 'fast-check';
import { createTestDatabase, TestDatabase } from '../setup/test-database';
import { dbEnv } from '../system/support/spawn-service';
import { HeaderCase, headerCase, HeaderContext, headerCorpus } from './support/header-arbitraries';
import { buildRequest, rawRequest, RawResponse } from './support/raw-http';
import { recordFigure, recordProblems } from './support/run-dir';
import { pool, SCIM_ERROR, ScimClient } from './support/scim-client';
import { Fleet, RunningService } from './support/service';
import { stats } from './support/stats';
import { ENGINE, FC_SEED, label, SIZE } from './support/tier';

// reliability-plan.md §5.2 F4 over raw sockets: method-override headers (no effect), X-Forwarded-*
// and Forwarded spoofing (no effect), conditional and negotiation headers with garbage, random
// header names and bytes, 17 KiB of headers (431), 1,000 headers, Content-Length together with
// Transfer-Encoding and other smuggling framings (400, one response, connection closed), missing
// or doubled Host, folded lines, NUL. Never a 5xx; every error a SCIM Error.
describe(label('F4 malformed headers'), () => {
  const fleet = new Fleet('f4-headers');
  let db: TestDatabase;
  let svc: RunningService;
  let c: ScimClient;
  let x: HeaderContext;

  beforeAll(async () => {
    db = await createTestDatabase();
    // Short HTTP deadlines: a case that leaves a body unfinished is answered in seconds, not 30 s.
    svc = await fleet.start({ ...dbEnv(db.config), HTTP_REQUEST_TIMEOUT_MS: '3000', HTTP_HEADERS_TIMEOUT_MS: '2000' });
    c = ScimClient.fromTenantUrl(svc.tenantUrl!, svc.token!);
    const user = await c.createUser('f4.protected@example.com', { title: 'Protected' });
    const group = await c.createGroup('F4 protected group', [user.json.id]);
    x = { base: c.base, userId: user.json.id, groupId: group.json.id, host: `127.0.0.1:${svc.port}`, token: c.token };
  });
  afterAll(async () => {
    c?.close();
    await fleet.stopAll();
    await db?.drop();
  });

  function judge(hc: HeaderCase, r: RawResponse): string | undefined {
    if (r.statuses.length === 0) return `no response (closed=${r.closed}) ${JSON.stringify(r.text.slice(0, 200))}`;
    if (r.statuses.some((s) => s >= 500)) return `5xx: ${r.text.slice(0, 300)}`;
    if (hc.expect && !hc.expect.includes(r.statuses[0])) return `status ${r.statuses[0]}, expected ${hc.expect}`;
    if (hc.trailing !== undefined && (r.statuses.length !== 1 || !r.closed)) return `smuggling: ${r.statuses.length} responses, closed=${r.closed}`;
    if (r.statuses[0] >= 400 && (r.body?.schemas?.[0] !== SCIM_ERROR || r.body?.status !== String(r.statuses[0]))) return `not a SCIM Error: ${r.text.slice(0, 300)}`;
    if (r.text.includes('evil.example')) return `a spoofed header reached the answer: ${r.text.slice(0, 300)}`;
    if (hc.method === 'GET' && /override|method/i.test(hc.kind) && r.statuses[0] === 204) return 'a method override turned a GET into a DELETE';
    return undefined;
  }

  it(`${SIZE.headerCases} generated header sets (seed ${FC_SEED}) and the framing corpus: never a 5xx, no smuggling, no override`, async () => {
    const cases = [...headerCorpus(x), ...fc.sample(headerCase, { numRuns: SIZE.headerCases, seed: FC_SEED }).map((make) => make(x))];
    const problems: string[] = [];
    const ms: number[] = [];
    const statuses: Record<string, number> = {};
    await pool(cases, SIZE.pool, async (hc) => {
      const bytes = Buffer.concat([buildRequest(hc.method, hc.target, hc.headers, hc.body), Buffer.from(hc.trailing ?? '', 'latin1')]);
      const r = await rawRequest(svc.port, bytes, 8_000);
      ms.push(r.ms);
      statuses[r.statuses[0] ?? 0] = (statuses[r.statuses[0] ?? 0] ?? 0) + 1;
      const problem = judge(hc, r);
      if (problem) problems.push(`${hc.method} [${hc.kind}] ${JSON.stringify(hc.headers.slice(3).map(([k, v]) => `${k}: ${v.slice(0, 40)}`))}: ${problem}`);
    });
    recordProblems(`F4 ${ENGINE}`, problems);
    recordFigure('F4 headers', { engine: ENGINE, seed: FC_SEED, cases: cases.length, statuses, ...stats(ms) });
    expect(problems.slice(0, 10)).toEqual([]);
    expect(statuses['200']).toBeGreaterThan(cases.length / 3);
  });

  it('after the campaign the override targets still exist unchanged and the process is alive', async () => {
    const user = await c.send('GET', `/Users/${x.userId}`);
    const group = await c.send('GET', `/Groups/${x.groupId}`);
    expect([user.status, user.json.title, group.status, group.json.members?.length]).toEqual([200, 'Protected', 200, 1]);
    expect(svc.proc.exitCode).toBeNull();
    expect(fleet.pollution()).toEqual([]);
  });
});
