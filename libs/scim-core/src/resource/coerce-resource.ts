import { InvalidSyntaxError, InvalidValueError, MutabilityError } from '../errors/scim-error';
import type { EntraQuirk } from '../patch/patch-types';
import type { SchemaRegistry } from '../schema/schema-registry';
import type { AttributeDef } from '../schema/types';
import { coerceAttributeValue, type CoerceSink, type DropReason } from './coerce-attribute-value';
import { dropDuplicateTypes, enforceSinglePrimary, type RepairNote } from './multi-valued-rules';
import { getOwn, hasOwn, isPlainObject, isPoisonKey, jsonEqual, setOwn, type JsonObject } from './own-properties';
import { classifyResourceKey } from './resource-keys';
import { recomputeSchemas } from './resource-schemas';
import { checkSchemasList } from './schemas-list';

export interface CoerceResourceContext {
  registry: SchemaRegistry;
  resourceType: string;
  /** POST (RFC 7644 §3.3) or PUT (§3.5.1). */
  mode: 'create' | 'replace';
  /** For 'replace': the stored resource, to enforce `immutable` (RFC 7643 §2.2). */
  existing?: JsonObject;
}

export type CoercionWarningCode =
  | DropReason
  | 'duplicate-attribute'
  | 'duplicate-type'
  | 'duplicate-primary'
  | 'unknown-schema'
  | 'wrapped-single-value';

/** Something in the body that was ignored or repaired; never an error (entra-scim.md §6.2). */
export interface CoercionWarning {
  code: CoercionWarningCode | 'quirk';
  path: string;
  quirk?: EntraQuirk;
}

export interface CoercedResource {
  resource: JsonObject;
  warnings: CoercionWarning[];
}

/**
 * Turns a POST/PUT body into a stored resource (RFC 7644 §3.3, §3.5.1): canonical attribute
 * casing, booleans from "True"/"False" (Q2), null = absent (RFC 7643 §2.5), readOnly input
 * ignored (`id`, `meta`, `groups`, RFC 7644 §3.3), extension attributes placed under their URN
 * whatever `schemas` says (Q6), unknown attributes and poison keys dropped with a warning,
 * `schemas` recomputed. Required attributes missing → InvalidValueError; type mismatch →
 * InvalidValueError naming the attribute. Values are otherwise stored verbatim (§1.2).
 */
export function coerceResource(input: unknown, ctx: CoerceResourceContext): CoercedResource {
  if (!isPlainObject(input)) throw new InvalidSyntaxError('The resource body must be a JSON object');
  const warnings: CoercionWarning[] = [];
  const sink = warningSink(warnings);
  const out: JsonObject = {};
  for (const key of Object.keys(input)) {
    if (isPoisonKey(key)) sink.drop(key, 'poison-key');
    else if (key.toLowerCase() === 'schemas') checkSchemasList(input[key], ctx, warnings);
    else placeKey(out, key, input[key], ctx, sink, warnings);
  }
  const resource = recomputeSchemas(out, ctx.registry, ctx.resourceType);
  checkRequired(resource, ctx);
  if (ctx.mode === 'replace' && ctx.existing) checkImmutable(resource, ctx.existing, ctx);
  return { resource, warnings };
}

function warningSink(warnings: CoercionWarning[]): CoerceSink {
  return {
    poisonKeys: 'drop',
    drop: (path, reason) => warnings.push({ code: reason, path }),
    stringBoolean: (path) => warnings.push({ code: 'quirk', path, quirk: 'Q2-string-boolean' }),
  };
}

