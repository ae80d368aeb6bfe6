import { findAttribute } from '../schema/attribute-lookup';
import type { AttributeDef } from '../schema/types';
import { isPlainObject, setOwn, type JsonObject } from '../resource/own-properties';
import { ProjectionSelection, type ProjectionContext, type ProjectionRequest } from './projection-selection';

/** How much of one attribute goes out: all sub-attributes, only the named ones, or all but those. */
interface Decision {
  mode: 'all' | 'only' | 'except';
  subs: Set<string>;
}

/**
 * Applies RFC 7643 §2.4 "returned" and RFC 7644 §3.4.2.5 `attributes` / `excludedAttributes` to a
 * resource, at attribute and sub-attribute level (`name.givenName`, `emails.value`, URN-qualified
 * extension paths), case-insensitively. Policies:
 * - `returned: "never"` (password) is never output; `"always"` is always output, even when
 *   excluded. `id` and `schemas` are "always" (RFC 7643 §3.1; `schemas` is REQUIRED in every
 *   representation, §3), so `attributes=userName` yields `schemas`, `id`, `userName`.
 * - `meta` is "default": returned unless excluded, and not returned when `attributes` is given
 *   without it (RFC 7644 §3.9 "minimum set" = the "always" attributes).
 * - `"request"` attributes appear only when named in `attributes`.
 * - When both lists are given, `attributes` wins and `excludedAttributes` is ignored.
 * - Keys the schemas do not define are not output (whitelisting), empty objects and arrays
 *   left after projection are omitted.
 */
export function projectResource(resource: JsonObject, request: ProjectionRequest, ctx: ProjectionContext): JsonObject {
  const selection = new ProjectionSelection(request, ctx);
  const type = ctx.registry.resourceType(ctx.resourceType);
  const out: JsonObject = {};
  for (const key of Object.keys(resource)) {
    const value = resource[key];
    // Attribute names hold no ':' (RFC 7643 §2.1 ATTRNAME): only a URN key can be an extension.
    const extension = key.includes(':') ? type.schemaExtensions.find((e) => e.schema.toLowerCase() === key.toLowerCase()) : undefined;
    if (extension) {
      const projected = isPlainObject(value) ? projectObject(value, extension.schema, selection, ctx) : undefined;
      if (projected && Object.keys(projected).length > 0) setOwn(out, extension.schema, projected);
      continue;
    }
    const attr = findAttribute(ctx.registry.schema(type.schema)?.attributes, key);
    const projected = attr ? projectAttribute(attr, value, decide(attr, type.schema, selection)) : undefined;
    if (attr && projected !== undefined) setOwn(out, attr.name, projected);
  }
  return out;
}

function projectObject(obj: JsonObject, schemaId: string, selection: ProjectionSelection, ctx: ProjectionContext): JsonObject {
  const out: JsonObject = {};
  for (const key of Object.keys(obj)) {
    const attr = findAttribute(ctx.registry.schema(schemaId)?.attributes, key);
    const projected = attr ? projectAttribute(attr, obj[key], decide(attr, schemaId, selection)) : undefined;
    if (attr && projected !== undefined) setOwn(out, attr.name, projected);
  }
  return out;
}

/** The whole attribute (shared: a decision is only read). */
const ALL: Decision = Object.freeze({ mode: 'all', subs: new Set<string>() });

/** Whether the top-level attribute is returned at all, and which sub-attributes. */
export function decide(attr: AttributeDef, schemaId: string, selection: ProjectionSelection): Decision | undefined {
  if (attr.returned === 'never') return undefined;
  const named = selection.naming(schemaId, attr);
  if (attr.returned === 'always') return ALL;
  if (selection.explicit) {
    if (!named) return undefined;
    return named.whole ? ALL : { mode: 'only', subs: named.subs };
  }
  if (attr.returned === 'request' || named?.whole) return undefined;
  return named ? { mode: 'except', subs: named.subs } : ALL;
}

function projectAttribute(attr: AttributeDef, value: unknown, decision: Decision | undefined): unknown {
  if (!decision || value === undefined || value === null) return undefined;
  if (attr.type !== 'complex') return value;
  if (Array.isArray(value)) {
    const items = value.map((item) => (isPlainObject(item) ? projectComplex(attr, item, decision) : undefined));
    const kept = items.filter((item): item is JsonObject => item !== undefined && Object.keys(item).length > 0);
    return kept.length > 0 ? kept : undefined;
  }
  if (!isPlainObject(value)) return undefined;
  const projected = projectComplex(attr, value, decision);
  return Object.keys(projected).length > 0 ? projected : undefined;
}

function projectComplex(attr: AttributeDef, value: JsonObject, decision: Decision): JsonObject {
  const out: JsonObject = {};
  for (const key of Object.keys(value)) {
    const sub = findAttribute(attr.subAttributes, key);
    if (sub && includeSub(sub, decision)) setOwn(out, sub.name, value[key]);
  }
  return out;
}

/** RFC 7643 §2.4 "returned" applied to a sub-attribute. */
function includeSub(sub: AttributeDef, decision: Decision): boolean {
  if (sub.returned === 'never') return false;
  if (sub.returned === 'always') return true;
  const named = decision.subs.has(sub.name.toLowerCase());
  if (decision.mode === 'only') return named;
  if (decision.mode === 'except') return !named && sub.returned !== 'request';
  return sub.returned !== 'request';
}
