import { NoTargetError } from '../errors/scim-error';
import type { PatchOpName } from '../messages/patch-request';
import { coerceAttributeValue, coerceSimple, SILENT_REJECTING_SINK } from '../resource/coerce-attribute-value';
import { deleteOwn, getOwn, isPlainObject, setOwn, type JsonObject } from '../resource/own-properties';
import { applyPrimaryRule, canonicalKey, isHollowElement, mergeElements } from './multi-valued-merge';
import type { PatchTarget } from './patch-target';

/**
 * add / replace / remove on `attr` or `attr.sub` (no value filter), RFC 7644 §3.5.2.1–3:
 * - single-valued simple: add and replace both set the value (add = set, entra-scim.md Q3);
 * - single-valued complex: the given sub-attributes are merged, the others stay unchanged;
 * - multi-valued: add appends (equal values are not duplicated), replace replaces the set;
 * - remove unassigns; null (RFC 7643 §2.5) and `replace attr []` unassign too.
 */
export function applyUnfiltered(container: JsonObject, op: PatchOpName, target: PatchTarget, value: unknown): void {
  const attr = target.resolved.attribute;
  const key = canonicalKey(container, attr.name);
  if (target.sub) return applySub(container, key, op, target, value);
  // null = unassigned (RFC 7643 §2.5), except that adding "nothing" to a set changes nothing.
  const clears = (value === null && !(op === 'add' && attr.multiValued)) || (op === 'replace' && attr.multiValued && Array.isArray(value) && value.length === 0);
  if (op === 'remove' || clears) return deleteOwn(container, key);
  const coerced = coerceAttributeValue(attr, value, target.resolved.canonicalPath, SILENT_REJECTING_SINK);
  if (coerced === undefined) return;
  if (attr.multiValued) {
    const incoming = coerced as unknown[];
    const current = getOwn(container, key);
    const elements = op === 'add' && Array.isArray(current) ? [...current] : [];
    const written = mergeElements(attr, elements, incoming);
    applyPrimaryRule(elements, written);
    return setOwn(container, key, elements);
  }
  const current = getOwn(container, key);
  if (attr.type === 'complex' && isPlainObject(current)) {
    const merged = { ...current };
    for (const sub of Object.keys(coerced as JsonObject)) setOwn(merged, sub, (coerced as JsonObject)[sub]);
    return setOwn(container, key, merged);
  }
  setOwn(container, key, coerced);
}

/** `name.givenName` (single-valued complex) or `emails.display` (every element, no filter). */
function applySub(container: JsonObject, key: string, op: PatchOpName, target: PatchTarget, value: unknown): void {
  const sub = target.sub!;
  const path = `${target.resolved.canonicalPath}.${sub.name}`;
  const removing = op === 'remove' || value === null;
  const coerced = removing ? undefined : coerceSimple(sub, value, path, SILENT_REJECTING_SINK);
  const current = getOwn(container, key);
  if (target.resolved.attribute.multiValued) {
    const elements = Array.isArray(current) ? current.filter(isPlainObject).map((e) => ({ ...e })) : [];
    if (!removing && elements.length === 0) throw new NoTargetError(`"${path}": the attribute has no values to update (RFC 7644 §3.5.2.3)`);
    for (const element of elements) writeSub(element, sub.name, coerced);
    const kept = elements.filter((e) => Object.keys(e).length > 0 && !(removing && isHollowElement(e)));
    if (sub.name === 'primary') applyPrimaryRule(kept, kept.map((_e, i) => i));
    return kept.length > 0 ? setOwn(container, key, kept) : deleteOwn(container, key);
  }
  const object = isPlainObject(current) ? { ...current } : {};
  writeSub(object, sub.name, coerced);
  if (Object.keys(object).length > 0) setOwn(container, key, object);
  else deleteOwn(container, key);
}

function writeSub(element: JsonObject, name: string, value: unknown): void {
  const existing = Object.keys(element).find((k) => k.toLowerCase() === name.toLowerCase());
  if (existing !== undefined) delete element[existing];
  if (value !== undefined) setOwn(element, name, value);
}
