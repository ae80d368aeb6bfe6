import { InvalidFilterError } from '../errors/scim-error';

/**
 * Tokens of the RFC 7644 §3.4.2.2 filter grammar. Keywords, operators, attribute paths, numbers,
 * true/false/null and Entra's unquoted values are all `word`s (a run of characters other than
 * whitespace, parentheses, brackets and '"'); the parser decides what a word means from where it
 * stands, so an attribute named like a keyword (`pr pr`) still parses.
 */
export type TokenKind = 'lparen' | 'rparen' | 'lbracket' | 'rbracket' | 'string' | 'word' | 'eof';

export interface Token {
  kind: TokenKind;
  /** The source text of the token (with quotes and escapes for strings). */
  text: string;
  /** The decoded value of a string token. */
  value?: string;
  /** Offsets into the input: [start, end). */
  start: number;
  end: number;
}

const PUNCTUATION: Record<string, TokenKind> = { '(': 'lparen', ')': 'rparen', '[': 'lbracket', ']': 'rbracket' };
const SIMPLE_ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
const HEX4 = /^[0-9A-Fa-f]{4}$/;

/** Only ASCII whitespace separates tokens (RFC 7644 uses SP; Entra sends '+'-decoded spaces). */
export function isSpace(ch: string): boolean {
  return ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r' || ch === '\f' || ch === '\v';
}

function isWordChar(ch: string): boolean {
  return !isSpace(ch) && PUNCTUATION[ch] === undefined && ch !== '"';
}

/** Splits a filter into tokens; the last one is always `eof`. */
export function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const ch = input[i];
    if (isSpace(ch)) {
      i++;
    } else if (PUNCTUATION[ch] !== undefined) {
      tokens.push({ kind: PUNCTUATION[ch], text: ch, start: i, end: i + 1 });
      i++;
    } else if (ch === '"') {
      const token = readString(input, i);
      tokens.push(token);
      i = token.end;
    } else {
      let end = i + 1;
      while (end < input.length && isWordChar(input[end])) end++;
      tokens.push({ kind: 'word', text: input.slice(i, end), start: i, end });
      i = end;
    }
  }
  tokens.push({ kind: 'eof', text: '', start: input.length, end: input.length });
  return tokens;
}

/**
 * A JSON string (RFC 8259 §7). Raw control characters are tolerated (clients forget to escape
 * tabs); every escape is checked, so `\x` or a short `\u12` is an error at its position.
 */
function readString(input: string, start: number): Token {
  let value = '';
  let i = start + 1;
  while (i < input.length) {
    const ch = input[i];
    if (ch === '"') return { kind: 'string', text: input.slice(start, i + 1), value, start, end: i + 1 };
    if (ch !== '\\') {
      value += ch;
      i++;
      continue;
    }
    const escape = input[i + 1];
    if (escape === 'u') {
      const hex = input.slice(i + 2, i + 6);
      if (!HEX4.test(hex)) throw new InvalidFilterError(`Invalid \\u escape at position ${i}: expected 4 hex digits`);
      value += String.fromCharCode(parseInt(hex, 16));
      i += 6;
    } else if (escape !== undefined && SIMPLE_ESCAPES[escape] !== undefined) {
      value += SIMPLE_ESCAPES[escape];
      i += 2;
    } else {
      throw new InvalidFilterError(`Invalid escape at position ${i}: expected one of \\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX`);
    }
  }
  throw new InvalidFilterError(`Unterminated string starting at position ${start}: expected a closing '"'`);
}

/** How a token is named in error messages. */
export function describeToken(token: Token): string {
  if (token.kind === 'eof') return 'end of input';
  const text = token.text.length > 40 ? `${token.text.slice(0, 40)}…` : token.text;
  return `'${text}'`;
}
