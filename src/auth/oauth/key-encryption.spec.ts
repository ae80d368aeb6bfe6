import { openPrivateJwk, sealPrivateJwk } from './key-encryption';

const SECRET = 'Vq8w2Lr6Tz1Yx4Nc7Bm0Kd3Jh5Gf9Sa2Pe';
const JWK = JSON.stringify({ kty: 'EC', crv: 'P-256', d: 'secret-part', x: 'x', y: 'y' });

describe('signing-key encryption at rest (AES-256-GCM)', () => {
  it('round-trips, hides the key and uses a fresh IV each time', () => {
    const sealed = sealPrivateJwk(JWK, SECRET);
    expect(sealed).not.toContain('secret-part');
    expect(sealPrivateJwk(JWK, SECRET)).not.toBe(sealed);
    expect(openPrivateJwk(sealed, SECRET)).toBe(JWK);
  });

  it('without a secret the JWK is stored as is, and plain JWKs still open once a secret is set', () => {
    expect(sealPrivateJwk(JWK, undefined)).toBe(JWK);
    expect(openPrivateJwk(JWK, SECRET)).toBe(JWK);
  });

  it('a wrong or missing secret, or a tampered envelope, fails instead of yielding a key', () => {
    const sealed = sealPrivateJwk(JWK, SECRET);
    expect(() => openPrivateJwk(sealed, `${SECRET}x`)).toThrow();
    expect(() => openPrivateJwk(sealed, undefined)).toThrow(/OAUTH_KEY_ENCRYPTION_SECRET/);
    const env = JSON.parse(sealed);
    const tampered = JSON.stringify({ ...env, ct: Buffer.from('x'.repeat(40)).toString('base64url') });
    expect(() => openPrivateJwk(tampered, SECRET)).toThrow();
  });
});
