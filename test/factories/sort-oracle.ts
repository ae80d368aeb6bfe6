import { findSubAttribute, parseDateTime, type AttrPath, type AttributeDef, type SchemaRegistry } from '@app/scim-core';

type Doc = Record<string, unknown>;
type Key = string | number | null;

/**
 * The sort key compileSortKey documents, computed in JavaScript from a rendered resource:
 * case-folded strings (NFC for userName/displayName), numbers, booleans as 1/0, dateTimes as
 * instants, the primary element of a multi-valued attribute else its smallest value, '' absent.
 */
export function sortKeyOf(resource: Doc, path: AttrPath, registry: SchemaRegistry, resourceType: 'User' | 'Group'): Key {
  const resolved = registry.resolve(resourceType, path);
  if (!resolved) throw new Error(`unknown ${path.attr}`);
  const attribute = resolved.attribute;
  const leaf = resolved.subAttribute ?? (attribute.type === 'complex' ? findSubAttribute(attribute, 'value') : attribute);
  if (!leaf) throw new Error('complex without value');
  const container = (resolved.isExtension ? resource[resolved.schemaId] : resource) as Doc | undefined;
  const value = container?.[attribute.name];
  const nfc = !resolved.isExtension && attribute.name.toLowerCase() === (resourceType === 'User' ? 'username' : 'displayname');
  const conv = (v: unknown) => convert(leaf, v, nfc);
  if (attribute.type !== 'complex') return attribute.multiValued ? smallest((value as unknown[] | undefined ?? []).map(conv)) : conv(value);
  const elements = (attribute.multiValued ? (value as Doc[] | undefined ?? []) : value ? [value as Doc] : []);
  const primary = elements.find((e) => e.primary === true);
  const fromPrimary = primary ? conv(primary[leaf.name]) : null;
  return fromPrimary ?? smallest(elements.map((e) => conv(e[leaf.name])));
}

function convert(leaf: AttributeDef, v: unknown, nfc: boolean): Key {
  if (v === null || v === undefined || v === '') return null;
  switch (leaf.type) {
    case 'boolean': return typeof v === 'boolean' ? (v ? 1 : 0) : null;
    case 'integer':
    case 'decimal': return typeof v === 'number' ? v : null;
    case 'dateTime': return typeof v === 'string' ? parseDateTime(v) ?? null : null;
    default:
      if (typeof v !== 'string') return null;
      if (leaf.caseExact) return v;
      return nfc ? v.normalize('NFC').toLowerCase() : v.toLowerCase();
  }
}

function smallest(keys: Key[]): Key {
  return keys.filter((k) => k !== null).reduce<Key>((min, k) => (min === null || (k as string | number) < min ? k : min), null);
}

/** Ids ordered by key (missing keys last ascending, first descending), then by id. */
export function orderIds(items: { id: string; key: Key }[], descending: boolean): string[] {
  const cmp = (a: Key, b: Key): number => {
    if (a === b) return 0;
    if (a === null) return descending ? -1 : 1;
    if (b === null) return descending ? 1 : -1;
    return (a < b ? -1 : 1) * (descending ? -1 : 1);
  };
  return [...items].sort((x, y) => cmp(x.key, y.key) || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0)).map((i) => i.id);
}
