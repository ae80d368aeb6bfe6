import type { AttrPath, CompareOperator, Filter, FilterLiteral } from '../src/filter/ast';

/** Terse AST builders for table-driven filter specs. */
export function path(text: string): AttrPath {
  const colon = text.lastIndexOf(':');
  const rest = colon >= 0 ? text.slice(colon + 1) : text;
  const [attr, sub] = rest.split('.');
  return { ...(colon >= 0 ? { uri: text.slice(0, colon) } : {}), attr, ...(sub !== undefined ? { sub } : {}) };
}
export const cmp = (p: string, op: CompareOperator, value: FilterLiteral): Filter => ({ kind: 'compare', path: path(p), op, value });
export const pr = (p: string): Filter => ({ kind: 'present', path: path(p) });
export const and = (left: Filter, right: Filter): Filter => ({ kind: 'and', left, right });
export const or = (left: Filter, right: Filter): Filter => ({ kind: 'or', left, right });
export const not = (filter: Filter): Filter => ({ kind: 'not', filter });
export const vp = (p: string, filter: Filter): Filter => ({ kind: 'valuePath', path: path(p), filter });
