import { InvalidFilterError } from '../errors/scim-error';
import { cmp, pr } from '../../test-fixtures/filter-ast-builders';
import { parseFilter } from './filter-parser';

function parseError(text: string): InvalidFilterError {
  try {
    parseFilter(text);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidFilterError);
    return error as InvalidFilterError;
  }
  throw new Error(`expected a rejection of ${text.length} characters`);
}

describe('parseFilter — limits (reliability-plan.md §0.5: 4096 chars, depth 32, 200 terms)', () => {
  const parens = (n: number) => `${'('.repeat(n)}a pr${')'.repeat(n)}`;

  it('accepts exactly 4096 characters', () => {
    const text = `a eq "${'x'.repeat(4096 - 7)}"`;
    expect(text).toHaveLength(4096);
    expect(parseFilter(text)).toEqual(cmp('a', 'eq', 'x'.repeat(4089)));
  });

  it('accepts 32 nested parentheses and rejects 33', () => {
    expect(parseFilter(parens(32))).toEqual(pr('a'));
    expect(parseError(parens(33)).detail).toContain('deeper than 32');
  });

  it('counts not and brackets as levels', () => {
    expect(parseFilter(`${'not ('.repeat(16)}a pr${')'.repeat(16)}`)).toBeDefined();
    expect(parseError(`${'not ('.repeat(17)}a pr${')'.repeat(17)}`).detail).toContain('deeper than 32');
    expect(parseFilter(`emails[${'('.repeat(31)}a pr${')'.repeat(31)}]`)).toBeDefined();
    expect(parseError(`emails[${'('.repeat(32)}a pr${')'.repeat(32)}]`).detail).toContain('deeper than 32');
  });

  it('rejects 5,000 nested parentheses quickly, without a stack overflow', () => {
    const started = Date.now();
    // 10,004 characters: the length cap answers first; the depth check guards within the cap.
    expect(parseError(parens(5000)).detail).toContain('limit is 4096');
    expect(parseError(parens(2000)).detail).toContain('deeper than 32');
    expect(parseError('('.repeat(4096)).detail).toContain('deeper than 32');
    expect(parseError('not ('.repeat(800)).detail).toContain('deeper than 32');
    expect(Date.now() - started).toBeLessThan(500);
  });

  it('accepts 200 comparisons and rejects 201', () => {
    const chain = (n: number) => Array.from({ length: n }, (_, i) => `a${i} pr`).join(' or ');
    expect(parseFilter(chain(200))).toBeDefined();
    expect(parseError(chain(201)).detail).toContain('more than 200 comparisons');
  });

  it('counts the desugared sub-attribute comparison as a term', () => {
    const terms = Array.from({ length: 199 }, (_, i) => `a${i} pr`).join(' or ');
    expect(parseError(`${terms} or emails[type eq "w"].value eq "x"`).detail).toContain('more than 200');
  });
});
