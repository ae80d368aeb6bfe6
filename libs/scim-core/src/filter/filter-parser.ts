import { InvalidFilterError } from '../errors/scim-error';
import type { AttrPath, CompareOperator, Filter, FilterLiteral } from './ast';
import { FILTER_LIMITS } from './ast';
import { splitAttrPath } from './attr-path-text';
import { tokenize, type Token } from './filter-lexer';
import { TokenCursor } from './filter-token-cursor';

/**
 * Recursive-descent parser for RFC 7644 §3.4.2.2:
 *   filter  = or ; or = and *("or" and) ; and = unary *("and" unary)   (not > and > or)
 *   unary   = "not" "(" filter ")" / "(" filter ")" / attrPath "[" filter "]" / attrExp
 * and/or chains are built in loops (left-associative), so only parentheses, brackets and `not`
 * recurse; each of them counts one level and the depth is checked BEFORE recursing, which keeps
 * the stack bounded for any input (reliability-plan.md §0.5). Keywords and operators are
 * case-insensitive. Every failure is an InvalidFilterError naming the position and expectation.
 */
const OPERATORS: readonly string[] = ['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le'];
const JSON_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
const SUB_ATTR_AFTER_BRACKET = /^\.(?:\$ref|[A-Za-z][A-Za-z0-9_-]*)$/i;

export interface FilterParseOptions {
  /** Parse a PATCH value filter: paths are sub-attribute names of the bracketed attribute. */
  relative?: boolean;
  /** Nesting already used by the caller (a PATCH path's bracket counts one). */
  initialDepth?: number;
  /** Added to positions in messages, when the text is part of a larger string. */
  offset?: number;
}

/** Parses a filter expression (RFC 7644 §3.4.2.2). Throws InvalidFilterError, never anything else. */
export function parseFilter(text: string): Filter {
  return runParser(text, {});
}

/** Parses the text between `[` and `]` of a value path: `type eq "work" and value co "@x"`. */
export function parseValueFilter(text: string, options: Omit<FilterParseOptions, 'relative'> = {}): Filter {
  return runParser(text, { ...options, relative: true });
}

function runParser(text: unknown, options: FilterParseOptions): Filter {
  if (typeof text !== 'string') throw new InvalidFilterError('The filter must be a string');
  if (text.length > FILTER_LIMITS.maxLength) {
    throw new InvalidFilterError(`The filter is ${text.length} characters long; the limit is ${FILTER_LIMITS.maxLength}`);
  }
  try {
    return new FilterParser(tokenize(text), options).parseAll();
  } catch (error) {
    if (error instanceof InvalidFilterError) throw shift(error, options.offset ?? 0);
    // Defensive: the parser is written to throw only InvalidFilterError; never leak anything else.
    throw new InvalidFilterError('The filter could not be parsed');
  }
}

function shift(error: InvalidFilterError, offset: number): InvalidFilterError {
  if (offset === 0) return error;
  return new InvalidFilterError(error.detail.replace(/position (\d+)/g, (_m, p: string) => `position ${Number(p) + offset}`));
}

class FilterParser {
  private readonly cursor: TokenCursor;
  private relative: boolean;

  constructor(tokens: Token[], options: FilterParseOptions) {
    this.cursor = new TokenCursor(tokens, options.initialDepth ?? 0);
    this.relative = options.relative ?? false;
  }

  parseAll(): Filter {
    const first = this.cursor.peek();
    if (first.kind === 'eof') throw this.cursor.error(first, 'an attribute expression (the filter is empty)');
    const filter = this.parseOr();
    const next = this.cursor.peek();
    if (next.kind !== 'eof') {
      const closing = next.kind === 'rparen' || next.kind === 'rbracket';
      throw this.cursor.error(next, closing ? 'end of input (this bracket has no opening partner)' : "'and', 'or' or end of input");
    }
    return filter;
  }

  private parseOr(): Filter {
    let left = this.parseAnd();
    while (this.cursor.isKeyword(this.cursor.peek(), 'or')) {
      this.cursor.next();
      left = { kind: 'or', left, right: this.parseAnd() };
    }
    return left;
  }

  private parseAnd(): Filter {
    let left = this.parseUnary();
    while (this.cursor.isKeyword(this.cursor.peek(), 'and')) {
      this.cursor.next();
      left = { kind: 'and', left, right: this.parseUnary() };
    }
    return left;
  }

