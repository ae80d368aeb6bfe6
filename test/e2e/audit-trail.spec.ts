import type { Response } from 'supertest';
import { AuditService } from '../../src/audit/audit.service';
import { startTestApp, TestApp } from '../setup/test-app';
import { TEST_ENGINE } from '../setup/test-database';
import { CORE_GROUP, issueToken, scim, sql, storedEvents, userBody } from './audit-support';

interface Expected {
  label: string;
  status: number;
  action: string;
  outcome: 'success' | 'failure';
  scimType: string | null;
}

// Issue 5 checks: one audit event per mutating SCIM request, with the right action, outcome,
// status and scimType; a write that fails mid-transaction leaves neither change nor success event.
describe(`audit trail of SCIM writes (issue 5) on ${TEST_ENGINE}`, () => {
  let t: TestApp;
  const sent: Expected[] = [];
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  /** Sends a mutating request and remembers the event it must produce. */
  async function expectEvent(label: string, req: Promise<Response>, status: number, action: string): Promise<Response> {
    const res = await req;
    expect({ label, status: res.status }).toEqual({ label, status });
    const outcome = status < 400 ? 'success' : 'failure';
    sent.push({ label, status, action, outcome, scimType: status < 400 ? null : (res.body?.scimType ?? null) });
    return res;
  }

  it('replays creates, updates, disables, renames, membership changes, deletes and refusals; one event each', async () => {
    const s = scim(t);
    const readOnly = await issueToken(t, ['scim:read'], 'read-only');
    ids.alice = (await expectEvent('create alice', s.post('/Users', userBody('alice@example.com')), 201, 'user.created')).body.id;
    ids.bob = (await expectEvent('create bob', s.post('/Users', userBody('bob@example.com')), 201, 'user.created')).body.id;
    await expectEvent('duplicate alice', s.post('/Users', userBody('ALICE@example.com')), 409, 'user.created');
    await expectEvent('patch displayName (Entra "Replace")', s.patch(`/Users/${ids.alice}`, [{ op: 'Replace', path: 'displayName', value: 'Alice Zoë 🚀 "quoted" \\ tab\t' }]), 200, 'user.updated');
    await expectEvent('disable ("False")', s.patch(`/Users/${ids.alice}`, [{ op: 'Replace', path: 'active', value: 'False' }]), 200, 'user.disabled');
    await expectEvent('enable', s.patch(`/Users/${ids.alice}`, [{ op: 'replace', path: 'active', value: true }]), 200, 'user.enabled');
    await expectEvent('PUT that disables', s.put(`/Users/${ids.bob}`, userBody('bob@example.com', { active: false })), 200, 'user.disabled');
    await expectEvent('rename onto an existing userName', s.patch(`/Users/${ids.bob}`, [{ op: 'replace', path: 'userName', value: 'Alice@Example.com' }]), 409, 'user.updated');
    await expectEvent('patch unknown id', s.patch('/Users/00000000-0000-4000-8000-000000000000', [{ op: 'replace', path: 'displayName', value: 'x' }]), 404, 'user.updated');
    await expectEvent('bad PATCH', s.patch(`/Users/${ids.alice}`, [{ op: 'explode', path: 'displayName', value: 'x' }]), 400, 'user.updated');
    const group = { schemas: [CORE_GROUP], displayName: 'Team', members: [{ value: ids.alice }] };
    ids.group = (await expectEvent('create group', s.post('/Groups', group), 201, 'group.created')).body.id;
    await expectEvent('add member', s.patch(`/Groups/${ids.group}`, [{ op: 'Add', path: 'members', value: [{ value: ids.bob }] }]), 204, 'group.members_added');
    await expectEvent('remove member (Entra by value)', s.patch(`/Groups/${ids.group}`, [{ op: 'Remove', path: 'members', value: [{ value: ids.alice }] }]), 204, 'group.members_removed');
    await expectEvent('rename group', s.patch(`/Groups/${ids.group}`, [{ op: 'Replace', path: 'displayName', value: 'Team 2' }]), 204, 'group.renamed');
    await expectEvent('add and remove', s.patch(`/Groups/${ids.group}`, [
      { op: 'add', path: 'members', value: [{ value: ids.alice }] }, { op: 'remove', path: `members[value eq "${ids.bob}"]` }]), 204, 'group.members_changed');
    await expectEvent('delete unknown group', s.del('/Groups/00000000-0000-4000-8000-000000000001'), 404, 'group.deleted');
    await expectEvent('wrong token on the Tenant URL', scim(t, { Authorization: 'Bearer scimb_wrong' }).post('/Users', userBody('x@example.com')), 401, 'user.created');
    await expectEvent('read-only token', scim(t, readOnly.auth).post('/Users', userBody('y@example.com')), 403, 'user.created');
    await expectEvent('delete alice', s.del(`/Users/${ids.alice}`), 204, 'user.deleted');
    await expectEvent('delete group', s.del(`/Groups/${ids.group}`), 204, 'group.deleted');

    const events = await storedEvents(t);
    expect(events.map((e) => e.seq)).toEqual(sent.map((_, i) => i + 1));
    expect(events.map((e, i) => ({ label: sent[i].label, status: e.status, action: e.action, outcome: e.outcome, scimType: e.scim_type })))
      .toEqual(sent.map(({ label, status, action, outcome, scimType }) => ({ label, status, action, outcome, scimType })));
    expect(events.find((e) => e.status === 409)?.scim_type).toBe('uniqueness');
    expect(events.find((e) => e.status === 401)).toMatchObject({ actor_type: 'anonymous', actor_id: null });
    expect(events.find((e) => e.status === 403)).toMatchObject({ actor_type: 'token', actor_id: readOnly.id });
  });

  it('records nothing for reads and searches, nor for requests with no tenant to attribute them to', async () => {
    const before = (await storedEvents(t)).length;
    const s = scim(t);
    await t.http.get(`${t.base}/Users`).set(t.auth).expect(200);
    await s.post('/Users/.search', { schemas: ['urn:ietf:params:scim:api:messages:2.0:SearchRequest'] }).expect(200);
    await scim(t, { Authorization: 'Bearer scimb_wrong' }, '/scim/v2/00000000-0000-4000-8000-00000000dead').post('/Users', userBody('z@example.com')).expect(401);
    await scim(t, { Authorization: 'Bearer scimb_wrong' }, '/scim/v2').post('/Users', userBody('z@example.com')).expect(401);
    expect(await storedEvents(t)).toHaveLength(before);
  });

  it('a rename that fails on the unique index leaves the user unchanged and only a failure event', async () => {
    const [bob] = await sql<{ user_name: string; version: number }>(t, 'SELECT user_name, version FROM scim_user WHERE id = ?', [ids.bob]);
    expect(bob.user_name).toBe('bob@example.com');
    const bobEvents = (await storedEvents(t)).filter((e) => e.resource_id === ids.bob);
    expect(bobEvents.map((e) => `${e.action}/${e.outcome}/${e.status}`)).toEqual([
      'user.created/success/201', 'user.disabled/success/200', 'user.updated/failure/409',
    ]);
  });

  it('a write whose transaction fails after the audit insert rolls back both the change and its event', async () => {
    const s = scim(t);
    const created = await s.post('/Users', userBody('carol@example.com')).expect(201);
    const audit = t.app.get(AuditService);
    const original = audit.recordChange.bind(audit);
    const spy = jest.spyOn(audit, 'recordChange').mockImplementationOnce(async (db, call, change) => {
      await original(db, call, change);
      throw new Error('simulated failure after the audit insert');
    });
    const before = await storedEvents(t);
    const res = await s.patch(`/Users/${created.body.id}`, [{ op: 'replace', path: 'displayName', value: 'Carol' }]);
    spy.mockRestore();
    expect(res.status).toBe(500);
    const [row] = await sql<{ doc: string; version: number }>(t, 'SELECT doc, version FROM scim_user WHERE id = ?', [created.body.id]);
    expect(JSON.parse(row.doc).displayName).toBeUndefined();
    expect(row.version).toBe(1);
    const after = await storedEvents(t);
    expect(after.slice(before.length).map((e) => `${e.action}/${e.outcome}/${e.status}`)).toEqual(['user.updated/failure/500']);
    expect(after.at(-1)!.seq).toBe(before.at(-1)!.seq + 1);
  });

  it('concurrent writes of one tenant never fork the chain (gapless seq, every link intact)', async () => {
    const s = scim(t);
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => s.post('/Users', userBody(`parallel${i}@example.com`))));
    expect(results.every((r) => r.status === 201)).toBe(true);
    const seqs = (await storedEvents(t)).map((e) => e.seq);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    const verify = await t.http.get('/api/v1/audit/verify').set(t.auth).expect(200);
    expect(verify.body).toMatchObject({ ok: true, checked: seqs.length });
  });
});
