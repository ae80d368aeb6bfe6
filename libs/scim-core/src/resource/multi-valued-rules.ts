import { findOwnKey, getOwn, isPlainObject, setOwn } from './own-properties';

/** A rule breach that was repaired, for the caller's warnings. */
export interface RepairNote {
  code: 'duplicate-type' | 'duplicate-primary';
  index: number;
}

function lowerString(element: unknown, name: string): string | undefined {
  if (!isPlainObject(element)) return undefined;
  const key = findOwnKey(element, name);
  const value = key === undefined ? undefined : getOwn(element, key);
  return typeof value === 'string' ? value.toLowerCase() : undefined;
}

/**
 * Keeps the first element of each `type` and drops later duplicates. Entra requires "type"
 * values of multi-valued complex attributes to be unique (entra-scim.md §1.2, Q5) and addresses
 * them with `emails[type eq "work"]`; keeping the first is deterministic and what a client that
 * sent a duplicate by mistake most likely meant. Elements without a type are always kept.
 */
export function dropDuplicateTypes(elements: unknown[], notes: RepairNote[]): unknown[] {
  const seen = new Set<string>();
  return elements.filter((element, index) => {
    const type = lowerString(element, 'type');
    if (type === undefined) return true;
    if (seen.has(type)) {
      notes.push({ code: 'duplicate-type', index });
      return false;
    }
    seen.add(type);
    return true;
  });
}

/**
 * RFC 7643 §2.4: "The primary attribute value 'true' MUST appear no more than once." The element
 * at `keepIndex` (default: the first primary one) keeps it; the others get `primary: false`, as
 * RFC 7644 §3.5.2 prescribes for PATCH.
 */
export function enforceSinglePrimary(elements: unknown[], notes: RepairNote[], keepIndex?: number): void {
  const primaries = elements
    .map((element, index) => ({ element, index }))
    .filter(({ element }) => isPlainObject(element) && getOwn(element, 'primary') === true);
  if (primaries.length < 2) return;
  const keep = keepIndex !== undefined && primaries.some((p) => p.index === keepIndex) ? keepIndex : primaries[0].index;
  for (const { element, index } of primaries) {
    if (index === keep) continue;
    setOwn(element as object, 'primary', false);
    notes.push({ code: 'duplicate-primary', index });
  }
}
