import { InvalidValueError } from '@app/scim-core';
import { decodeCursor, encodeCursor } from './audit-cursor';

describe('audit cursors', () => {
  it('round-trip a seq', () => expect(decodeCursor(encodeCursor(12345))).toBe(12345));
  it.each(['', 'abc', Buffer.from('seq:-1').toString('base64url'), Buffer.from('seq:1 OR 1=1').toString('base64url')])(
    'reject %j with 400 invalidValue', (c) => expect(() => decodeCursor(c)).toThrow(InvalidValueError));
});
