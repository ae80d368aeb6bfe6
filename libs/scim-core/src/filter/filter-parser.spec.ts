import { InvalidFilterError } from '../errors/scim-error';
import { URN } from '../messages/urns';
import { and, cmp, not, or, pr, vp } from '../../test-fixtures/filter-ast-builders';
import { ENTRA_GROUP_FILTER_EXAMPLES, ENTRA_USER_FILTER_EXAMPLES, RFC7644_FILTER_EXAMPLES } from '../../test-fixtures/rfc7644-filter-examples';
import type { Filter } from './ast';
import { parseFilter, parseValueFilter } from './filter-parser';

function parseError(text: string): InvalidFilterError {
  try {
    parseFilter(text);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidFilterError);
    return error as InvalidFilterError;
  }
  throw new Error(`expected ${JSON.stringify(text)} to be rejected`);
}

describe('parseFilter — RFC 7644 §3.4.2.2 filter examples', () => {
  it.each(RFC7644_FILTER_EXAMPLES.map((e) => [e.filter, e.ast] as const))('%s', (text, ast) => {
    expect(parseFilter(text)).toStrictEqual(ast);
  });
});

describe('parseFilter — Entra filter forms (entra-scim.md Q14, §3, §11)', () => {
  it.each([...ENTRA_USER_FILTER_EXAMPLES, ...ENTRA_GROUP_FILTER_EXAMPLES].map((e) => [e.filter, e.ast] as const))('%s', (text, ast) => {
    expect(parseFilter(text)).toStrictEqual(ast);
  });
});

describe('parseFilter — grammar details (RFC 7644 §3.4.2.2)', () => {
  it.each<[string, Filter]>([
    // Precedence not > and > or, left-associative chains.
    ['a pr or b pr and c pr', or(pr('a'), and(pr('b'), pr('c')))],
    ['a pr and b pr or c pr', or(and(pr('a'), pr('b')), pr('c'))],
    ['a pr and b pr and c pr', and(and(pr('a'), pr('b')), pr('c'))],
    ['a pr or b pr or c pr', or(or(pr('a'), pr('b')), pr('c'))],
    ['a pr and (b pr or c pr)', and(pr('a'), or(pr('b'), pr('c')))],
    ['(a pr)', pr('a')],
    ['((a pr))', pr('a')],
    ['not (a pr) and b pr', and(not(pr('a')), pr('b'))],
    ['not(a pr)', not(pr('a'))],
    ['NOT (a pr)', not(pr('a'))],
    ['not (not (a pr))', not(not(pr('a')))],
    // Case-insensitive operators, keywords and literals.
    ['a EQ "x" AND b Pr OR c ne "y"', or(and(cmp('a', 'eq', 'x'), pr('b')), cmp('c', 'ne', 'y'))],
    ['a eq TRUE', cmp('a', 'eq', true)],
    ['a eq False', cmp('a', 'eq', false)],
    ['a eq NULL', cmp('a', 'eq', null)],
    ...(['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le'] as const).map((op): [string, Filter] => [`a ${op} "v"`, cmp('a', op, 'v')]),
    // JSON numbers.
    ['a eq 0', cmp('a', 'eq', 0)],
    ['a eq -0', cmp('a', 'eq', -0)],
    ['a gt -12.5e3', cmp('a', 'gt', -12500)],
    ['a lt 1E-2', cmp('a', 'lt', 0.01)],
    ['a eq 1.5E+2', cmp('a', 'eq', 150)],
    // JSON string escapes.
    ['a eq "q\\"b\\\\s\\/f\\b\\f\\n\\r\\t"', cmp('a', 'eq', 'q"b\\s/f\b\f\n\r\t')],
    ['a eq "\\u00e9\\u00C9\\ud83d\\ude00"', cmp('a', 'eq', 'éÉ😀')],
    ['a eq ""', cmp('a', 'eq', '')],
    ['a eq "tab\there"', cmp('a', 'eq', 'tab\there')],
    // Lenient bare tokens (Entra) that are not JSON numbers stay strings.
    ['a eq 01', cmp('a', 'eq', '01')],
    ['a eq 1.', cmp('a', 'eq', '1.')],
    ['a eq jyoung@contoso.com', cmp('a', 'eq', 'jyoung@contoso.com')],
    ['a eq pr', cmp('a', 'eq', 'pr')],
    // Keyword-like attribute names still parse where an attribute is expected.
    ['pr pr', pr('pr')],
    ['not eq "x"', cmp('not', 'eq', 'x')],
    ['not[type pr]', vp('not', pr('type'))],
    ['NOT pr', pr('NOT')],
    ['and pr and or pr', and(pr('and'), pr('or'))],
    // Whitespace tolerance.
    ['  a   eq\t"x"\n', cmp('a', 'eq', 'x')],
    ['a eq "x"and b pr', and(cmp('a', 'eq', 'x'), pr('b'))],
    ['emails [type eq "work"]', vp('emails', cmp('type', 'eq', 'work'))],
    // Paths: sub-attributes, $ref, URNs (the URN ends at the last ':').
    ['members.$ref pr', pr('members.$ref')],
    [`${URN.ENTERPRISE_USER}:manager.value eq "m"`, cmp(`${URN.ENTERPRISE_USER}:manager.value`, 'eq', 'm')],
    [`${URN.ENTERPRISE_USER}:manager[value eq "m"]`, vp(`${URN.ENTERPRISE_USER}:manager`, cmp('value', 'eq', 'm'))],
    ['urn:acme:x:1.0:Thing:size gt 3', cmp('urn:acme:x:1.0:Thing:size', 'gt', 3)],
    // Value paths with sub-attribute suffix are desugared (ast.ts, entra-scim.md Q14).
    ['emails[type eq "work"].value pr', vp('emails', and(cmp('type', 'eq', 'work'), pr('value')))],
    ['emails[type eq "a" or type eq "b"].value eq "x"', vp('emails', and(or(cmp('type', 'eq', 'a'), cmp('type', 'eq', 'b')), cmp('value', 'eq', 'x')))],
    ['emails[not (type eq "work")]', vp('emails', not(cmp('type', 'eq', 'work')))],
    ['emails[(type eq "work")] and x pr', and(vp('emails', cmp('type', 'eq', 'work')), pr('x'))],
  ])('%s', (text, ast) => expect(parseFilter(text)).toStrictEqual(ast));
});

