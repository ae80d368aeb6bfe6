import type { AttributeDef, BoundFilter, BoundLiteral, BoundOperator, BoundPath } from '@app/scim-core';
import type { SqlFragment } from '../sql-dialect';
import { ownsRows, type Scope } from './compile-context';
import { conjoin, conjuncts, type LeafCompiler, walkFilter } from './filter-walk';
import { LOWER, toOperand } from './operand';
import { compareSql, type ValueExprs } from './operators';
import { andSql, frag, joinSql } from './sql-fragment';

/**
 * Attributes stored in the attribute index (scim_attribute_value, see attribute-value.entity.ts
 * and flatten-resource.ts). A row exists only for a present value, so `pr` is row existence.
 * A value of the wrong JSON type has a row with NULL values: present, but it never compares.
 * dateTimes compare as epoch milliseconds (value_num), like the evaluator's instants.
 */
const TABLE = 'scim_attribute_value';

function rowExprs(a: string): ValueExprs {
  return { str: `${a}.value_str`, ci: `${a}.value_ci`, num: `${a}.value_num` };
}

function rowCompare(a: string, leaf: AttributeDef, op: BoundOperator, value: BoundLiteral, scope: Scope): SqlFragment {
  const operand = toOperand(leaf, value, LOWER, 'epochMs');
  const compare = compareSql(rowExprs(a), op, operand, scope.dialect);
  // value_ci is LOWER(value_str): a caseExact `eq` also matching it is served by the
  // (tenant_id, resource_type, path, value_ci) index; there is no value_str index (migration 1765100000000).
  if (op === 'eq' && operand.kind === 'text' && operand.caseExact) return andSql(frag(`${a}.value_ci = ?`, LOWER(operand.value)), compare);
  return compare;
}

/** The stored paths whose rows make `path` present (sub-attributes of a bare complex attribute). */
function presencePaths(path: BoundPath, stored: string): string[] {
  const def = path.leaf;
  if (def.type !== 'complex') return [stored];
  return (def.subAttributes ?? []).filter((s) => s.returned !== 'never').map((s) => `${stored}.${s.name.toLowerCase()}`);
}

function pathIn(a: string, paths: string[]): SqlFragment {
  if (paths.length === 1) return frag(`${a}.path = ?`, paths[0]);
  return { sql: `${a}.path IN (${paths.map(() => '?').join(', ')})`, params: paths };
}

/** A top-level path (`title`, `emails.value`, `<urn>:manager.value`): any row of the resource. */
export function indexLeaf(scope: Scope, path: BoundPath): LeafCompiler {
  const stored = path.canonicalPath.toLowerCase();
  const rows = (where: (a: string) => SqlFragment): SqlFragment => {
    const a = scope.nextAlias('a');
    return ownsRows(scope, { from: `${TABLE} ${a}`, rowAlias: a, ownerColumn: 'resource_id', resourceType: scope.ctx.resourceType, where: where(a) });
  };
  return {
    compare: (op, value) => rows((a) => andSql(frag(`${a}.path = ?`, stored), rowCompare(a, path.leaf, op, value, scope))),
    present: () => rows((a) => pathIn(a, presencePaths(path, stored))),
  };
}

/** A sub-attribute of one element (resource id + elem of the row `el`) inside a value path. */
function elementLeaf(scope: Scope, el: string, parent: string, path: BoundPath): LeafCompiler {
  const stored = `${parent}.${path.leaf.name.toLowerCase()}`;
  const row = (cond?: (e: string) => SqlFragment): SqlFragment => {
    const e = scope.nextAlias('e');
    const head = frag(`${e}.resource_id = ${el}.resource_id AND ${e}.path = ? AND ${e}.elem = ${el}.elem`, stored);
    const where = cond ? joinSql([head, cond(e)], ' AND ') : head;
    return { sql: `EXISTS (SELECT 1 FROM ${TABLE} ${e} WHERE ${where.sql})`, params: where.params };
  };
  return {
    compare: (op, value) => row((e) => rowCompare(e, path.leaf, op, value, scope)),
    present: () => row(),
  };
}

/**
 * `emails[type eq "work" and value eq "x"]`: some element satisfies the whole inner filter.
 * Elements are enumerated from their marker rows (path = the attribute, one per element), or —
 * when the inner filter is an AND chain containing an `eq` — from the rows of that comparison,
 * so the (tenant_id, resource_type, path, value_ci) index finds the candidates and the other
 * conditions are primary-key probes on the same (resource_id, elem).
 */
export function indexValuePath(scope: Scope, path: BoundPath, inner: BoundFilter): SqlFragment {
  const parent = path.canonicalPath.toLowerCase();
  const parts = conjuncts(inner);
  const driver = pickDriver(parts);
  const el = scope.nextAlias('v');
  const handlers = { leaf: (p: BoundPath) => elementLeaf(scope, el, parent, p) };
  const rest = conjoin(parts.filter((p) => p !== driver));
  const conditions: SqlFragment[] = [];
  if (driver && driver.kind === 'compare') {
    conditions.push(frag(`${el}.path = ?`, `${parent}.${driver.path.leaf.name.toLowerCase()}`));
    conditions.push(rowCompare(el, driver.path.leaf, driver.op, driver.value, scope));
  } else {
    conditions.push(frag(`${el}.path = ?`, parent));
  }
  if (rest) conditions.push(walkFilter(rest, handlers));
  const where = andSql(...conditions);
  return ownsRows(scope, { from: `${TABLE} ${el}`, rowAlias: el, ownerColumn: 'resource_id', resourceType: scope.ctx.resourceType, where });
}

/** The most selective-looking `eq` of the chain: prefer `value`, avoid `type` and `primary`. */
function pickDriver(parts: BoundFilter[]): BoundFilter | undefined {
  const rank = (f: BoundFilter): number => {
    if (f.kind !== 'compare' || f.op !== 'eq') return 0;
    const name = f.path.leaf.name.toLowerCase();
    if (name === 'value') return 3;
    return name === 'type' || name === 'primary' ? 1 : 2;
  };
  let best: BoundFilter | undefined;
  for (const part of parts) if (rank(part) > (best ? rank(best) : 0)) best = part;
  return best;
}
