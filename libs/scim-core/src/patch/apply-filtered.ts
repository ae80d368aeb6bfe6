import { InvalidFilterError, InvalidPathError, NoTargetError } from '../errors/scim-error';
import type { Filter } from '../filter/ast';
import { evaluateValueFilter } from '../filter/filter-evaluator';
import type { PatchOpName } from '../messages/patch-request';
import type { AttributeDef } from '../schema/types';
import { coerceSimple, coerceSingle, SILENT_REJECTING_SINK } from '../resource/coerce-attribute-value';
import { deleteOwn, getOwn, isPlainObject, setOwn, type JsonObject } from '../resource/own-properties';
import { applyPrimaryRule, canonicalKey, isHollowElement } from './multi-valued-merge';
import type { PatchTarget } from './patch-target';
import { canonicalizeFilter, upsertSeed } from './value-filter-rules';

/**
 * add / replace / remove on `attr[filter]` or `attr[filter].sub` (RFC 7644 §3.5.2):
 * - replace without sub replaces each matching element; add without sub merges into it;
 *   with a sub-attribute, the sub-attribute of each matching element is set or removed;
 * - no match on add/replace: Entra's upsert (entra-scim.md Q5) when the filter says what the
 *   element is (`type eq "work"`, `primary eq true`), otherwise noTarget (§3.5.2.3);
 * - no match on remove: a no-op (idempotent; Entra retries removals, and the RFC only defines
 *   noTarget for replace);
 * - elements left with only type/primary are dropped; an emptied attribute is unassigned.
 */
export function applyFiltered(container: JsonObject, op: PatchOpName, target: PatchTarget, value: unknown): void {
  const attr = target.resolved.attribute;
  const path = target.resolved.canonicalPath;
  if (!attr.multiValued || attr.type !== 'complex') {
    throw new InvalidPathError(`"${path}" is not a multi-valued complex attribute; a value filter cannot select from it`);
  }
  const filter = canonicalizeFilter(target.filter!, attr, { mixedCase: false, stringBoolean: false });
  bindOrThrow(filter, attr, path);
  const key = canonicalKey(container, attr.name);
  const current = getOwn(container, key);
  const elements = Array.isArray(current) ? current.map((e) => (isPlainObject(e) ? { ...e } : e)) : [];
  const matched = elements.flatMap((e, i) => (evaluateValueFilter(filter, e, attr) ? [i] : []));
  const removing = op === 'remove' || value === null;
  if (removing) removeMatched(elements, matched, target.sub);
  else if (matched.length === 0) upsert(elements, attr, filter, target, value);
  else writeMatched(elements, matched, op, target, value);
  if (elements.length > 0) setOwn(container, key, elements);
  else deleteOwn(container, key);
}

/** Checks the filter against the schema once, even when there are no elements to test. */
function bindOrThrow(filter: Filter, attr: AttributeDef, path: string): void {
  try {
    evaluateValueFilter(filter, {}, attr);
  } catch (error) {
    if (error instanceof InvalidFilterError) throw new InvalidPathError(`Invalid value filter on "${path}": ${error.detail}`);
    throw error;
  }
}

function removeMatched(elements: unknown[], matched: number[], sub: AttributeDef | undefined): void {
  for (const index of [...matched].reverse()) {
    const element = elements[index] as JsonObject;
    if (sub) deleteOwn(element, sub.name);
    if (!sub || isHollowElement(element) || Object.keys(element).length === 0) elements.splice(index, 1);
  }
}

function upsert(elements: unknown[], attr: AttributeDef, filter: Filter, target: PatchTarget, value: unknown): void {
  const seed = upsertSeed(filter, attr);
  if (!seed) {
    throw new NoTargetError(`No value of "${target.resolved.canonicalPath}" matches the filter (RFC 7644 §3.5.2.3)`);
  }
  const written = writeInto(seed, 'add', attr, target, value, seed);
  elements.push(written);
  applyPrimaryRule(elements, [elements.length - 1]);
}

function writeMatched(elements: unknown[], matched: number[], op: PatchOpName, target: PatchTarget, value: unknown): void {
  const attr = target.resolved.attribute;
  const seed = upsertSeed(target.filter!, attr);
  for (const index of matched) elements[index] = writeInto(elements[index] as JsonObject, op, attr, target, value, seed);
  applyPrimaryRule(elements, matched);
}

/**
 * The element after writing `value` into it: a sub-attribute, a merge (add) or a replacement.
 * A replacement keeps what the filter pins (`type: "work"`), so the element still matches it.
 */
function writeInto(element: JsonObject, op: PatchOpName, attr: AttributeDef, target: PatchTarget, value: unknown, seed?: JsonObject): JsonObject {
  const path = target.resolved.canonicalPath;
  if (target.sub) {
    const coerced = coerceSimple(target.sub, value, `${path}.${target.sub.name}`, SILENT_REJECTING_SINK);
    const out = { ...element };
    setOwn(out, target.sub.name, coerced);
    return out;
  }
  const item = Array.isArray(value) && value.length === 1 ? value[0] : value;
  const coerced = (coerceSingle(attr, item, path, SILENT_REJECTING_SINK) ?? {}) as JsonObject;
  const out: JsonObject = op === 'replace' ? { ...seed } : { ...element };
  for (const key of Object.keys(coerced)) setOwn(out, key, coerced[key]);
  return out;
}
