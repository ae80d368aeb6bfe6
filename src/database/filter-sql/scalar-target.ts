import type { AttributeDef, BoundLiteral, BoundOperator } from '@app/scim-core';
import type { SqlDialect, SqlFragment } from '../sql-dialect';
import { compareConstant, type DateTimeForm, type Fold, toOperand } from './operand';
import { compareSql, type ValueExprs } from './operators';
import { andSql, FALSE_SQL, frag, TRUE_SQL } from './sql-fragment';

/**
 * An attribute whose value (at most one per row of the enclosing scope) is a SQL expression: a
 * dedicated column of scim_user / scim_group, or a column of a membership row.
 */
export interface ScalarTarget {
  leaf: AttributeDef;
  exprs: ValueExprs;
  /** SQL that is true when the value is present; undefined when it always is. */
  present?: string;
  /** How exprs.ci was folded, applied to caseExact=false literals. */
  fold: Fold;
  dateTimeForm: DateTimeForm;
  /** A value known at compile time (meta.resourceType, groups.type), compared in JavaScript. */
  constant?: string;
}

export function scalarCompare(target: ScalarTarget, op: BoundOperator, literal: BoundLiteral, dialect: SqlDialect): SqlFragment {
  if (target.constant !== undefined) {
    return compareConstant(target.leaf, target.constant, op, literal) ? TRUE_SQL : FALSE_SQL;
  }
  const compare = compareSql(target.exprs, op, toOperand(target.leaf, literal, target.fold, target.dateTimeForm), dialect);
  return target.present ? andSql(frag(target.present), compare) : compare;
}

export function scalarPresent(target: ScalarTarget): SqlFragment {
  return target.present ? frag(target.present) : TRUE_SQL;
}
