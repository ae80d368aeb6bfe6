import fc from 'fast-check';
import type { AttrPath, CompareOperator, Filter, FilterLiteral } from '@app/scim-core';
import type { FilterGenSpec, LiteralKind, PathChoice } from './filter-paths';

/** Characters that stress SQL translation: LIKE metacharacters, quotes, case, non-ASCII, astral. */
const CHARS = ['a', 'A', 'b', 'B', 'e', 'E', 'x', '0', '1', '5', ' ', '@', '.', '_', '%', '\\', '"', "'", '-', 'é', 'É', 'ß', 'ø', 'Ø', '日', '😀'];
const ALL_OPS: CompareOperator[] = ['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le'];
const ORDER_OPS: CompareOperator[] = ['eq', 'ne', 'gt', 'ge', 'lt', 'le'];

const randomText = fc.array(fc.constantFrom(...CHARS), { maxLength: 6 }).map((cs) => cs.join(''));

/** Attribute names are case-insensitive (RFC 7643 §2.1): spell them in varied case. */
const spelling = fc.constantFrom((s: string) => s, (s: string) => s.toLowerCase(), (s: string) => s.toUpperCase());

/** Extension attributes bare or URN-qualified; core ones sometimes qualified with `coreUrn`. */
function spelled(path: AttrPath, coreUrn?: string): fc.Arbitrary<AttrPath> {
  return fc.tuple(spelling, spelling, fc.nat(9)).map(([a, b, n]) => {
    const out: AttrPath = { attr: a(path.attr) };
    if (path.uri && n < 5) out.uri = b(path.uri);
    else if (!path.uri && coreUrn && n === 0) out.uri = b(coreUrn);
    if (path.sub) out.sub = b(path.sub);
    return out;
  });
}

/** A pool value, re-cased or cut (for co/sw/ew) so that matches are non-trivial. */
function fromPool(pool: FilterLiteral[]): fc.Arbitrary<FilterLiteral> {
  if (pool.length === 0) return randomText;
  return fc.tuple(fc.constantFrom(...pool), fc.nat(40), fc.nat(40), fc.nat(5)).map(([v, i, j, how]) => {
    if (typeof v !== 'string') return v;
    const [from, to] = [i % (v.length + 1), j % (v.length + 1)].sort((x, y) => x - y);
    return [v, v.toUpperCase(), v.toLowerCase(), v.slice(0, to), v.slice(from), v.slice(from, to)][how];
  });
}

function literalFor(kind: LiteralKind, pool: FilterLiteral[]): fc.Arbitrary<FilterLiteral> {
  const wrongType = fc.oneof(fc.integer({ min: -3, max: 30 }), fc.boolean(), randomText, fc.constant(null));
  switch (kind) {
    case 'boolean':
      return fc.oneof({ weight: 8, arbitrary: fc.constantFrom<FilterLiteral>(true, false, 'true', 'False', 'TRUE') }, { weight: 1, arbitrary: wrongType });
    case 'number':
      return fc.oneof({ weight: 5, arbitrary: fromPool(pool) }, { weight: 3, arbitrary: fc.oneof(fc.integer({ min: -6, max: 22 }), fc.constantFrom(2.5, -0.125, 1e3)) },
        { weight: 1, arbitrary: fc.constantFrom<FilterLiteral>('7', '2.5', '-1e1') }, { weight: 1, arbitrary: wrongType });
    case 'dateTime':
      return fc.oneof({ weight: 5, arbitrary: fromPool(pool.filter((v) => v !== 'not-a-date')) },
        { weight: 3, arbitrary: fc.date({ min: new Date('1994-01-01'), max: new Date('2026-01-01'), noInvalidDate: true }).map((d) => d.toISOString()) },
        { weight: 1, arbitrary: fc.constantFrom<FilterLiteral>('2020-02-29T12:00:00Z', '2020-02-29T14:00:00+02:00', '2020-02-29T12:00:00') },
        { weight: 1, arbitrary: wrongType });
    default:
      return fc.oneof({ weight: 7, arbitrary: fromPool(pool) }, { weight: 2, arbitrary: randomText }, { weight: 1, arbitrary: wrongType });
  }
}

function opsFor(kind: LiteralKind): fc.Arbitrary<CompareOperator> {
  const rare = fc.constantFrom(...ALL_OPS);
  if (kind === 'string') return rare;
  const usual = kind === 'boolean' ? fc.constantFrom<CompareOperator>('eq', 'ne') : fc.constantFrom(...ORDER_OPS);
  return fc.oneof({ weight: 15, arbitrary: usual }, { weight: 1, arbitrary: rare });
}

/** `path op literal` or `path pr` for one path choice. */
function leafFor(choice: PathChoice, coreUrn?: string): fc.Arbitrary<Filter> {
  const present = spelled(choice.path, coreUrn).map((path): Filter => ({ kind: 'present', path }));
  if (choice.kind === 'complex') return present;
  const compare = fc.tuple(spelled(choice.path, coreUrn), opsFor(choice.kind), literalFor(choice.kind, choice.pool))
    .map(([path, op, value]): Filter => ({ kind: 'compare', path, op, value }));
  return fc.oneof({ weight: 5, arbitrary: compare }, { weight: 1, arbitrary: present });
}

function tree(leaf: fc.Arbitrary<Filter>, depth: number): fc.Arbitrary<Filter> {
  if (depth === 0) return leaf;
  const sub = tree(leaf, depth - 1);
  return fc.oneof(
    { weight: 4, arbitrary: leaf },
    { weight: 2, arbitrary: fc.tuple(sub, sub).map(([left, right]): Filter => ({ kind: 'and', left, right })) },
    { weight: 2, arbitrary: fc.tuple(sub, sub).map(([left, right]): Filter => ({ kind: 'or', left, right })) },
    { weight: 1, arbitrary: sub.map((filter): Filter => ({ kind: 'not', filter })) },
  );
}

/** Grammar-valid filter ASTs over the spec's paths: all operators, and/or/not, value paths. */
export function filterArbitrary(spec: FilterGenSpec, coreUrn: string, depth = 3): fc.Arbitrary<Filter> {
  const valuePaths = spec.valuePaths.map((vp) => {
    const inner = tree(fc.oneof(...vp.subs.map((s) => leafFor(s))), 2);
    return fc.tuple(spelled(vp.path, coreUrn), inner).map(([path, filter]): Filter => ({ kind: 'valuePath', path, filter }));
  });
  const leaf = fc.oneof({ weight: 4, arbitrary: fc.oneof(...spec.leaves.map((l) => leafFor(l, coreUrn))) }, { weight: 1, arbitrary: fc.oneof(...valuePaths) });
  return tree(leaf, depth);
}
