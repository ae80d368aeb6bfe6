import type { AttributeDef } from '../schema/types';
import { enforceSinglePrimary } from '../resource/multi-valued-rules';
import { findOwnKey, getOwn, isPlainObject, jsonEqual, setOwn, type JsonObject } from '../resource/own-properties';

/**
 * RFC 7644 §3.5.2.1 add to a multi-valued attribute: new values are appended; a value already
 * present changes nothing. For complex values "already present" means the same `value` (compared
 * per caseExact) and the same `type`; the new sub-attributes are then merged into that element
 * instead of creating a duplicate. Returns the index of each incoming element in `existing`.
 */
export function mergeElements(attr: AttributeDef, existing: unknown[], incoming: unknown[]): number[] {
  return incoming.map((item) => {
    const same = existing.findIndex((current) => jsonEqual(current, item) || sameIdentity(attr, current, item));
    if (same < 0) return existing.push(item) - 1;
    if (isPlainObject(item) && isPlainObject(existing[same])) {
      for (const key of Object.keys(item)) setOwn(existing[same] as object, key, item[key]);
    }
    return same;
  });
}

function sameIdentity(attr: AttributeDef, a: unknown, b: unknown): boolean {
  if (attr.type !== 'complex' || !isPlainObject(a) || !isPlainObject(b)) return false;
  const valueDef = (attr.subAttributes ?? []).find((s) => s.name === 'value');
  if (!valueDef) return false;
  const [va, vb] = [getOwn(a, 'value'), getOwn(b, 'value')];
  if (va === undefined || vb === undefined || !sameText(va, vb, valueDef.caseExact)) return false;
  const [ta, tb] = [getOwn(a, 'type'), getOwn(b, 'type')];
  return ta === undefined || tb === undefined ? ta === tb : sameText(ta, tb, false);
}

function sameText(a: unknown, b: unknown, caseExact: boolean): boolean {
  if (typeof a === 'string' && typeof b === 'string' && !caseExact) return a.toLowerCase() === b.toLowerCase();
  return jsonEqual(a, b);
}

/**
 * RFC 7644 §3.5.2: setting `primary: true` on one value "SHALL cause the server to
 * automatically set primary to false for any other values in the array".
 */
export function applyPrimaryRule(elements: unknown[], writtenIndexes: number[]): void {
  const written = writtenIndexes.filter((i) => isPlainObject(elements[i]) && getOwn(elements[i] as object, 'primary') === true);
  enforceSinglePrimary(elements, [], written.length > 0 ? written[written.length - 1] : undefined);
}

/**
 * After a sub-attribute was removed: an element left with nothing but `type` / `primary` carries
 * no data (e.g. `emails[type eq "work"].value` cleared with "" by Entra, Q12) and is dropped, so
 * the attribute reads as unassigned (RFC 7644 §3.5.2.2).
 */
export function isHollowElement(element: unknown): boolean {
  if (!isPlainObject(element)) return false;
  return Object.keys(element).every((key) => {
    const lower = key.toLowerCase();
    return lower === 'type' || lower === 'primary';
  });
}

/** The attribute's own key in the container, renamed to the schema casing if needed. */
export function canonicalKey(container: JsonObject, name: string): string {
  const found = findOwnKey(container, name);
  if (found !== undefined && found !== name) {
    setOwn(container, name, container[found]);
    delete container[found];
  }
  return name;
}
