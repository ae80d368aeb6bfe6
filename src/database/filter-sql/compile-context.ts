import type { SchemaRegistry } from '@app/scim-core';
import type { SqlDialect, SqlFragment } from '../sql-dialect';
import { assertIdentifier } from './sql-fragment';

/** Input of compileFilter / compileSortKey. */
export interface CompileFilterContext {
  registry: SchemaRegistry;
  resourceType: 'User' | 'Group';
  /** Alias of the main table (scim_user or scim_group) in the caller's query. */
  alias: string;
  dialect: SqlDialect;
  /**
   * The tenant id the caller's query is scoped to. On SQLite, when given, sub-queries bind it and
   * run uncorrelated (`alias.id IN (SELECT … WHERE tenant_id = ? …)`): SQLite evaluates them once
   * through the (tenant_id, resource_type, path, value_ci) index. Without it (and always on
   * PostgreSQL, whose planner turns EXISTS into semi/anti joins) sub-queries are correlated
   * `EXISTS (… WHERE x.tenant_id = alias.tenant_id AND x.resource_id = alias.id …)`.
   */
  tenantParam?: string;
}

/** Compilation state: the caller's context plus a generator of unique sub-query aliases. */
export class Scope {
  readonly alias: string;
  private counter = 0;

  constructor(readonly ctx: CompileFilterContext) {
    this.alias = assertIdentifier(ctx.alias);
  }

  get dialect(): SqlDialect {
    return this.ctx.dialect;
  }

  nextAlias(prefix: string): string {
    this.counter += 1;
    return `${prefix}${this.counter}`;
  }

  /** True when sub-queries should be uncorrelated IN lists (see tenantParam). */
  get uncorrelated(): boolean {
    return this.ctx.dialect === 'sqlite' && this.ctx.tenantParam !== undefined;
  }
}

/** A sub-query over a child table whose rows point at the main resource. */
export interface OwnedRows {
  /** `scim_attribute_value a1`, or a join such as `scim_group_member m1 JOIN scim_group g1 ON …`. */
  from: string;
  /** Alias of the table that has tenant_id and the owner column. */
  rowAlias: string;
  /** Column of rowAlias holding the main resource's id (resource_id, member_id, group_id). */
  ownerColumn: string;
  /** For scim_attribute_value rows: their resource_type (part of the lookup indexes). */
  resourceType?: string;
  where: SqlFragment;
}

/**
 * "The main resource owns at least one row of `rows`", two-valued (owner columns are NOT NULL):
 * - SQLite with tenantParam: an uncorrelated `alias.id IN (SELECT owner … WHERE tenant_id = ? …)`,
 *   evaluated once through the (tenant_id, resource_type, path, value_ci) index.
 * - PostgreSQL: a correlated EXISTS; the planner makes it a semi/anti join (or a hashed sub-plan
 *   under OR) with the index its statistics favour.
 * - SQLite without tenantParam: a correlated EXISTS. For attribute rows the tenant and
 *   resource_type terms get a unary `+`, so that SQLite cannot use the tenant-wide index for the
 *   per-resource probe (it would scan every row of the path once per resource) and probes the
 *   primary key (resource_id, path, elem) instead.
 */
export function ownsRows(scope: Scope, rows: OwnedRows): SqlFragment {
  const { from, rowAlias: r, ownerColumn, resourceType, where } = rows;
  const typed = resourceType !== undefined;
  if (scope.uncorrelated) {
    const type = typed ? ` AND ${r}.resource_type = ?` : '';
    return {
      sql: `${scope.alias}.id IN (SELECT ${r}.${ownerColumn} FROM ${from} WHERE ${r}.tenant_id = ?${type} AND ${where.sql})`,
      params: [scope.ctx.tenantParam, ...(typed ? [resourceType] : []), ...where.params],
    };
  }
  const plus = typed && scope.dialect === 'sqlite' ? '+' : '';
  const type = typed ? ` AND ${plus}${r}.resource_type = ?` : '';
  return {
    sql: `EXISTS (SELECT 1 FROM ${from} WHERE ${r}.${ownerColumn} = ${scope.alias}.id AND ${plus}${r}.tenant_id = ${scope.alias}.tenant_id${type} AND ${where.sql})`,
    params: [...(typed ? [resourceType] : []), ...where.params],
  };
}
