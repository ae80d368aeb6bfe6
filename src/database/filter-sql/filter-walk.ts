import type { BoundFilter, BoundLiteral, BoundOperator, BoundPath } from '@app/scim-core';
import type { SqlFragment } from '../sql-dialect';
import { andSql, notSql, orSql } from './sql-fragment';

/** SQL for the comparisons and presence tests of one attribute path in some scope. */
export interface LeafCompiler {
  compare(op: BoundOperator, value: BoundLiteral): SqlFragment;
  present(): SqlFragment;
}

export interface WalkHandlers {
  leaf(path: BoundPath): LeafCompiler;
  /** Value paths occur only at the top level (the binder rejects nested ones). */
  valuePath?(path: BoundPath, inner: BoundFilter): SqlFragment;
}

/**
 * Compiles a bound filter (ne, eq null and ne null already rewritten by the binder) with the
 * given leaf compilers. Every leaf is two-valued, so and/or/not keep the evaluator's logic.
 */
export function walkFilter(filter: BoundFilter, handlers: WalkHandlers): SqlFragment {
  switch (filter.kind) {
    case 'and':
      return andSql(walkFilter(filter.left, handlers), walkFilter(filter.right, handlers));
    case 'or':
      return orSql(walkFilter(filter.left, handlers), walkFilter(filter.right, handlers));
    case 'not':
      return notSql(walkFilter(filter.filter, handlers));
    case 'present':
      return handlers.leaf(filter.path).present();
    case 'compare':
      return handlers.leaf(filter.path).compare(filter.op, filter.value);
    case 'valuePath':
      if (!handlers.valuePath) throw new Error('Nested value path reached the SQL compiler');
      return handlers.valuePath(filter.path, filter.filter);
  }
}

/** The operands of a top-level AND chain: `a and (b and c)` → [a, b, c]. */
export function conjuncts(filter: BoundFilter): BoundFilter[] {
  return filter.kind === 'and' ? [...conjuncts(filter.left), ...conjuncts(filter.right)] : [filter];
}

/** Rebuilds an AND chain; undefined for an empty list. */
export function conjoin(filters: readonly BoundFilter[]): BoundFilter | undefined {
  return filters.reduce<BoundFilter | undefined>((acc, f) => (acc ? { kind: 'and', left: acc, right: f } : f), undefined);
}

/** True when some leaf of `filter` names a sub-attribute called `name` (case-insensitive). */
export function mentions(filter: BoundFilter, name: string): boolean {
  switch (filter.kind) {
    case 'and':
    case 'or':
      return mentions(filter.left, name) || mentions(filter.right, name);
    case 'not':
      return mentions(filter.filter, name);
    case 'valuePath':
      return mentions(filter.filter, name);
    default:
      return filter.path.leaf.name.toLowerCase() === name;
  }
}
