import { InvalidFilterError } from '../errors/scim-error';
import { describeToken, tokenize } from './filter-lexer';

describe('tokenize — RFC 7644 §3.4.2.2 tokens', () => {
  it('splits words, strings and brackets with offsets', () => {
    expect(tokenize('emails[type eq "work"].value').map((t) => [t.kind, t.text, t.start, t.end])).toEqual([
      ['word', 'emails', 0, 6],
      ['lbracket', '[', 6, 7],
      ['word', 'type', 7, 11],
      ['word', 'eq', 12, 14],
      ['string', '"work"', 15, 21],
      ['rbracket', ']', 21, 22],
      ['word', '.value', 22, 28],
      ['eof', '', 28, 28],
    ]);
  });

  it('decodes every JSON escape (RFC 8259 §7)', () => {
    const [token] = tokenize('"\\"\\\\\\/\\b\\f\\n\\r\\t\\u0041\\u00e9"');
    expect(token.value).toBe('"\\/\b\f\n\r\tAé');
  });

  it('treats only ASCII whitespace as a separator', () => {
    expect(tokenize('a\u00a0b\tc').filter((t) => t.kind === 'word').map((t) => t.text)).toEqual(['a\u00a0b', 'c']);
  });

  it.each(['"abc', '"a\\q"', '"\\u00G0"', '"\\'])('%j → InvalidFilterError', (text) => {
    expect(() => tokenize(text)).toThrow(InvalidFilterError);
  });

  it('describes tokens for error messages', () => {
    const [word, eof] = tokenize('x'.repeat(50));
    expect(describeToken(word)).toBe(`'${'x'.repeat(40)}…'`);
    expect(describeToken(eof)).toBe('end of input');
  });
});
