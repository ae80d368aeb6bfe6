import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Secret tokens: a recognisable prefix (so secret scanners can find a leaked one) and 256 bits
 * of randomness, base64url. Only the SHA-256 digest is ever stored.
 */
export const TOKEN_PREFIX = 'scimb_';
/** Generated tokens match `scimb_` + 43 base64url chars; BOOTSTRAP_TOKEN may be any 32–512 visible ASCII chars. */
const TOKEN_PATTERN = /^[\x21-\x7e]{32,512}$/;

export function generateToken(): string {
  return `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
}

export function digestToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Cheap shape check before any database lookup. */
export function looksLikeToken(token: string): boolean {
  return TOKEN_PATTERN.test(token);
}

/**
 * What operators may see of a token: the prefix and four characters (only four characters of an
 * operator-chosen BOOTSTRAP_TOKEN, which has no prefix: the hint must not eat into its entropy).
 */
export function tokenHint(token: string, prefix = TOKEN_PREFIX): string {
  return `${token.slice(0, (token.startsWith(prefix) ? prefix.length : 0) + 4)}…`;
}

/** OAuth client secrets: same strength and storage as secret tokens, their own prefix. */
export const CLIENT_SECRET_PREFIX = 'scimbcs_';

export function generateClientSecret(): string {
  return `${CLIENT_SECRET_PREFIX}${randomBytes(32).toString('base64url')}`;
}

/**
 * Compares two hex SHA-256 digests in constant time. Both are always 64 characters, so
 * timingSafeEqual never sees a length mismatch (it throws on one: reliability-plan.md V18).
 */
export function digestsEqual(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === 32 && y.length === 32 && timingSafeEqual(x, y);
}
