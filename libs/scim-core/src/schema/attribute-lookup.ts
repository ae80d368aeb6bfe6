import type { AttributeDef } from './types';

/** Attribute names are case-insensitive (RFC 7643 §2.1). */
export function findAttribute(attributes: readonly AttributeDef[] | undefined, name: string): AttributeDef | undefined {
  if (!attributes) return undefined;
  const wanted = name.toLowerCase();
  return attributes.find((a) => a.name.toLowerCase() === wanted);
}

/** A sub-attribute of a complex attribute, matched case-insensitively (RFC 7643 §2.1). */
export function findSubAttribute(parent: AttributeDef, name: string): AttributeDef | undefined {
  return parent.type === 'complex' ? findAttribute(parent.subAttributes, name) : undefined;
}
