import { RFC7644_FILTER_EXAMPLES, ENTRA_USER_FILTER_EXAMPLES } from '../../test-fixtures/rfc7644-filter-examples';
import { and, cmp, not, or, pr, vp } from '../../test-fixtures/filter-ast-builders';
import type { Filter } from './ast';
import { parseFilter } from './filter-parser';
import { formatAttrPath, formatLiteral, printFilter } from './filter-printer';

describe('printFilter — precedence-aware printing (RFC 7644 §3.4.2.2)', () => {
  it.each<[Filter, string]>([
    [or(pr('a'), and(pr('b'), pr('c'))), 'a pr or b pr and c pr'],
    [and(or(pr('a'), pr('b')), pr('c')), '(a pr or b pr) and c pr'],
    [and(pr('a'), and(pr('b'), pr('c'))), 'a pr and (b pr and c pr)'],
    [or(pr('a'), or(pr('b'), pr('c'))), 'a pr or (b pr or c pr)'],
    [and(and(pr('a'), pr('b')), pr('c')), 'a pr and b pr and c pr'],
    [not(and(pr('a'), pr('b'))), 'not (a pr and b pr)'],
    [vp('emails', and(cmp('type', 'eq', 'work'), cmp('value', 'co', '@x'))), 'emails[type eq "work" and value co "@x"]'],
    [cmp('urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value', 'eq', 'm'), 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value eq "m"'],
    [cmp('a', 'eq', 'q"\\\n'), 'a eq "q\\"\\\\\\n"'],
    [cmp('a', 'gt', -0), 'a gt -0'],
    [cmp('a', 'lt', 1e21), 'a lt 1e+21'],
    [cmp('a', 'eq', null), 'a eq null'],
    [cmp('a', 'ne', false), 'a ne false'],
  ])('%j → %s', (ast, text) => {
    expect(printFilter(ast)).toBe(text);
    expect(parseFilter(text)).toStrictEqual(ast);
  });

  it.each([...RFC7644_FILTER_EXAMPLES, ...ENTRA_USER_FILTER_EXAMPLES].map((e) => [e.filter, e.ast] as const))(
    'round-trips %s',
    (_text, ast) => expect(parseFilter(printFilter(ast))).toStrictEqual(ast),
  );

  it('formats paths and literals', () => {
    expect(formatAttrPath({ uri: 'urn:a:b', attr: 'x', sub: 'y' })).toBe('urn:a:b:x.y');
    expect(formatLiteral('x')).toBe('"x"');
    expect(formatLiteral(true)).toBe('true');
    expect(formatLiteral(1.5)).toBe('1.5');
  });
});
