import { compileFilter as compileOracle, printFilter, type Filter, type SchemaRegistry } from '@app/scim-core';
import type { DataSource } from 'typeorm';
import { compileFilter } from '../../src/database/filter-sql/compile-filter';
import { dialectOf, toDialect } from '../../src/database/sql-dialect';

type Doc = Record<string, unknown>;

export interface Rendered {
  id: string;
  tenantId: string;
  resource: Doc;
}

export type Outcome = { ids: string[] } | { error: string };

const TABLE = { User: 'scim_user', Group: 'scim_group' } as const;

function errorName(e: unknown): string {
  const err = e as { name?: string; scimType?: string; message?: string };
  if (!err?.scimType) throw e; // not a SCIM error: a bug, let it surface with its stack
  return `${err.name}(${err.scimType})`;
}

/**
 * Runs one filter through the SQL compiler and the in-memory evaluator (the oracle) for one
 * tenant's resources, and returns both outcomes as comparable values.
 */
export class OracleHarness {
  constructor(
    private readonly ds: DataSource,
    private readonly registry: SchemaRegistry,
    private readonly rendered: Record<'User' | 'Group', Rendered[]>,
  ) {}

  get dialect() {
    return dialectOf(this.ds.options.type);
  }

  oracle(filter: Filter, resourceType: 'User' | 'Group', tenantId: string): Outcome {
    try {
      const predicate = compileOracle(filter, { registry: this.registry, resourceType });
      const ids = this.rendered[resourceType].filter((r) => r.tenantId === tenantId && predicate(r.resource)).map((r) => r.id);
      return { ids: ids.sort() };
    } catch (e) {
      return { error: errorName(e) };
    }
  }

  async sql(filter: Filter, resourceType: 'User' | 'Group', tenantId: string, bindTenant = true): Promise<Outcome> {
    let fragment;
    try {
      fragment = compileFilter(filter, {
        registry: this.registry, resourceType, alias: 'r', dialect: this.dialect, ...(bindTenant ? { tenantParam: tenantId } : {}),
      });
    } catch (e) {
      return { error: errorName(e) };
    }
    const sql = `SELECT r.id AS id FROM ${TABLE[resourceType]} r WHERE r.tenant_id = ? AND (${fragment.sql})`;
    const started = Date.now();
    const rows: { id: string }[] = await this.ds.query(toDialect(sql, this.dialect), [tenantId, ...fragment.params]);
    // SLOW_LOG=1 prints the plans worth a look (a query plan regression shows up here first).
    if (process.env.SLOW_LOG && Date.now() - started > 30) console.log(`${Date.now() - started} ms: ${printFilter(filter)}\n${sql}`);
    return { ids: rows.map((r) => r.id).sort() };
  }

  /** Throws a readable error when SQL and oracle disagree. Returns the agreed result. */
  async expectAgreement(filter: Filter, resourceType: 'User' | 'Group', tenantId: string, bindTenant = true): Promise<Outcome> {
    const expected = this.oracle(filter, resourceType, tenantId);
    const actual = await this.sql(filter, resourceType, tenantId, bindTenant);
    if (JSON.stringify(expected) !== JSON.stringify(actual)) {
      const diff = 'ids' in expected && 'ids' in actual
        ? `only oracle: ${expected.ids.filter((i) => !actual.ids.includes(i)).join(', ')}; only SQL: ${actual.ids.filter((i) => !expected.ids.includes(i)).join(', ')}`
        : `oracle ${JSON.stringify(expected).slice(0, 200)} vs SQL ${JSON.stringify(actual).slice(0, 200)}`;
      throw new Error(`SQL and evaluator disagree on ${resourceType} filter: ${printFilter(filter)} (bindTenant=${bindTenant})\n${diff}`);
    }
    return expected;
  }
}
