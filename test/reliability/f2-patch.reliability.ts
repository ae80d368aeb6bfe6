import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { createTestDatabase, TestDatabase } from '../setup/test-database';
import { dbEnv } from '../system/support/spawn-service';
import { body, groupOp, userOp } from './support/patch-arbitraries';
import { comparable, docOf, expectPatch, poisonKeys, same, Type } from './support/patch-model';
import { recordFigure, recordProblems } from './support/run-dir';
import { Json, pool, ScimClient } from './support/scim-client';
import { Fleet, RunningService } from './support/service';
import { ENGINE, FC_SEED, label, SIZE } from './support/tier';

// reliability-plan.md §5.2 F2 over HTTP: random PATCH sequences (mixed-case ops, value filters,
// read-only targets, poison keys in paths and values, multi-op requests where a later op fails)
// against a model — the service's own pure pipeline run locally. After every PATCH the resource
// equals the model; a refused PATCH leaves GET byte-identical (same meta.version, RFC 7644 §3.5.2);
// nothing ever reaches Object.prototype (sentinel preload + no poison key in any representation).
const USER_TEMPLATES: Json[] = [
  {},
  { displayName: 'Barbara Jensen', title: 'Tour Guide', name: { givenName: 'Barbara', familyName: 'Jensen' },
    emails: [{ value: 'bjensen@example.com', type: 'work', primary: true }, { value: 'babs@home.example', type: 'home' }],
    phoneNumbers: [{ value: '555-0100', type: 'mobile' }], 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': { department: 'Tours' } },
  { active: false, externalId: 'ext-1', roles: [{ value: 'Reader', primary: true }], addresses: [{ type: 'work', locality: 'Paris' }] },
];

describe(label('F2 PATCH sequences against a model'), () => {
  const fleet = new Fleet('f2-patch');
  let db: TestDatabase;
  let svc: RunningService;
  let c: ScimClient;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    db = await createTestDatabase();
    svc = await fleet.start(dbEnv(db.config));
    c = ScimClient.fromTenantUrl(svc.tenantUrl!, svc.token!, SIZE.pool);
    const other = await c.createTenant('F2 other tenant');
    ids.$OTHER_TENANT = (await other.createUser('other.tenant@example.com')).json.id;
    ids.$MEMBER = (await c.createUser('member.one@example.com', { displayName: 'Member One' })).json.id;
    ids.$MEMBER2 = (await c.createUser('member.two@example.com')).json.id;
    ids.$NEVER = randomUUID();
    other.close();
  });
  afterAll(async () => {
    c?.close();
    await fleet.stopAll();
    await db?.drop();
  });

  const scenario = fc.oneof(
    fc.record({ type: fc.constant<Type>('User'), template: fc.nat(USER_TEMPLATES.length - 1), bodies: fc.array(body(userOp), { minLength: 1, maxLength: 4 }) }),
    fc.record({ type: fc.constant<Type>('Group'), template: fc.nat(1), bodies: fc.array(body(groupOp), { minLength: 1, maxLength: 4 }) }),
  );

  const outcomes: Record<string, number> = {};
  const count = (k: string) => (outcomes[k] = (outcomes[k] ?? 0) + 1);

  async function runScenario(s: { type: Type; template: number; bodies: unknown[] }, n: number, problems: string[]): Promise<number> {
    const plural = s.type === 'User' ? 'Users' : 'Groups';
    const created = s.type === 'User'
      ? await c.createUser(`f2.${n}.${FC_SEED}@example.com`, USER_TEMPLATES[s.template])
      : await c.createGroup(`F2 group ${n} ${FC_SEED}`, s.template ? [ids.$MEMBER] : []);
    if (created.status !== 201) return void problems.push(`create ${plural}: ${created.status} ${created.text.slice(0, 200)}`), 0;
    const id = created.json.id as string;
    const subst: Record<string, string> = { ...ids, $SELF: id };
    const known = new Set([ids.$MEMBER, ids.$MEMBER2]);
    let before = await c.send('GET', `/${plural}/${id}`);
    let members: string[] = ((before.json.members ?? []) as Json[]).map((m) => m.value as string).sort();
    let requests = 2;
    for (const b of s.bodies) {
      const text = JSON.stringify(b).replace(/\$[A-Z_0-9]+/g, (k) => subst[k] ?? k);
      const expected = expectPatch(s.type, before.json, members, text, known);
      const res = await c.send('PATCH', `/${plural}/${id}`, text);
      const after = await c.send('GET', `/${plural}/${id}`);
      requests += 2;
      const where = `${s.type} ${text.slice(0, 400)}`;
      const version = (r: Json) => Number(/\d+/.exec(r.meta.version)?.[0]);
      // Renaming onto another resource's userName / displayName: 409 uniqueness, nothing changed.
      const key = s.type === 'User' ? 'userName' : 'displayName';
      const nameClash = res.status === 409 && res.json?.scimType === 'uniqueness' && expected.kind === 'ok'
        && String(expected.resource[key] ?? '').normalize('NFC').toLowerCase() !== String(before.json[key]).normalize('NFC').toLowerCase();
      if (res.status >= 500) problems.push(`${where}: ${res.status} ${res.text.slice(0, 200)}`);
      if (poisonKeys(after.json).length) problems.push(`${where}: poison keys ${poisonKeys(after.json).join(',')}`);
      count(`${s.type} ${res.status}${expected.kind === 'ok' && expected.changed ? ' changed' : ''}`);
      if (expected.kind === 'error' || nameClash) {
        if (expected.kind === 'error' && (res.status !== expected.status || res.json?.scimType !== expected.scimType)) {
          problems.push(`${where}: model ${JSON.stringify(expected)}, service ${res.status} ${res.text.slice(0, 200)}`);
        }
        if (after.text !== before.text) problems.push(`${where}: refused PATCH (${res.status}) changed the resource`);
        continue;
      }
      const okStatus = s.type === 'User' ? 200 : 204;
      if (res.status !== okStatus) { problems.push(`${where}: model ok, service ${res.status} ${res.text.slice(0, 200)}`); break; }
      const got = ((after.json.members ?? []) as Json[]).map((m) => m.value as string).sort();
      if (!same(comparable(after.json), expected.resource)) {
        problems.push(`${where}: state differs\n  model   ${JSON.stringify(docOf(expected.resource))}\n  service ${JSON.stringify(docOf(after.json))}`);
        break;
      }
      if (s.type === 'Group' && !same(got, expected.members)) problems.push(`${where}: members ${got} vs model ${expected.members}`);
      if (version(after.json) !== version(before.json) + (expected.changed ? 1 : 0)) problems.push(`${where}: version ${before.json.meta.version} → ${after.json.meta.version}, changed=${expected.changed}`);
      if (s.type === 'User' && !same(comparable(res.json), comparable(after.json))) problems.push(`${where}: PATCH response differs from GET`);
      before = after;
      members = got;
    }
    return requests;
  }

  it(`${SIZE.patchRuns} PATCH sequences (seed ${FC_SEED}): model agreement, atomic refusals, no prototype pollution`, async () => {
    const scenarios = fc.sample(scenario, { numRuns: SIZE.patchRuns, seed: FC_SEED });
    const problems: string[] = [];
    const t0 = performance.now();
    const requests = await pool(scenarios, SIZE.pool, (s, i) => runScenario(s, i, problems));
    recordProblems(`F2 ${ENGINE}`, problems);
    recordFigure('F2 PATCH', { engine: ENGINE, seed: FC_SEED, sequences: scenarios.length, patches: scenarios.reduce((n, s) => n + s.bodies.length, 0),
      requests: requests.reduce((a, b) => a + b, 0), outcomes, seconds: Math.round((performance.now() - t0) / 1000) });
    expect(problems.slice(0, 10)).toEqual([]);
    // The campaign exercised both sides: applied changes and refusals, on users and groups.
    for (const k of ['User 200 changed', 'User 400', 'Group 204 changed', 'Group 400']) expect(outcomes[k]).toBeGreaterThan(SIZE.patchRuns / 50);
    expect(svc.proc.exitCode).toBeNull();
    expect(fleet.pollution()).toEqual([]);
  });

  it('afterwards, fresh resources carry no polluted key and ({}) behaves: the process is clean', async () => {
    const fresh = await c.createUser(`f2.fresh.${FC_SEED}@example.com`);
    expect(fresh.status).toBe(201);
    const all = await c.send('GET', '/Users?count=100');
    expect(poisonKeys(fresh.json)).toEqual([]);
    expect(poisonKeys(all.json)).toEqual([]);
    expect(fresh.text).not.toMatch(/polluted/);
    expect(fleet.pollution()).toEqual([]);
  });
});
