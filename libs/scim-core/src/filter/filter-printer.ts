import type { AttrPath, Filter, FilterLiteral } from './ast';

/** `[uri:]attr[.sub]` (RFC 7644 §3.10). */
export function formatAttrPath(path: AttrPath): string {
  const prefix = path.uri === undefined ? '' : `${path.uri}:`;
  const suffix = path.sub === undefined ? '' : `.${path.sub}`;
  return `${prefix}${path.attr}${suffix}`;
}

/** A literal in filter syntax: JSON for strings (all escapes), `-0` kept so it parses back. */
export function formatLiteral(value: FilterLiteral): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' && Object.is(value, -0)) return '-0';
  return String(value);
}

/**
 * Prints a filter so that `parseFilter(printFilter(ast))` deep-equals `ast`. Precedence-aware
 * (not > and > or, RFC 7644 §3.4.2.2) and left-associative like the parser: parentheses appear
 * only where the tree differs from what the precedence rules would build.
 */
export function printFilter(filter: Filter): string {
  switch (filter.kind) {
    case 'compare':
      return `${formatAttrPath(filter.path)} ${filter.op} ${formatLiteral(filter.value)}`;
    case 'present':
      return `${formatAttrPath(filter.path)} pr`;
    case 'not':
      return `not (${printFilter(filter.filter)})`;
    case 'valuePath':
      return `${formatAttrPath(filter.path)}[${printFilter(filter.filter)}]`;
    case 'and':
      return `${printOperand(filter.left, ['or'])} and ${printOperand(filter.right, ['or', 'and'])}`;
    case 'or':
      return `${printFilter(filter.left)} or ${printOperand(filter.right, ['or'])}`;
  }
}

function printOperand(filter: Filter, needsParentheses: Filter['kind'][]): string {
  const text = printFilter(filter);
  return needsParentheses.includes(filter.kind) ? `(${text})` : text;
}
