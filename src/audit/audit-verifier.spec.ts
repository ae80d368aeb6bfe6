import type { AuditEventRow } from './audit-chain';
import { eventHash, GENESIS_HASH, HashedEventColumns } from './audit-hash';
import { checkLink } from './audit-verifier.service';

function chain(n: number): AuditEventRow[] {
  const rows: AuditEventRow[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const cols: HashedEventColumns = {
      id: `e${seq}`, tenant_id: 't', seq, occurred_at: '2026-01-01T00:00:00.000Z', actor_id: null, actor_type: 'anonymous', actor_name: null,
      source_ip: null, request_id: null, method: 'POST', route: '/', resource_type: 'User', resource_id: `u${seq}`, action: 'user.created',
      outcome: 'success', status: 201, scim_type: null, changes: '[]', members: null, quirks: null, prev_hash: prev,
    };
    const row = { ...cols, hash: eventHash(cols) };
    rows.push(row);
    prev = row.hash;
  }
  return rows;
}

/** Walks rows like the verifier does and returns the first break. */
function firstBreak(rows: AuditEventRow[]) {
  let expected = 1;
  let prev = GENESIS_HASH;
  for (const r of rows) {
    const b = checkLink(r, expected, prev);
    if (b) return b;
    expected = r.seq + 1;
    prev = r.hash;
  }
  return undefined;
}

describe('checkLink (hash chain verification)', () => {
  it('accepts an intact chain', () => expect(firstBreak(chain(5))).toBeUndefined());

  it('names an edited event (content no longer matches its hash)', () => {
    const rows = chain(5);
    rows[2] = { ...rows[2], resource_id: 'forged' };
    expect(firstBreak(rows)).toMatchObject({ seq: 3, eventId: 'e3', problem: 'content' });
  });

  it('names a deleted event by its sequence number', () => {
    const rows = chain(5);
    rows.splice(1, 2);
    expect(firstBreak(rows)).toMatchObject({ seq: 2, eventId: null, problem: 'missing' });
  });

  it('names the first event out of place when two are swapped', () => {
    const rows = chain(5);
    const [a, b] = [rows[1], rows[2]];
    rows[1] = { ...b, seq: 2 };
    rows[2] = { ...a, seq: 3 };
    expect(firstBreak(rows)).toMatchObject({ seq: 2, eventId: 'e3', problem: 'link' });
  });

  it('names an event whose hash was recomputed after an edit by the broken link of the next one', () => {
    const rows = chain(4);
    const forged = { ...rows[1], resource_id: 'forged' };
    rows[1] = { ...forged, hash: eventHash(forged) };
    expect(firstBreak(rows)).toMatchObject({ seq: 3, problem: 'link' });
  });
});