describe('parseFilter — malformed input → InvalidFilterError with position and expectation', () => {
  it.each<[string, string]>([
    ['', 'position 0: expected an attribute expression'],
    ['   ', 'expected an attribute expression'],
    ['userName', "position 8: expected an operator"],
    ['userName eq', 'position 11: expected a comparison value'],
    ['userName xx "a"', "position 9: expected an operator (eq, ne, co, sw, ew, gt, ge, lt, le, pr) or '[', found 'xx'"],
    ['userName eq "a" userName eq "b"', "position 16: expected 'and', 'or' or end of input"],
    ['userName eq "a" and', 'position 19: expected an attribute path'],
    ['userName eq "a" or', 'expected an attribute path'],
    ['and', 'expected an operator'],
    ['userName eq "abc', 'Unterminated string starting at position 12'],
    ['userName eq "a\\x"', 'Invalid escape at position 14'],
    ['userName eq "a\\u12"', 'Invalid \\u escape at position 14'],
    ['userName eq "a\\', 'Invalid escape'],
    ['(userName pr', "expected ')' to close the '(' at position 0"],
    ['userName pr)', 'this bracket has no opening partner'],
    ['()', 'position 1: expected an attribute path'],
    ['not userName pr', "position 4: expected '(' after 'not'"],
    ['not', "expected '(' after 'not'"],
    ['a pr and not', "expected '(' after 'not'"],
    ['not (userName pr', "expected ')'"],
    ['emails[type eq "work"', "expected ']' to close the '[' at position 6"],
    ['emails[type eq "work"]]', 'no opening partner'],
    ['emails]', "expected an operator"],
    ['emails[]', 'position 7: expected an attribute path'],
    ['emails[type[value pr]]', 'no nested value filter'],
    ['emails[emails.type eq "work"]', "inside '[…]' name a sub-attribute"],
    [`emails[${URN.USER}:type eq "work"]`, "inside '[…]' name a sub-attribute"],
    ['emails.value[type eq "work"]', "'[' cannot follow the sub-attribute 'value'"],
    ['emails[type eq "work"].value', 'expected an operator'],
    ['emails[type eq "work"].1x eq "a"', "expected a sub-attribute name after ']'"],
    ['emails[type eq "work"].a.b eq "a"', "expected a sub-attribute name after ']'"],
    ['name..givenName pr', 'more than one sub-attribute'],
    ['name. pr', "'' is not a valid attribute name"],
    ['a.b.c pr', 'more than one sub-attribute'],
    ['1abc pr', "'1abc' is not a valid attribute name"],
    ['_x pr', 'not a valid attribute name'],
    ['foo:bar pr', "'foo' is not a schema URN"],
    ['urn:a pr', 'not a schema URN'],
    ['urn:a::b:c pr', 'not a schema URN'],
    ['"userName" eq "x"', 'position 0: expected an attribute path'],
    ['userName eq and', 'expected a comparison value'],
    ['userName eq (', 'expected a comparison value'],
    ['userName eq "a" and ]', 'expected an attribute path'],
    ['userName eq 1e400', 'a number within the range of a double'],
    ['userName eq "a" "b"', "expected 'and', 'or' or end of input"],
    ['x'.repeat(4097), 'limit is 4096'],
  ])('%j → %s', (text, message) => {
    expect(parseError(text).detail).toContain(message);
  });

  it('rejects a non-string filter', () => {
    expect(() => parseFilter(undefined as unknown as string)).toThrow(InvalidFilterError);
  });

  it('truncates very long tokens in messages', () => {
    expect(parseError(`userName ${'x'.repeat(100)} "a"`).detail).toContain('…');
  });
});

describe('parseValueFilter — PATCH value filters (RFC 7644 §3.5.2)', () => {
  it('parses sub-attribute comparisons', () => {
    expect(parseValueFilter('type eq "work" and primary eq true')).toEqual(and(cmp('type', 'eq', 'work'), cmp('primary', 'eq', true)));
  });
  it('rejects nested brackets and dotted paths', () => {
    expect(() => parseValueFilter('type[value pr]')).toThrow('no nested value filter');
    expect(() => parseValueFilter('a.b pr')).toThrow(InvalidFilterError);
  });
  it('shifts positions by the offset and honours the initial depth', () => {
    expect(() => parseValueFilter('type xx "a"', { offset: 7 })).toThrow('position 12');
    expect(() => parseValueFilter('(a pr)', { initialDepth: 32 })).toThrow('deeper than 32');
  });
});
