import { AUDIT_COMMANDS } from '../../src/audit/audit.cli';
import { EVENT_COLUMNS } from '../../src/audit/audit-chain';
import { AuditRetentionService } from '../../src/audit/audit-retention.service';
import { AuditVerifierService } from '../../src/audit/audit-verifier.service';
import { Clock } from '../../src/common/clock';
import { startTestApp, TestApp } from '../setup/test-app';
import { TEST_ENGINE } from '../setup/test-database';
import { auditApi, scim, sql, userBody } from './audit-support';

type Row = Record<string, unknown>;

// Issue 5: editing any stored event (or deleting one) makes verification fail and name that event;
// pruning by retention keeps the remaining chain verifiable.
describe(`audit hash chain: tamper evidence and retention (issue 5) on ${TEST_ENGINE}`, () => {
  let t: TestApp;
  const verify = async () => (await auditApi(t)('/verify').expect(200)).body;
  const eventAt = async (seq: number) => (await sql<Row>(t, `SELECT ${EVENT_COLUMNS.join(', ')} FROM audit_event WHERE tenant_id = ? AND seq = ?`, [t.tenantId, seq]))[0];
  const setColumn = (seq: number, column: string, value: unknown) =>
    sql(t, `UPDATE audit_event SET ${column} = ? WHERE tenant_id = ? AND seq = ?`, [value, t.tenantId, seq]);
  const reinsert = (row: Row) =>
    sql(t, `INSERT INTO audit_event (${EVENT_COLUMNS.join(', ')}) VALUES (${EVENT_COLUMNS.map(() => '?').join(', ')})`, EVENT_COLUMNS.map((c) => row[c]));
  const cli = () => ({
    audit: { verifier: t.app.get(AuditVerifierService), retention: t.app.get(AuditRetentionService) },
    out: (line: string) => lines.push(line),
  });
  let lines: string[] = [];

  beforeAll(async () => {
    t = await startTestApp({ auditRetentionDays: 30 });
    const s = scim(t);
    for (let i = 1; i <= 5; i++) await s.post('/Users', userBody(`user${i}@example.com`)).expect(201);
    const id = (await sql<{ id: string }>(t, 'SELECT id FROM scim_user WHERE user_name = ?', ['user1@example.com']))[0].id;
    await s.patch(`/Users/${id}`, [{ op: 'replace', path: 'active', value: false }]).expect(200);
  });
  afterAll(() => t.close());

  it('an untouched chain verifies, through the API and the CLI', async () => {
    expect(await verify()).toMatchObject({ ok: true, checked: 6, anchor: { seq: 0 }, head: { seq: 6 } });
    lines = [];
    await AUDIT_COMMANDS['audit:verify']({ positional: [], flags: { tenant: t.tenantId } }, cli());
    expect(lines).toContain('Chain OK');
  });

  const edits: Array<[string, (v: unknown) => unknown]> = [
    ['action', () => 'user.deleted'], ['resource_id', (v) => `${v}x`], ['status', (v) => Number(v) + 1],
    ['outcome', () => 'failure'], ['changes', () => '[]'], ['actor_id', () => 'someone-else'], ['actor_name', () => 'Mallory'],
    ['occurred_at', () => '2020-01-01T00:00:00.000Z'], ['source_ip', () => '10.6.6.6'], ['route', (v) => `${v}/x`],
    ['id', () => '00000000-0000-4000-8000-00000000beef'], ['hash', () => 'f'.repeat(64)], ['prev_hash', () => 'e'.repeat(64)],
  ];
  it.each(edits)('editing %s of an event names that event', async (column, edit) => {
    const original = await eventAt(3);
    await setColumn(3, column, edit(original[column]));
    const res = await verify();
    await setColumn(3, column, original[column]);
    expect(res).toMatchObject({ ok: false, firstBroken: { seq: 3 } });
    expect(['content', 'link']).toContain(res.firstBroken.problem);
    expect(await verify()).toMatchObject({ ok: true });
  });

  it('deleting an event names its sequence number, in the middle and at the end', async () => {
    for (const seq of [4, 6]) {
      const row = await eventAt(seq);
      await sql(t, 'DELETE FROM audit_event WHERE tenant_id = ? AND seq = ?', [t.tenantId, seq]);
      const res = await verify();
      await reinsert(row);
      expect(res).toMatchObject({ ok: false, firstBroken: { seq, eventId: null, problem: 'missing' } });
    }
    expect(await verify()).toMatchObject({ ok: true });
  });

  it('reordering two events names the first one out of place; the CLI exits with an error naming it', async () => {
    await setColumn(2, 'seq', 1000);
    await setColumn(3, 'seq', 2);
    await setColumn(1000, 'seq', 3);
    const res = await verify();
    await expect(AUDIT_COMMANDS['audit:verify']({ positional: [], flags: { tenant: t.tenantId } }, cli())).rejects.toThrow(/broken at seq 2 \(event /);
    await setColumn(2, 'seq', 1000);
    await setColumn(3, 'seq', 2);
    await setColumn(1000, 'seq', 3);
    expect(res).toMatchObject({ ok: false, firstBroken: { seq: 2, problem: 'link' } });
    expect(await verify()).toMatchObject({ ok: true });
  });

  it('pruning deletes events older than the retention period and the rest still verifies from the anchor', async () => {
    const sixth = await eventAt(6);
    t.app.get(Clock).advance(31 * 86_400_000);
    await scim(t).post('/Users', userBody('late1@example.com')).expect(201);
    await scim(t).post('/Users', userBody('late2@example.com')).expect(201);
    lines = [];
    await AUDIT_COMMANDS['audit:prune']({ positional: [], flags: {} }, cli());
    expect(lines).toContain(`${t.tenantId}\tpruned=6`);
    const remaining = await sql<{ seq: number }>(t, 'SELECT seq FROM audit_event WHERE tenant_id = ? ORDER BY seq', [t.tenantId]);
    expect(remaining.map((r) => Number(r.seq))).toEqual([7, 8]);
    expect(await verify()).toMatchObject({ ok: true, checked: 2, anchor: { seq: 6, hash: sixth.hash }, head: { seq: 8 } });
    await setColumn(7, 'action', 'user.deleted');
    expect(await verify()).toMatchObject({ ok: false, firstBroken: { seq: 7, problem: 'content' } });
    await setColumn(7, 'action', 'user.created');
    expect(await t.app.get(AuditRetentionService).prune()).toEqual([{ tenantId: t.tenantId, pruned: 0 }]);
  });
});
