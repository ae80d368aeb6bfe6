import { findSubAttribute, InvalidValueError, type AttributeDef, type ResolvedAttribute, type SchemaRegistry } from '@app/scim-core';
import type { AttributeRow } from './attribute-row';
import { encodeValue } from './encode-value';
import { pickKeys } from './pick-keys';

/**
 * The longest value the attribute index accepts, in UTF-8 bytes. A PostgreSQL btree entry holds
 * at most ~2.7 kB (tenant, type, path and value together); SQLite has no such limit, so without
 * this cap one engine would store what the other refuses. Longer values get 400 on both.
 */
export const MAX_INDEXED_VALUE_BYTES = 2048;

function assertIndexable(rows: AttributeRow[]): void {
  for (const r of rows) {
    for (const v of [r.valueStr, r.valueCi]) {
      if (v && v.length > MAX_INDEXED_VALUE_BYTES / 4 && Buffer.byteLength(v, 'utf8') > MAX_INDEXED_VALUE_BYTES) {
        throw new InvalidValueError(`The value of "${r.path}" is longer than ${MAX_INDEXED_VALUE_BYTES} bytes`);
      }
    }
  }
}

export interface FlattenContext {
  registry: SchemaRegistry;
  resourceType: 'User' | 'Group';
}

/**
 * Core attributes kept in dedicated columns (or in scim_group_member) and therefore never
 * indexed, by lower-case name.
 */
export const DEDICATED_ATTRIBUTES: Readonly<Record<'User' | 'Group', ReadonlySet<string>>> = {
  User: new Set(['id', 'username', 'externalid', 'active', 'meta', 'groups']),
  Group: new Set(['id', 'displayname', 'externalid', 'meta', 'members']),
};

/**
 * The scim_attribute_value rows of one User or Group document (see attribute-value.entity.ts).
 * Keys are matched case-insensitively the way the filter evaluator reads them (the exact
 * canonical key wins over other casings). Per attribute:
 * - singular simple: one row, elem 0;
 * - singular complex: a marker row (path = attribute, NULL values) when the value is an object,
 *   plus one row per sub-attribute, elem 0;
 * - multi-valued complex: per object element i, a marker row and one row per sub-attribute, elem i;
 * - multi-valued simple: per element i, a marker row carrying the value, elem i;
 *   a non-array value counts as one element (like the evaluator).
 * Unknown keys, dedicated-column attributes, returned:"never" attributes (password) and absent
 * values (null, undefined, '') produce no rows; leaf encoding is in encode-value.ts.
 */
export function flattenResource(resource: Record<string, unknown>, ctx: FlattenContext): AttributeRow[] {
  const rows: AttributeRow[] = [];
  const { registry, resourceType } = ctx;
  const core = pickKeys(resource, (key) => {
    const resolved = registry.resolve(resourceType, { attr: key });
    return resolved && !resolved.isExtension ? resolved : undefined;
  }, describeResolved);
  for (const { resolved, value } of core) {
    if (!DEDICATED_ATTRIBUTES[resourceType].has(resolved.attribute.name.toLowerCase())) flattenAttribute(resolved, value, rows);
  }
  const uris = registry.extensionUris(resourceType);
  const extensions = pickKeys(resource, (key) => uris.find((u) => u.toLowerCase() === key.toLowerCase()), (uri) => ({ id: uri, name: uri }));
  for (const { resolved: uri, value } of extensions) {
    if (!isObject(value)) continue;
    const attributes = pickKeys(value, (key) => registry.resolve(resourceType, { uri, attr: key }), describeResolved);
    for (const { resolved, value: attributeValue } of attributes) flattenAttribute(resolved, attributeValue, rows);
  }
  assertIndexable(rows);
  return rows;
}

function flattenAttribute(resolved: ResolvedAttribute, value: unknown, rows: AttributeRow[]): void {
  const def = resolved.attribute;
  if (def.returned === 'never') return;
  const path = resolved.canonicalPath.toLowerCase();
  if (!def.multiValued) {
    if (def.type === 'complex') flattenComplex(def, path, value, 0, rows);
    else pushLeaf(def, path, value, 0, rows);
    return;
  }
  const elements = Array.isArray(value) ? value : [value];
  elements.forEach((element, elem) => {
    if (def.type === 'complex') flattenComplex(def, path, element, elem, rows);
    else pushLeaf(def, path, element, elem, rows);
  });
}

function flattenComplex(def: AttributeDef, path: string, value: unknown, elem: number, rows: AttributeRow[]): void {
  if (!isObject(value)) return;
  rows.push({ path, elem, valueStr: null, valueCi: null, valueNum: null });
  const subs = pickKeys(value, (key) => findSubAttribute(def, key), (sub) => ({ id: sub.name, name: sub.name }));
  for (const { resolved: sub, value: subValue } of subs) {
    if (sub.returned !== 'never') pushLeaf(sub, `${path}.${sub.name.toLowerCase()}`, subValue, elem, rows);
  }
}

function pushLeaf(def: AttributeDef, path: string, value: unknown, elem: number, rows: AttributeRow[]): void {
  const encoded = encodeValue(def, value);
  if (encoded) rows.push({ path, elem, valueStr: encoded.str, valueCi: encoded.ci, valueNum: encoded.num });
}

function describeResolved(resolved: ResolvedAttribute): { id: string; name: string } {
  return { id: resolved.canonicalPath, name: resolved.attribute.name };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
