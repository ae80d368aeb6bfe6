import { digestsEqual, digestToken, generateClientSecret, generateToken, looksLikeToken, tokenHint } from './token-format';

// reliability-plan.md §0.9 and V18: 256-bit tokens with a prefix, SHA-256 at rest, constant-time
// comparison of equal-length digests only.
describe('token format', () => {
  it('tokens and client secrets: prefix + 43 base64url chars (256 bits), all different', () => {
    const tokens = new Set(Array.from({ length: 200 }, generateToken));
    expect(tokens.size).toBe(200);
    for (const t of tokens) expect(t).toMatch(/^scimb_[A-Za-z0-9_-]{43}$/);
    expect(generateClientSecret()).toMatch(/^scimbcs_[A-Za-z0-9_-]{43}$/);
  });

  it('digestsEqual compares digests without throwing on malformed input', () => {
    const d = digestToken('a');
    expect(digestsEqual(d, digestToken('a'))).toBe(true);
    expect(digestsEqual(d, digestToken('b'))).toBe(false);
    expect(digestsEqual(d, 'abc')).toBe(false);
    expect(digestsEqual('', '')).toBe(false);
  });

  it('hints show the prefix and four characters; an unprefixed bootstrap token shows four only', () => {
    expect(tokenHint('scimb_ABCDEFGH')).toBe('scimb_ABCD…');
    expect(tokenHint('scimbcs_ABCDEFGH', 'scimbcs_')).toBe('scimbcs_ABCD…');
    expect(tokenHint('0123456789abcdef0123456789abcdef')).toBe('0123…');
  });

  it('looksLikeToken refuses empty, short, whitespace, non-ASCII and over-long input before any lookup', () => {
    for (const bad of ['', ' ', 'short', `${'a'.repeat(31)}`, `scimb_${'a'.repeat(30)} x`, `tök${'e'.repeat(40)}`, 'a'.repeat(513)]) {
      expect(looksLikeToken(bad)).toBe(false);
    }
    expect(looksLikeToken(generateToken())).toBe(true);
  });
});
