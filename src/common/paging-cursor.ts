import { InvalidValueError } from '@app/scim-core';

/**
 * RFC 9865 cursors: an opaque base64url token holding the keyset position (created_at, id) of the
 * last resource on the page, so deep pages cost the same as the first.
 */
export interface CursorPosition {
  createdAt: string;
  id: string;
}

export function encodeCursor(p: CursorPosition): string {
  return Buffer.from(JSON.stringify([p.createdAt, p.id]), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): CursorPosition | undefined {
  if (cursor === '') return undefined;
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(v) && v.length === 2 && typeof v[0] === 'string' && typeof v[1] === 'string' && v[0].length <= 40 && v[1].length <= 40) {
      return { createdAt: v[0], id: v[1] };
    }
  } catch {
    // fall through
  }
  throw new InvalidValueError('The cursor is not valid (RFC 9865 §3: use nextCursor as returned)');
}
