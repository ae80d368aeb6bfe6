import type { AttributeDef, AttrPath, SchemaRegistry } from '@app/scim-core';

/** One changed attribute: canonical path, value before and after (null = absent). */
export interface AttributeChange {
  attribute: string;
  before: unknown;
  after: unknown;
}

export const REDACTED = '[redacted]';

/**
 * Not diffed: `id` never changes, `meta` and `schemas` follow from the rest, and membership
 * (`members`, `groups`) is recorded as ids with counts in the event's `members` (a 100k-member
 * PUT must not copy every member into the diff).
 */
const IGNORED = new Set(['id', 'meta', 'schemas', 'members', 'groups']);

type Json = Record<string, unknown>;

interface DiffContext {
  registry: SchemaRegistry;
  resourceType: string;
  out: AttributeChange[];
}

/** Values a stored secret must never leak through (RFC 7643 §2.2: password is writeOnly / returned never). */
export function isSensitive(def: AttributeDef | undefined): boolean {
  return def !== undefined && (def.returned === 'never' || def.mutability === 'writeOnly');
}

/**
 * The attribute-level difference between two versions of a resource (either may be absent: create,
 * delete). Single-valued complex attributes are compared sub-attribute by sub-attribute
 * (`name.familyName`); multi-valued ones as a whole. Values of sensitive attributes (by schema,
 * wherever they nest) are replaced by "[redacted]", so the trail shows that a password changed but
 * never the password.
 */
export function diffResources(registry: SchemaRegistry, resourceType: string, before: Json = {}, after: Json = {}): AttributeChange[] {
  const ctx: DiffContext = { registry, resourceType, out: [] };
  for (const [lower, b, a, key] of pairs(before, after)) {
    if (IGNORED.has(lower)) continue;
    if (lower.startsWith('urn:') && registry.schema(key)) diffExtension(ctx, key, b, a);
    else diffAttribute(ctx, { attr: key }, key, b, a);
  }
  return ctx.out;
}

function diffExtension(ctx: DiffContext, uri: string, before: unknown, after: unknown): void {
  for (const [, b, a, key] of pairs(asObject(before), asObject(after))) {
    diffAttribute(ctx, { uri, attr: key }, `${uri}:${key}`, b, a);
  }
}

function diffAttribute(ctx: DiffContext, path: AttrPath, label: string, before: unknown, after: unknown): void {
  if (jsonEqual(before, after)) return;
  const def = ctx.registry.resolve(ctx.resourceType, path)?.attribute;
  if (def?.type === 'complex' && !def.multiValued && !isSensitive(def) && isObjectOrAbsent(before) && isObjectOrAbsent(after)) {
    for (const [, b, a, key] of pairs(asObject(before), asObject(after))) {
      if (jsonEqual(b, a)) continue;
      const sub = ctx.registry.resolveSub(def, key);
      ctx.out.push({ attribute: `${label}.${sub?.name ?? key}`, before: redact(sub, b), after: redact(sub, a) });
    }
    return;
  }
  ctx.out.push({ attribute: def ? label.replace(/[^:.]+$/, def.name) : label, before: redact(def, before), after: redact(def, after) });
}

/** The value as the trail may show it: sensitive values (and sensitive sub-attributes) redacted. */
export function redact(def: AttributeDef | undefined, value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (isSensitive(def)) return REDACTED;
  if (def?.type !== 'complex' || !def.subAttributes?.some(isSensitive)) return value;
  const redactOne = (v: unknown) => (isObject(v) ? redactSubAttributes(def, v) : v);
  return Array.isArray(value) ? value.map(redactOne) : redactOne(value);
}

function redactSubAttributes(def: AttributeDef, value: Json): Json {
  const out: Json = {};
  for (const [k, v] of Object.entries(value)) {
    const sub = def.subAttributes?.find((s) => s.name.toLowerCase() === k.toLowerCase());
    out[k] = isSensitive(sub) && v !== null && v !== undefined ? REDACTED : v;
  }
  return out;
}

/** Keys of both objects matched case-insensitively (RFC 7643 §2.1): [lower, before, after, key]. */
function pairs(before: Json, after: Json): Array<[string, unknown, unknown, string]> {
  const out = new Map<string, [string, unknown, unknown, string]>();
  for (const [k, v] of Object.entries(before)) out.set(k.toLowerCase(), [k.toLowerCase(), v, undefined, k]);
  for (const [k, v] of Object.entries(after)) {
    const seen = out.get(k.toLowerCase());
    if (seen) seen[2] = v;
    else out.set(k.toLowerCase(), [k.toLowerCase(), undefined, v, k]);
  }
  return [...out.values()];
}

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isObjectOrAbsent(v: unknown): boolean {
  return v === undefined || v === null || isObject(v);
}

function asObject(v: unknown): Json {
  return isObject(v) ? v : {};
}

/** Deep equality of JSON values; null and absent are the same (RFC 7643 §2.5: null = unassigned). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b || ((a === null || a === undefined) && (b === null || b === undefined))) return true;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!jsonEqual(a[i], b[i])) return false;
    return true;
  }
  if (!isObject(a) || !isObject(b)) return false;
  for (const k in a) if (Object.hasOwn(a, k) && !jsonEqual(a[k], Object.hasOwn(b, k) ? b[k] : undefined)) return false;
  for (const k in b) if (Object.hasOwn(b, k) && !Object.hasOwn(a, k) && !jsonEqual(undefined, b[k])) return false;
  return true;
}
