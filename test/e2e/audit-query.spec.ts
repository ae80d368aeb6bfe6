import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TenantsService } from '../../src/auth/tenants.service';
import { REDACTED } from '../../src/audit/audit-diff';
import { AuditEventsRepository } from '../../src/audit/audit-events.repository';
import { EXPORT_BATCH } from '../../src/audit/audit-query.service';
import { AuditService } from '../../src/audit/audit.service';
import { TransactionRunner } from '../../src/database/transaction-runner';
import { startTestApp, TestApp } from '../setup/test-app';
import { TEST_ENGINE } from '../setup/test-database';
import { auditApi, CORE_GROUP, CORE_USER, issueToken, scim } from './audit-support';

const EXT = 'urn:ietf:params:scim:schemas:extension:Acme:2.0:User';
const SECRETS = ['Sup3rSecret!', 'An0therSecret!', 'pin-1234', 'pin-9999'];

// Issue 5: the query API (scope audit:read, tenant from the credential) — a resource's full
// history with diffs, filters, cursor pagination, NDJSON export, summary; sensitive values redacted.
describe(`audit query API (issue 5) on ${TEST_ENGINE}`, () => {
  let t: TestApp;
  let dana = '';
  let groupId = '';
  const api = () => auditApi(t);

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'audit-schemas-'));
    const file = join(dir, 'schemas.json');
    writeFileSync(file, JSON.stringify([{ id: EXT, attributes: [{ name: 'badge' }, { name: 'pin', returned: 'never' }] }]));
    t = await startTestApp({ customSchemasFile: file });
    const s = scim(t);
    dana = (await s.post('/Users', {
      schemas: [CORE_USER, EXT], userName: 'dana@example.com', name: { givenName: 'Dana', familyName: 'Lee' }, password: SECRETS[0],
      [EXT]: { badge: 'B1', pin: SECRETS[2] },
    }).expect(201)).body.id;
    await s.patch(`/Users/${dana}`, [{ op: 'Replace', path: 'name.familyName', value: 'Li' }]).expect(200);
    await s.patch(`/Users/${dana}`, [{ op: 'replace', path: 'password', value: SECRETS[1] }, { op: 'replace', path: `${EXT}:pin`, value: SECRETS[3] }]).expect(200);
    await s.patch(`/Users/${dana}`, [{ op: 'replace', path: 'active', value: false }]).expect(200);
    await s.patch(`/Users/${dana}`, [{ op: 'explode' }]).expect(400);
    const erin = (await s.post('/Users', { schemas: [CORE_USER], userName: 'erin@example.com' }).expect(201)).body.id;
    groupId = (await s.post('/Groups', { schemas: [CORE_GROUP], displayName: 'Ops', members: [{ value: erin }] }).expect(201)).body.id;
    await s.patch(`/Groups/${groupId}`, [{ op: 'add', path: 'members', value: [{ value: dana }] }]).expect(204);
    await s.del(`/Users/${dana}`).expect(204);
  });
  afterAll(() => t.close());

  it("returns one user's full history in order, with the diff of each change and secrets redacted", async () => {
    const res = await api()(`/resources/Users/${dana}/history`).expect(200);
    expect(res.body.resourceType).toBe('User');
    const items = res.body.items as Array<Record<string, any>>;
    expect(items.map((e) => `${e.action}/${e.outcome}/${e.status}`)).toEqual([
      'user.created/success/201', 'user.updated/success/200', 'user.updated/success/200', 'user.disabled/success/200',
      'user.updated/failure/400', 'user.deleted/success/204',
    ]);
    expect(items.map((e) => e.seq)).toEqual([...items.map((e) => e.seq)].sort((a, b) => a - b));
    expect(items[0].changes).toEqual(expect.arrayContaining([
      { attribute: 'userName', before: null, after: 'dana@example.com' }, { attribute: 'password', before: null, after: REDACTED },
      { attribute: `${EXT}:pin`, before: null, after: REDACTED }, { attribute: `${EXT}:badge`, before: null, after: 'B1' },
    ]));
    expect(items[1]).toMatchObject({ changes: [{ attribute: 'name.familyName', before: 'Lee', after: 'Li' }], quirks: ['Q1-op-case'] });
    expect(items[2].changes).toEqual([{ attribute: 'password', before: REDACTED, after: REDACTED }, { attribute: `${EXT}:pin`, before: REDACTED, after: REDACTED }]);
    expect(items[3].changes).toEqual([{ attribute: 'active', before: true, after: false }]);
    expect(items[4]).toMatchObject({ changes: [], scimType: expect.any(String) });
    expect(items[5].changes).toEqual(expect.arrayContaining([{ attribute: 'password', before: REDACTED, after: null }]));
    expect(items[0]).toMatchObject({ actor: { type: 'token', name: expect.any(String) }, requestId: expect.any(String), method: 'POST' });
    for (const secret of SECRETS) expect(res.text).not.toContain(secret);
  });

  it('filters events on resourceId (newest first: the history reversed), action, outcome, type, actor and time', async () => {
    const history = (await api()(`/resources/Users/${dana}/history`).expect(200)).body.items;
    const byResource = (await api()('/events', { resourceId: dana }).expect(200)).body.items;
    expect(byResource).toEqual([...history].reverse());
    expect((await api()('/events', { action: 'user.disabled' })).body.items.map((e: any) => e.resourceId)).toEqual([dana]);
    expect((await api()('/events', { outcome: 'failure' })).body.items.map((e: any) => e.status)).toEqual([400]);
    const groupEvents = (await api()('/events', { resourceType: 'Group' })).body.items;
    expect(groupEvents.map((e: any) => e.action)).toEqual(['group.members_added', 'group.created']);
    expect(groupEvents[0].members).toMatchObject({ added: [dana], addedCount: 1, removedAll: false });
    const actorId = history[0].actor.id;
    expect((await api()('/events', { actorId })).body.items).toHaveLength(9);
    expect((await api()('/events', { actorId: 'nobody' })).body.items).toEqual([]);
    expect((await api()('/events', { from: history[5].time, resourceId: dana })).body.items.map((e: any) => e.action)).toEqual(['user.deleted']);
    expect((await api()('/events', { to: '2000-01-01T00:00:00Z' })).body.items).toEqual([]);
  });

  it('pages newest first with an opaque cursor, and rejects bad parameters with 400', async () => {
    const all = (await api()('/events').expect(200)).body.items.map((e: any) => e.seq);
    const paged: number[] = [];
    let cursor: string | undefined;
    do {
      const page = (await api()('/events', cursor ? { limit: 3, cursor } : { limit: 3 }).expect(200)).body;
      paged.push(...page.items.map((e: any) => e.seq));
      cursor = page.nextCursor;
    } while (cursor);
    expect(paged).toEqual(all);
    expect(all).toEqual([...all].sort((a, b) => b - a));
    const bads: Array<Record<string, string | number>> = [{ limit: 0 }, { outcome: 'maybe' }, { from: 'yesterday' }, { cursor: 'not-a-cursor' }, { tenantId: 'x' }, { resourceType: 'Robot' }];
    for (const bad of bads) {
      const res = await api()('/events', bad);
      expect({ bad, status: res.status }).toEqual({ bad, status: 400 });
    }
    await api()('/resources/Robots/x/history').expect(400);
  });

  it('exports a time range as a streamed NDJSON, oldest first', async () => {
    const res = await api()('/export', { from: '2000-01-01T00:00:00Z' }).buffer(true).parse((r, cb) => {
      let text = '';
      r.on('data', (c: Buffer) => (text += c.toString()));
      r.on('end', () => cb(null, text));
    }).expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/x-ndjson/);
    const lines = (res.body as string).trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((e) => e.seq)).toEqual(lines.map((_, i) => i + 1));
    expect(lines).toHaveLength(9);
    for (const secret of SECRETS) expect(res.body).not.toContain(secret);
  });

  it('summarises counts by action and outcome for a period', async () => {
    const res = await api()('/summary', { from: '2000-01-01T00:00:00Z', to: '2999-01-01T00:00:00Z' }).expect(200);
    expect(res.body).toMatchObject({ total: 9, success: 8, failure: 1 });
    expect(res.body.actions).toEqual(expect.arrayContaining([
      { action: 'user.created', success: 2, failure: 0 }, { action: 'user.updated', success: 2, failure: 1 },
      { action: 'group.members_added', success: 1, failure: 0 },
    ]));
  });

  it('needs audit:read, and shows only the credential\'s own tenant', async () => {
    await t.http.get('/api/v1/audit/events').expect(401);
    const writer = await issueToken(t, ['scim:read', 'scim:write']);
    await auditApi(t, writer.auth)('/events').expect(403);
    const auditor = await issueToken(t, ['audit:read']);
    expect((await auditApi(t, auditor.auth)('/events').expect(200)).body.items).toHaveLength(9);
    const tenants = t.app.get(TenantsService);
    const other = await tenants.create('Other tenant');
    const otherToken = (await tenants.issueToken(other.id, { scopes: ['audit:read'] })).token;
    const asOther = auditApi(t, { Authorization: `Bearer ${otherToken}` });
    expect((await asOther('/events', { resourceId: dana }).expect(200)).body.items).toEqual([]);
    expect((await asOther(`/resources/Users/${dana}/history`).expect(200)).body.items).toEqual([]);
    expect((await asOther('/verify').expect(200)).body).toMatchObject({ ok: true, checked: 0, tenantId: other.id });
  });

  it('streams a large export batch by batch instead of loading it whole', async () => {
    const audit = t.app.get(AuditService);
    const principal = { tenantId: t.tenantId, actorId: 'bulk', actorName: 'bulk', actorType: 'token' as const, scopes: new Set<never>() };
    const extra = 2 * EXPORT_BATCH + 7;
    await t.app.get(TransactionRunner).write(async (db) => {
      for (let i = 0; i < extra; i++) {
        await audit.recordChange(db, { principal, base: '', method: 'POST', route: '/bulk' },
          { kind: 'create', resourceType: 'User', resourceId: `bulk-${i}`, status: 201, after: { userName: `bulk-${i}` } });
      }
    });
    const spy = jest.spyOn(t.app.get(AuditEventsRepository), 'listOldestFirst');
    const res = await api()('/export').buffer(true).parse((r, cb) => {
      let text = '';
      r.on('data', (c: Buffer) => (text += c.toString()));
      r.on('end', () => cb(null, text));
    }).expect(200);
    const calls = spy.mock.calls.map((c) => c[4]);
    spy.mockRestore();
    expect((res.body as string).trim().split('\n')).toHaveLength(9 + extra);
    expect(calls.length).toBeGreaterThanOrEqual(3);
    expect(calls.every((limit) => limit === EXPORT_BATCH)).toBe(true);
    expect((await api()('/verify').expect(200)).body).toMatchObject({ ok: true, checked: 9 + extra });
  });

  it('is documented in Swagger', async () => {
    const doc = (await t.http.get('/docs-json').expect(200)).body;
    for (const path of ['/api/v1/audit/events', '/api/v1/audit/resources/{resourceType}/{id}/history', '/api/v1/audit/export', '/api/v1/audit/summary', '/api/v1/audit/verify']) {
      expect(doc.paths[path]?.get).toBeDefined();
    }
    expect(doc.paths['/api/v1/audit/events'].get.parameters.map((p: any) => p.name)).toEqual(expect.arrayContaining(['resourceId', 'action', 'outcome', 'cursor']));
  });
});
