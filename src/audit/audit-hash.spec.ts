import { canonicalAroundSeq, canonicalJson, eventCanonical, eventHash, GENESIS_HASH, HashedEventColumns } from './audit-hash';

const row: HashedEventColumns = {
  id: 'e1', tenant_id: 't1', seq: 1, occurred_at: '2026-01-01T00:00:00.000Z', actor_id: 'tok', actor_type: 'token', actor_name: 'Entra',
  source_ip: '10.0.0.1', request_id: 'r1', method: 'PATCH', route: '/scim/v2/:tenantId/Users/:id', resource_type: 'User',
  resource_id: 'u1', action: 'user.updated', outcome: 'success', status: 200, scim_type: null, changes: '[]', members: null,
  quirks: null, prev_hash: GENESIS_HASH,
};

describe('canonicalJson', () => {
  it('sorts keys recursively and follows JSON.stringify for the rest', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { f: 1, e: 2 }], c: 'x' }, u: undefined })).toBe('{"a":{"c":"x","d":[3,{"e":2,"f":1}]},"b":1}');
    expect(canonicalJson([undefined, null, 'é'])).toBe('[null,null,"é"]');
  });

  it('is the same for equal content whatever the key order', () => {
    expect(canonicalJson({ x: 1, y: [1, 2] })).toBe(canonicalJson({ y: [1, 2], x: 1 }));
  });
});

describe('eventCanonical (written in one pass)', () => {
  const columnsOf = (r: HashedEventColumns) => {
    const { prev_hash: _chained, ...content } = r;
    return Object.fromEntries(Object.entries(content).map(([k, v]) => [k, v ?? null]));
  };

  it.each([
    ['the plain row', row],
    ['strings JSON must escape, and non-BMP text', { ...row, actor_name: 'Zoë "Q" \\ \u0001\n\u2028 😀', route: '/scim/v2/Users/a\tb' }],
    ['absent and null columns', { ...row, actor_id: null, source_ip: undefined as unknown as null, changes: null, quirks: '["Q1-op-case"]' }],
    ['large numbers', { ...row, seq: 9_007_199_254_740_991, status: 599 }],
  ])('is exactly canonicalJson of the hashed columns: %s', (_name, r) => {
    expect(eventCanonical(r)).toBe(canonicalJson(columnsOf(r)));
    expect(JSON.parse(eventCanonical(r))).toEqual(columnsOf(r));
  });
});

describe('eventHash', () => {
  it('is a SHA-256 hex digest, stable for the same row', () => {
    expect(eventHash(row)).toMatch(/^[0-9a-f]{64}$/);
    expect(eventHash({ ...row })).toBe(eventHash(row));
  });

  it.each(Object.keys(row).filter((k) => k !== 'prev_hash'))('changes when %s changes', (key) => {
    const current = (row as unknown as Record<string, unknown>)[key];
    const edited = { ...row, [key]: typeof current === 'number' ? current + 1 : `${current ?? ''}x` };
    expect(eventHash(edited)).not.toBe(eventHash(row));
  });

  it('covers the previous hash (the chain link)', () => {
    expect(eventHash({ ...row, prev_hash: 'f'.repeat(64) })).not.toBe(eventHash(row));
  });
});

describe('canonicalAroundSeq (PostgreSQL hashes the event with the seq it assigns)', () => {
  it.each([1, 42, 1234567])('prefix + %i + suffix is the canonical JSON of the event with that seq', (seq) => {
    const tricky = { ...row, changes: JSON.stringify([{ attribute: 'seq', before: '"seq":-1', after: -1 }]) };
    const { prefix, suffix } = canonicalAroundSeq(tricky);
    expect(`${prefix}${seq}${suffix}`).toBe(eventCanonical({ ...tricky, seq }));
  });
});
