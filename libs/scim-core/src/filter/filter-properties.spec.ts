import fc from 'fast-check';
import { InvalidFilterError, SensitiveError } from '../errors/scim-error';
import { URN } from '../messages/urns';
import { createDefaultRegistry } from '../schema/default-registry';
import type { AttrPath, CompareOperator, Filter, FilterLiteral } from './ast';
import { evaluateFilter } from './filter-evaluator';
import { parseFilter } from './filter-parser';
import { printFilter } from './filter-printer';

/** CI runs ≥ 10,000 cases per property; FC_RUNS=… overrides (reliability-plan.md §5.2 F1). */
const RUNS = Number(process.env.FC_RUNS ?? 10000);
const OPERATORS: CompareOperator[] = ['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le'];

// ---- grammar-valid ASTs -------------------------------------------------------------------
const attrName = fc.oneof(
  fc.constantFrom('userName', 'emails', 'value', 'type', '$ref', 'and', 'or', 'not', 'pr', 'eq', 'true', 'null', 'x'),
  fc.stringMatching(/^[A-Za-z][A-Za-z0-9_-]{0,8}$/),
);
const uri = fc.oneof(
  fc.constantFrom(URN.USER, URN.ENTERPRISE_USER, 'urn:ietf:params:scim:schemas:extension:CustomExtensionName:2.0:User'),
  fc.tuple(fc.constantFrom('urn', 'URN'), fc.array(fc.stringMatching(/^[A-Za-z0-9._$-]{1,6}$/), { minLength: 2, maxLength: 5 }))
    .map(([scheme, segments]) => [scheme, ...segments].join(':')),
);
const absolutePath: fc.Arbitrary<AttrPath> = fc.record({ uri, attr: attrName, sub: attrName }, { requiredKeys: ['attr'] });
const bracketPath: fc.Arbitrary<AttrPath> = fc.record({ uri, attr: attrName }, { requiredKeys: ['attr'] });
const relativePath: fc.Arbitrary<AttrPath> = fc.record({ attr: attrName });
const nastyChars = fc.constantFrom('"', '\\', '/', '\b', '\f', '\n', '\r', '\t', '\u0000', '\u001f', '\ud800', '\udfff', ' ', ']', '[', '(', ')', '%', '_', '*', "'", 'é', '😀', '\u202e');
const literal: fc.Arbitrary<FilterLiteral> = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.string({ unit: nastyChars, maxLength: 8 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
);

function leaf(path: fc.Arbitrary<AttrPath>): fc.Arbitrary<Filter> {
  return fc.oneof(
    fc.record({ kind: fc.constant('compare' as const), path, op: fc.constantFrom(...OPERATORS), value: literal }),
    fc.record({ kind: fc.constant('present' as const), path }),
  );
}

function logic(path: fc.Arbitrary<AttrPath>, maxDepth: number, extra: (tie: fc.LetrecLooselyTypedTie) => fc.Arbitrary<Filter>[]) {
  return fc.letrec((tie) => ({
    filter: fc.oneof({ maxDepth, depthSize: 'small', withCrossShrink: true }, leaf(path), tie('and'), tie('or'), tie('not'), ...extra(tie)),
    and: fc.record({ kind: fc.constant('and' as const), left: tie('filter'), right: tie('filter') }),
    or: fc.record({ kind: fc.constant('or' as const), left: tie('filter'), right: tie('filter') }),
    not: fc.record({ kind: fc.constant('not' as const), filter: tie('filter') }),
  })).filter as fc.Arbitrary<Filter>;
}

/** Inner depth 2 (≤ 4 terms) × outer depth 5 (≤ 32 leaves) stays below the 200-term limit. */
const valueFilter = logic(relativePath, 2, () => []);
const valuePath: fc.Arbitrary<Filter> = fc.record({ kind: fc.constant('valuePath' as const), path: bracketPath, filter: valueFilter });
/** structuredClone: fast-check may build null-prototype records; the parser builds plain objects. */
const filterAst: fc.Arbitrary<Filter> = logic(absolutePath, 5, () => [valuePath])
  .filter((ast) => printFilter(ast).length <= 4096)
  .map((ast) => structuredClone(ast));

// ---- helpers ----------------------------------------------------------------------------
function parseOrReject(text: string): Filter | undefined {
  try {
    return parseFilter(text);
  } catch (error) {
    if (error instanceof InvalidFilterError) return undefined;
    throw error;
  }
}

type Mutation = { kind: 'truncate' | 'delete' | 'insert'; at: number; text: string; length: number };
const mutation: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom('truncate', 'delete', 'insert'),
  at: fc.nat(),
  text: fc.oneof(fc.constantFrom('(', ')', '[', ']', '"', '\\', ' ', 'not (', ' and ', ' or ', '.', ':', 'pr', '\\u', '"]'), fc.string({ unit: 'binary', maxLength: 3 })),
  length: fc.integer({ min: 1, max: 4 }),
});

