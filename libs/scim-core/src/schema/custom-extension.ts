import { attribute } from './attribute-factory';
import type { AttributeDef, AttributeType, Mutability, Returned, SchemaDef, Uniqueness } from './types';

/**
 * Custom schema extensions from configuration (RFC 7643 §3.3), e.g. Entra's
 * `urn:ietf:params:scim:schemas:extension:CustomExtensionName:2.0:User` with `tag`
 * (entra-scim.md §6.1). Omitted characteristics take the RFC 7643 §2.2 defaults. A bad config is a
 * deployment mistake, so it fails start-up with a plain Error naming the offending entry.
 */
export interface CustomExtension {
  schema: SchemaDef;
  /** The resource type it extends ("User" unless the config says otherwise). */
  resourceType: string;
  /** Whether resources of that type must carry it (ResourceType "schemaExtensions.required"). */
  required: boolean;
}

const TYPES: readonly AttributeType[] = ['string', 'boolean', 'decimal', 'integer', 'dateTime', 'binary', 'reference', 'complex'];
const MUTABILITIES: readonly Mutability[] = ['readOnly', 'readWrite', 'immutable', 'writeOnly'];
const RETURNED: readonly Returned[] = ['always', 'never', 'default', 'request'];
const UNIQUENESS: readonly Uniqueness[] = ['none', 'server', 'global'];
/** RFC 7643 §2.1 ATTRNAME, plus "$ref" (§2.3.7); never a prototype key (reliability-plan.md §0.4). */
const ATTRNAME = /^(?:\$ref|[A-Za-z][A-Za-z0-9_-]*)$/;
const FORBIDDEN_NAMES = new Set(['__proto__', 'constructor', 'prototype']);
const URN_PATTERN = /^urn:[A-Za-z0-9][A-Za-z0-9-]{0,31}:[^\s"]+$/i;

type Json = Record<string, unknown>;

/** Parses and validates the config: a JSON string or an already-parsed array. */
export function loadCustomExtensions(config: unknown): CustomExtension[] {
  const parsed = typeof config === 'string' ? parseJson(config) : config;
  if (!Array.isArray(parsed)) throw new Error('Custom schema extensions: expected a JSON array of schema definitions');
  const seen = new Set<string>();
  return parsed.map((entry, index) => {
    const extension = toExtension(entry, `Custom schema extension #${index + 1}`);
    const key = extension.schema.id.toLowerCase();
    if (seen.has(key)) throw new Error(`Custom schema extension "${extension.schema.id}" is defined twice`);
    seen.add(key);
    return extension;
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`Custom schema extensions: invalid JSON (${(error as Error).message})`);
  }
}

function toExtension(entry: unknown, where: string): CustomExtension {
  const obj = asObject(entry, where);
  const id = obj.id;
  if (typeof id !== 'string' || !URN_PATTERN.test(id)) throw new Error(`${where}: "id" must be a schema URN (urn:…)`);
  const at = `${where} (${id})`;
  if (!Array.isArray(obj.attributes) || obj.attributes.length === 0) {
    throw new Error(`${at}: "attributes" must be a non-empty array`);
  }
  const attributes = toAttributes(obj.attributes, at, true);
  const schema: SchemaDef = {
    id,
    name: optionalString(obj, 'name', at) ?? id.slice(id.lastIndexOf(':') + 1),
    description: optionalString(obj, 'description', at) ?? 'Custom schema extension',
    attributes,
  };
  return {
    schema,
    resourceType: optionalString(obj, 'resourceType', at) ?? 'User',
    required: optionalBoolean(obj, 'required', at) ?? false,
  };
}

function toAttributes(list: unknown[], where: string, topLevel: boolean): AttributeDef[] {
  const names = new Set<string>();
  return list.map((entry, index) => {
    const def = toAttribute(entry, `${where} attribute #${index + 1}`, topLevel);
    if (names.has(def.name.toLowerCase())) throw new Error(`${where}: attribute "${def.name}" is defined twice`);
    names.add(def.name.toLowerCase());
    return def;
  });
}

function toAttribute(entry: unknown, where: string, topLevel: boolean): AttributeDef {
  const obj = asObject(entry, where);
  const name = obj.name;
  if (typeof name !== 'string' || !ATTRNAME.test(name) || FORBIDDEN_NAMES.has(name)) {
    throw new Error(`${where}: "name" must match ATTRNAME (RFC 7643 §2.1), got ${JSON.stringify(name)}`);
  }
  const at = `${where} (${name})`;
  const def = attribute(name, optionalString(obj, 'description', at) ?? name, {
    type: oneOf(obj, 'type', TYPES, at) ?? 'string',
    multiValued: optionalBoolean(obj, 'multiValued', at) ?? false,
    required: optionalBoolean(obj, 'required', at) ?? false,
    caseExact: optionalBoolean(obj, 'caseExact', at) ?? false,
    mutability: oneOf(obj, 'mutability', MUTABILITIES, at) ?? 'readWrite',
    returned: oneOf(obj, 'returned', RETURNED, at) ?? 'default',
    uniqueness: oneOf(obj, 'uniqueness', UNIQUENESS, at) ?? 'none',
  });
  const canonicalValues = optionalStrings(obj, 'canonicalValues', at);
  if (canonicalValues) def.canonicalValues = canonicalValues;
  const referenceTypes = optionalStrings(obj, 'referenceTypes', at);
  if (def.type === 'reference') def.referenceTypes = referenceTypes ?? ['external'];
  else if (referenceTypes) throw new Error(`${at}: "referenceTypes" is only allowed on reference attributes`);
  return withSubAttributes(def, obj.subAttributes, at, topLevel);
}

/** RFC 7643 §2.3.8: a complex attribute has sub-attributes, and they are never complex. */
function withSubAttributes(def: AttributeDef, subAttributes: unknown, at: string, topLevel: boolean): AttributeDef {
  if (def.type !== 'complex') {
    if (subAttributes !== undefined) throw new Error(`${at}: "subAttributes" is only allowed on complex attributes`);
    return def;
  }
  if (!topLevel) throw new Error(`${at}: a sub-attribute cannot be complex (RFC 7643 §2.3.8)`);
  if (!Array.isArray(subAttributes) || subAttributes.length === 0) {
    throw new Error(`${at}: a complex attribute needs a non-empty "subAttributes" array`);
  }
  return { ...def, subAttributes: toAttributes(subAttributes, at, false) };
}

function asObject(value: unknown, where: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`${where}: expected an object`);
  return value as Json;
}

function optionalString(obj: Json, key: string, where: string): string | undefined {
  const value = obj[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value === '') throw new Error(`${where}: "${key}" must be a non-empty string`);
  return value;
}

function optionalBoolean(obj: Json, key: string, where: string): boolean | undefined {
  const value = obj[key];
  if (value === undefined || typeof value === 'boolean') return value;
  throw new Error(`${where}: "${key}" must be true or false`);
}

function optionalStrings(obj: Json, key: string, where: string): string[] | undefined {
  const value = obj[key];
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) {
    throw new Error(`${where}: "${key}" must be an array of strings`);
  }
  return [...value];
}

function oneOf<T extends string>(obj: Json, key: string, allowed: readonly T[], where: string): T | undefined {
  const value = obj[key];
  if (value === undefined) return undefined;
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  throw new Error(`${where}: "${key}" must be one of ${allowed.join(', ')}; got ${JSON.stringify(value)}`);
}
