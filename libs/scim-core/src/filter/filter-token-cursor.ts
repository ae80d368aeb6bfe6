import { InvalidFilterError } from '../errors/scim-error';
import { FILTER_LIMITS } from './ast';
import { describeToken, type Token } from './filter-lexer';

/**
 * The parser's position in the token list, with the limit bookkeeping of
 * reliability-plan.md §0.5 (nesting depth, number of comparisons) and uniform error messages:
 * "Invalid filter at position N: expected X, found Y".
 */
export class TokenCursor {
  private index = 0;
  private depth: number;
  private terms = 0;

  constructor(private readonly tokens: Token[], initialDepth = 0) {
    this.depth = initialDepth;
  }

  peek(ahead = 0): Token {
    return this.tokens[Math.min(this.index + ahead, this.tokens.length - 1)];
  }

  next(): Token {
    const token = this.peek();
    this.index++;
    return token;
  }

  isKeyword(token: Token, keyword: string): boolean {
    return token.kind === 'word' && token.text.toLowerCase() === keyword;
  }

  expect(kind: Token['kind'], expected: string): Token {
    const token = this.peek();
    if (token.kind !== kind) throw this.error(token, expected);
    this.index++;
    return token;
  }

  /** Called BEFORE recursing into "(", "[" or "not": the check happens while the stack is shallow. */
  enter(token: Token): void {
    if (this.depth + 1 > FILTER_LIMITS.maxDepth) {
      throw new InvalidFilterError(
        `The filter nests deeper than ${FILTER_LIMITS.maxDepth} levels (parentheses, brackets and 'not') at position ${token.start}`,
      );
    }
    this.depth++;
  }

  leave(): void {
    this.depth--;
  }

  countTerm(token: Token): void {
    this.terms++;
    if (this.terms > FILTER_LIMITS.maxTerms) {
      throw new InvalidFilterError(`The filter has more than ${FILTER_LIMITS.maxTerms} comparisons (at position ${token.start})`);
    }
  }

  error(token: Token, expected: string): InvalidFilterError {
    return new InvalidFilterError(`Invalid filter at position ${token.start}: expected ${expected}, found ${describeToken(token)}`);
  }
}