function mutate(text: string, m: Mutation): string {
  const at = text.length === 0 ? 0 : m.at % (text.length + 1);
  if (m.kind === 'truncate') return text.slice(0, at);
  if (m.kind === 'delete') return text.slice(0, at) + text.slice(at + m.length);
  return text.slice(0, at) + m.text + text.slice(at);
}

// ---- properties -------------------------------------------------------------------------
describe('filter grammar properties (fast-check, RFC 7644 §3.4.2.2)', () => {
  it(`parseFilter(printFilter(ast)) deep-equals ast (${RUNS} runs)`, () => {
    fc.assert(fc.property(filterAst, (ast) => {
      expect(parseFilter(printFilter(ast))).toStrictEqual(ast);
    }), { numRuns: RUNS });
  });

  it(`arbitrary strings: an AST (that re-prints to itself) or InvalidFilterError, never anything else (${RUNS} runs)`, () => {
    const tokenSoup = fc.string({ unit: fc.constantFrom('(', ')', '[', ']', '"', '\\', ' ', 'eq ', 'and ', 'or ', 'not', 'pr', 'a', '.', ':', 'urn', '1', '-', 'e', 'true', 'null', 'u'), maxLength: 40 });
    fc.assert(fc.property(fc.oneof(fc.string({ unit: 'binary' }), fc.string({ maxLength: 200 }), tokenSoup), (text) => {
      const ast = parseOrReject(text);
      if (ast) expect(parseFilter(printFilter(ast))).toStrictEqual(ast);
    }), { numRuns: RUNS });
  });

  it(`mutated valid filters (truncation, unbalanced quotes/brackets, insertions): AST or InvalidFilterError (${RUNS} runs)`, () => {
    fc.assert(fc.property(filterAst, fc.array(mutation, { minLength: 1, maxLength: 3 }), (ast, mutations) => {
      const text = mutations.reduce(mutate, printFilter(ast));
      const parsed = parseOrReject(text);
      if (parsed) expect(parseFilter(printFilter(parsed))).toStrictEqual(parsed);
    }), { numRuns: RUNS });
  });

  it('5,000 nested parentheses, brackets or nots → InvalidFilterError, quickly', () => {
    const started = Date.now();
    for (const text of [
      `${'('.repeat(5000)}a pr${')'.repeat(5000)}`,
      '('.repeat(4000),
      `${'not ('.repeat(5000)}a pr${')'.repeat(5000)}`,
      `${'a['.repeat(5000)}b pr${']'.repeat(5000)}`,
      'a pr and '.repeat(10000),
    ]) {
      expect(() => parseFilter(text)).toThrow(InvalidFilterError);
      expect(() => parseFilter(text.slice(0, 4096))).toThrow(InvalidFilterError);
    }
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

// ---- evaluator laws over the real User schema -------------------------------------------
const ctx = { registry: createDefaultRegistry(), resourceType: 'User' };
const schemaPath = fc.constantFrom<AttrPath>(
  { attr: 'userName' }, { attr: 'title' }, { attr: 'active' }, { attr: 'emails' }, { attr: 'emails', sub: 'value' },
  { attr: 'emails', sub: 'type' }, { attr: 'emails', sub: 'primary' }, { attr: 'name', sub: 'givenName' }, { attr: 'id' },
  { attr: 'meta', sub: 'lastModified' }, { attr: 'manager' }, { attr: 'department' }, { attr: 'password' }, { attr: 'name' },
  { uri: URN.ENTERPRISE_USER, attr: 'employeeNumber' }, { attr: 'nope' },
);
const vocabulary = fc.constantFrom('a', 'A', 'ab', 'Ab', 'work', 'home', '', '2011-05-13T04:42:34Z', '2012-01-01T00:00:00Z');
const schemaLiteral: fc.Arbitrary<FilterLiteral> = fc.oneof(vocabulary, fc.boolean(), fc.constant(null), fc.constantFrom(1, 0));
const schemaLeaf = fc.oneof(
  fc.record({ kind: fc.constant('compare' as const), path: schemaPath, op: fc.constantFrom(...OPERATORS), value: schemaLiteral }),
  fc.record({ kind: fc.constant('present' as const), path: schemaPath }),
);
const email = fc.record({ value: vocabulary, type: vocabulary, primary: fc.boolean() }, { requiredKeys: [] });
const resource = fc.record({
  id: vocabulary, userName: vocabulary, title: fc.option(vocabulary), active: fc.boolean(), emails: fc.array(email, { maxLength: 3 }),
  name: fc.record({ givenName: vocabulary }, { requiredKeys: [] }), meta: fc.record({ lastModified: vocabulary }),
  [URN.ENTERPRISE_USER]: fc.record({ department: vocabulary, employeeNumber: vocabulary, manager: fc.record({ value: vocabulary }) }, { requiredKeys: [] }),
}, { requiredKeys: [] });

function tryEvaluate(filter: Filter, doc: Record<string, unknown>): boolean | 'error' {
  try {
    return evaluateFilter(filter, doc, ctx);
  } catch (error) {
    if (error instanceof InvalidFilterError || error instanceof SensitiveError) return 'error';
    throw error;
  }
}

describe('evaluator laws (fast-check; filter-evaluator.ts semantics)', () => {
  it(`not, and, or, ne and eq null compose as documented (${RUNS} runs)`, () => {
    fc.assert(fc.property(schemaLeaf, schemaLeaf, resource, (f, g, doc) => {
      const [a, b] = [tryEvaluate(f, doc), tryEvaluate(g, doc)];
      fc.pre(a !== 'error' && b !== 'error');
      expect(tryEvaluate({ kind: 'not', filter: f }, doc)).toBe(!a);
      expect(tryEvaluate({ kind: 'and', left: f, right: g }, doc)).toBe(a && b);
      expect(tryEvaluate({ kind: 'or', left: f, right: g }, doc)).toBe(a || b);
      if (f.kind === 'compare' && (f.op === 'eq' || f.op === 'ne')) {
        const flipped = tryEvaluate({ ...f, op: f.op === 'eq' ? 'ne' : 'eq' }, doc);
        expect(flipped).toBe(!a);
        if (f.value === null) expect(tryEvaluate({ kind: 'present', path: f.path }, doc)).toBe(f.op === 'ne' ? a : !a);
      }
    }), { numRuns: RUNS });
  });

  it(`errors depend on the filter only, never on the resource (${RUNS} runs)`, () => {
    fc.assert(fc.property(schemaLeaf, resource, (f, doc) => {
      expect(tryEvaluate(f, doc) === 'error').toBe(tryEvaluate(f, {}) === 'error');
    }), { numRuns: RUNS });
  });
});
