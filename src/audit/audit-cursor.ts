import { InvalidValueError } from '@app/scim-core';

/**
 * Opaque page cursors: the seq to continue from, base64url-encoded so clients treat them as
 * tokens and we may change the format later. Anything we did not issue is a 400, never page 1.
 */
export function encodeCursor(seq: number): string {
  return Buffer.from(`seq:${seq}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): number {
  const m = /^seq:(\d{1,15})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!m) throw new InvalidValueError('cursor is not a cursor returned by this API');
  return Number(m[1]);
}
