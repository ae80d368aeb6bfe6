import type { AttributeDef } from './types';

/** Each attribute list's names, as defined and in lower case (lists are immutable once registered). */
const byName = new WeakMap<readonly AttributeDef[], Map<string, AttributeDef>>();

function nameIndex(attributes: readonly AttributeDef[]): Map<string, AttributeDef> {
  let index = byName.get(attributes);
  if (!index) {
    index = new Map();
    // Reverse order: with two names equal but for case, the first one wins, as with a linear search.
    for (const a of [...attributes].reverse()) index.set(a.name.toLowerCase(), a);
    for (const a of [...attributes].reverse()) index.set(a.name, a);
    byName.set(attributes, index);
  }
  return index;
}

/** Attribute names are case-insensitive (RFC 7643 §2.1). */
export function findAttribute(attributes: readonly AttributeDef[] | undefined, name: string): AttributeDef | undefined {
  if (!attributes) return undefined;
  const index = nameIndex(attributes);
  return index.get(name) ?? index.get(name.toLowerCase());
}

/** A sub-attribute of a complex attribute, matched case-insensitively (RFC 7643 §2.1). */
export function findSubAttribute(parent: AttributeDef, name: string): AttributeDef | undefined {
  return parent.type === 'complex' ? findAttribute(parent.subAttributes, name) : undefined;
}
