import { auditMembers, MEMBER_IDS_KEPT } from './audit-members';

describe('auditMembers', () => {
  it('is absent when the request changed no membership', () => {
    expect(auditMembers(undefined)).toBeUndefined();
    expect(auditMembers({ added: [], removed: [], removedAll: false, skipped: [] })).toBeUndefined();
  });

  it('keeps ids and exact counts', () => {
    expect(auditMembers({ added: ['a'], removed: ['b'], removedAll: false, skipped: ['x'] })).toEqual({
      added: ['a'], removed: ['b'], skipped: ['x'], removedAll: false, addedCount: 1, removedCount: 1, skippedCount: 1, truncated: false,
    });
  });

  it('truncates huge batches but keeps the counts', () => {
    const ids = Array.from({ length: MEMBER_IDS_KEPT + 5 }, (_, i) => `m${i}`);
    const m = auditMembers({ added: ids, removed: [], removedAll: true, skipped: [] })!;
    expect(m.added).toHaveLength(MEMBER_IDS_KEPT);
    expect(m).toMatchObject({ addedCount: MEMBER_IDS_KEPT + 5, truncated: true, removedAll: true });
  });
});