  private parseUnary(): Filter {
    const token = this.cursor.peek();
    if (this.cursor.isKeyword(token, 'not') && this.cursor.peek(1).kind === 'lparen') {
      this.cursor.enter(token);
      this.cursor.next();
      const filter = this.parseGroup();
      this.cursor.leave();
      return { kind: 'not', filter };
    }
    if (token.kind === 'lparen') return this.parseGroup();
    if (this.cursor.isKeyword(token, 'not') && !this.startsAttributeUse(this.cursor.peek(1))) {
      throw this.cursor.error(this.cursor.peek(1), "'(' after 'not' (RFC 7644: not \"(\" valFilter \")\")");
    }
    if (token.kind === 'word') return this.parseAttributeExpression(this.cursor.next());
    throw this.cursor.error(token, "an attribute path, '(' or 'not ('");
  }

  /** After a word, an operator or '[' means the word was an attribute name (`not pr` is legal). */
  private startsAttributeUse(next: Token): boolean {
    if (next.kind === 'lbracket') return true;
    const word = next.kind === 'word' ? next.text.toLowerCase() : '';
    return word === 'pr' || OPERATORS.includes(word);
  }

  /** "(" filter ")" */
  private parseGroup(): Filter {
    const open = this.cursor.next();
    this.cursor.enter(open);
    const filter = this.parseOr();
    this.cursor.expect('rparen', `')' to close the '(' at position ${open.start}`);
    this.cursor.leave();
    return filter;
  }

  private parseAttributeExpression(word: Token): Filter {
    const path = this.toAttrPath(word);
    if (this.cursor.peek().kind === 'lbracket') return this.parseValuePath(path);
    return this.parseComparison(path);
  }

  /** attrPath op value / attrPath "pr" */
  private parseComparison(path: AttrPath): Filter {
    const opToken = this.cursor.peek();
    const op = opToken.kind === 'word' ? opToken.text.toLowerCase() : '';
    if (op !== 'pr' && !OPERATORS.includes(op)) {
      throw this.cursor.error(opToken, "an operator (eq, ne, co, sw, ew, gt, ge, lt, le, pr) or '['");
    }
    this.cursor.next();
    this.cursor.countTerm(opToken);
    if (op === 'pr') return { kind: 'present', path };
    return { kind: 'compare', path, op: op as CompareOperator, value: this.parseLiteral() };
  }

  /**
   * attrPath "[" valFilter "]", plus Entra's `emails[type eq "work"].value eq "x"`, desugared to
   * `emails[type eq "work" and value eq "x"]` (ast.ts; entra-scim.md §1.2, Q14).
   */
  private parseValuePath(path: AttrPath): Filter {
    const open = this.cursor.next();
    if (this.relative) throw this.cursor.error(open, 'no nested value filter (a value filter cannot contain another)');
    if (path.sub !== undefined) throw this.cursor.error(open, `an operator: '[' cannot follow the sub-attribute '${path.sub}'`);
    this.cursor.enter(open);
    this.relative = true;
    const inner = this.parseOr();
    const close = this.cursor.expect('rbracket', `']' to close the '[' at position ${open.start}`);
    this.relative = false;
    this.cursor.leave();
    const after = this.cursor.peek();
    if (after.kind !== 'word' || after.start !== close.end || !after.text.startsWith('.')) {
      return { kind: 'valuePath', path, filter: inner };
    }
    if (!SUB_ATTR_AFTER_BRACKET.test(after.text)) throw this.cursor.error(after, "a sub-attribute name after ']' (e.g. '.value')");
    this.cursor.next();
    const subFilter = this.parseComparison({ attr: after.text.slice(1) });
    return { kind: 'valuePath', path, filter: { kind: 'and', left: inner, right: subFilter } };
  }

  /**
   * A JSON string, number, true/false/null (case-insensitive), or, leniently, an unquoted token
   * taken as a string (Entra's documented `externalId eq jyoung`, entra-scim.md §2).
   */
  private parseLiteral(): FilterLiteral {
    const token = this.cursor.peek();
    if (token.kind === 'string') return this.cursor.next().value as string;
    if (token.kind !== 'word' || ['and', 'or', 'not'].includes(token.text.toLowerCase())) {
      throw this.cursor.error(token, 'a comparison value (a JSON string, number, true, false or null)');
    }
    this.cursor.next();
    const lower = token.text.toLowerCase();
    if (lower === 'true' || lower === 'false') return lower === 'true';
    if (lower === 'null') return null;
    if (!JSON_NUMBER.test(token.text)) return token.text;
    const value = Number(token.text);
    if (!Number.isFinite(value)) throw this.cursor.error(token, 'a number within the range of a double');
    return value;
  }

  private toAttrPath(word: Token): AttrPath {
    const path = splitAttrPath(word.text);
    if (typeof path === 'string') throw new InvalidFilterError(`Invalid attribute path at position ${word.start}: ${path}`);
    if (this.relative && (path.uri !== undefined || path.sub !== undefined)) {
      throw new InvalidFilterError(
        `Invalid attribute path at position ${word.start}: inside '[…]' name a sub-attribute of the bracketed attribute, without URN or '.'`,
      );
    }
    return path;
  }
}
