import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Optional encryption at rest of the private signing keys (OAUTH_KEY_ENCRYPTION_SECRET): with it,
 * a read-only leak of the database does not let anyone mint access tokens. AES-256-GCM with a key
 * derived from the secret by HKDF-SHA-256 (RFC 5869); the envelope is JSON so the column also
 * holds plain JWKs written before the secret was configured.
 */
interface Envelope {
  enc: 'A256GCM';
  iv: string;
  tag: string;
  ct: string;
}

const INFO = 'scimbridge signing-key encryption v1';

function keyOf(secret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, 'scimbridge', INFO, 32));
}

export function sealPrivateJwk(jwkJson: string, secret: string | undefined): string {
  if (!secret) return jwkJson;
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyOf(secret), iv);
  const ct = Buffer.concat([cipher.update(jwkJson, 'utf8'), cipher.final()]);
  const env: Envelope = { enc: 'A256GCM', iv: iv.toString('base64url'), tag: cipher.getAuthTag().toString('base64url'), ct: ct.toString('base64url') };
  return JSON.stringify(env);
}

/** The private JWK JSON; throws when the key is sealed and the secret is missing or wrong. */
export function openPrivateJwk(stored: string, secret: string | undefined): string {
  const parsed = JSON.parse(stored) as Partial<Envelope> & { kty?: string };
  if (parsed.enc !== 'A256GCM') return stored;
  if (!secret) throw new Error('signing key is encrypted but OAUTH_KEY_ENCRYPTION_SECRET is not set');
  const decipher = createDecipheriv('aes-256-gcm', keyOf(secret), Buffer.from(parsed.iv ?? '', 'base64url'));
  decipher.setAuthTag(Buffer.from(parsed.tag ?? '', 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(parsed.ct ?? '', 'base64url')), decipher.final()]).toString('utf8');
}