function placeKey(out: JsonObject, key: string, raw: unknown, ctx: CoerceResourceContext, sink: CoerceSink, warnings: CoercionWarning[]): void {
  const target = classifyResourceKey(ctx.registry, ctx.resourceType, key);
  if (target.kind === 'unknown') return sink.drop(key, 'unknown-attribute');
  if (target.kind === 'extension') {
    if (target.typo) warnings.push({ code: 'quirk', path: key, quirk: 'enterprise-urn-typo' });
    if (raw === null || raw === undefined) return;
    if (!isPlainObject(raw)) throw new InvalidValueError(`"${target.uri}" must be a JSON object of extension attributes`);
    for (const subKey of Object.keys(raw)) {
      if (isPoisonKey(subKey)) sink.drop(`${key}.${subKey}`, 'poison-key');
      else placeKey(out, `${target.uri}:${subKey}`, raw[subKey], ctx, sink, warnings);
    }
    return;
  }
  const { resolved } = target;
  if (target.unqualifiedExtension && raw !== null) warnings.push({ code: 'quirk', path: key, quirk: 'Q6-unqualified-extension-attr' });
  if (resolved.attribute.mutability === 'readOnly') return sink.drop(resolved.canonicalPath, 'read-only');
  const container = resolved.isExtension ? extensionObject(out, resolved.schemaId) : out;
  if (hasOwn(container, resolved.attribute.name)) return void warnings.push({ code: 'duplicate-attribute', path: key });
  const value = coerceTopLevel(resolved.attribute, raw, resolved.canonicalPath, sink, warnings);
  if (value !== undefined) setOwn(container, resolved.attribute.name, value);
}

function extensionObject(out: JsonObject, uri: string): JsonObject {
  const existing = getOwn(out, uri);
  if (isPlainObject(existing)) return existing;
  const created: JsonObject = {};
  setOwn(out, uri, created);
  return created;
}

function coerceTopLevel(def: AttributeDef, raw: unknown, path: string, sink: CoerceSink, warnings: CoercionWarning[]): unknown {
  if (def.multiValued && raw !== null && raw !== undefined && !Array.isArray(raw)) {
    warnings.push({ code: 'wrapped-single-value', path });
  }
  const value = coerceAttributeValue(def, raw, path, sink);
  if (!Array.isArray(value) || def.type !== 'complex') return value;
  const notes: RepairNote[] = [];
  const unique = dropDuplicateTypes(value, notes);
  enforceSinglePrimary(unique, notes);
  for (const note of notes) warnings.push({ code: note.code, path: `${path}[${note.index}]` });
  return unique;
}

/** RFC 7643 §2.2 "required"; an empty string is no value (userName MUST be non-empty, §4.1.1). */
function checkRequired(resource: JsonObject, ctx: CoerceResourceContext): void {
  const type = ctx.registry.resourceType(ctx.resourceType);
  const core = ctx.registry.schema(type.schema);
  for (const attr of core?.attributes ?? []) {
    if (!attr.required || attr.mutability === 'readOnly' || attr.name === 'schemas') continue;
    const value = getOwn(resource, attr.name);
    if (value === undefined || value === '') {
      throw new InvalidValueError(`Attribute "${attr.name}" is required for a ${type.name} (RFC 7643 §2.2)`);
    }
  }
}

/** RFC 7644 §3.5.1: a PUT may not change an immutable attribute that already has a value. */
function checkImmutable(resource: JsonObject, existing: JsonObject, ctx: CoerceResourceContext): void {
  const type = ctx.registry.resourceType(ctx.resourceType);
  for (const uri of [type.schema, ...type.schemaExtensions.map((e) => e.schema)]) {
    const isCore = uri === type.schema;
    const before = isCore ? existing : getOwn(existing, uri);
    const after = isCore ? resource : getOwn(resource, uri);
    for (const attr of ctx.registry.schema(uri)?.attributes ?? []) {
      if (attr.mutability !== 'immutable' || !isPlainObject(before)) continue;
      const old = getOwn(before, attr.name);
      if (old !== undefined && !jsonEqual(old, isPlainObject(after) ? getOwn(after, attr.name) : undefined)) {
        throw new MutabilityError(`Attribute "${attr.name}" is immutable and already has a value (RFC 7643 §2.2)`);
      }
    }
  }
}
