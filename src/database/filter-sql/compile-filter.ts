import { bindFilter, type BoundFilter, type BoundPath, type Filter } from '@app/scim-core';
import type { SqlFragment } from '../sql-dialect';
import { type CompileFilterContext, Scope } from './compile-context';
import { dedicatedTarget } from './column-targets';
import { type LeafCompiler, walkFilter } from './filter-walk';
import { indexLeaf, indexValuePath } from './index-predicates';
import { membershipLeaf, membershipValuePath } from './membership-predicates';
import { scalarCompare, scalarPresent, type ScalarTarget } from './scalar-target';
import { TRUE_SQL } from './sql-fragment';

export type { CompileFilterContext } from './compile-context';

/**
 * Compiles a filter AST (RFC 7644 §3.4.2.2) into a boolean SQL expression over the main table
 * alias (scim_user or scim_group), with `?` placeholders. The caller scopes the query to the
 * tenant: `SELECT … FROM scim_user u WHERE u.tenant_id = ? AND (<sql>)`.
 *
 * The semantics are the evaluator's (libs/scim-core/src/filter/filter-evaluator.ts), and so are
 * the errors: the filter is bound by the same binder first (unknown attribute → invalidFilter,
 * password → sensitive, type/operator mismatches → invalidFilter). In addition, computed URLs
 * (meta.location, groups.$ref, members.$ref) → invalidFilter. Values are always parameters;
 * the SQL text holds only fixed column names, aliases and code-chosen constants.
 */
export function compileFilter(filter: Filter, ctx: CompileFilterContext): SqlFragment {
  const scope = new Scope(ctx);
  const bound = bindFilter(filter, { registry: ctx.registry, resourceType: ctx.resourceType });
  return walkFilter(bound, {
    leaf: (path) => topLeaf(scope, path),
    valuePath: (path, inner) => topValuePath(scope, path, inner),
  });
}

function scalarLeaf(scope: Scope, target: ScalarTarget): LeafCompiler {
  return { compare: (op, value) => scalarCompare(target, op, value, scope.dialect, true), present: () => scalarPresent(target) };
}

function topLeaf(scope: Scope, path: BoundPath): LeafCompiler {
  const dedicated = dedicatedTarget(path, scope.ctx.resourceType, scope.alias);
  if (!dedicated) return indexLeaf(scope, path);
  switch (dedicated.kind) {
    case 'scalar':
      return scalarLeaf(scope, dedicated.target);
    case 'membership':
      return membershipLeaf(scope, path);
    case 'alwaysPresent':
      // The binder lets only `pr` reach a complex attribute without `value` (meta).
      return { compare: () => { throw new Error(`Comparison on '${path.canonicalPath}' reached the SQL compiler`); }, present: () => TRUE_SQL };
  }
}

function topValuePath(scope: Scope, path: BoundPath, inner: BoundFilter): SqlFragment {
  const dedicated = dedicatedTarget(path, scope.ctx.resourceType, scope.alias);
  if (!dedicated) return indexValuePath(scope, path, inner);
  if (dedicated.kind === 'membership') return membershipValuePath(scope, inner);
  // meta[created gt "…"]: meta is always present, its sub-attributes are columns of the row.
  return walkFilter(inner, {
    leaf: (sub) => topLeaf(scope, { attribute: path.attribute, subAttribute: sub.leaf, leaf: sub.leaf, canonicalPath: `${path.canonicalPath}.${sub.leaf.name}` }),
  });
}
