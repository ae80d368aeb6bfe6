import { InvalidValueError } from '../errors/scim-error';
import type { AttributeDef } from '../schema/types';
import { findAttribute } from '../schema/attribute-lookup';
import { isPlainObject, isPoisonKey, setOwn, type JsonObject } from './own-properties';

/** Why a piece of input was not kept; reported as a warning, never an error. */
export type DropReason = 'unknown-attribute' | 'read-only' | 'poison-key' | 'null-value';

/**
 * How to treat the parts of a value that cannot be stored. POST/PUT drop them (entra-scim.md
 * §6.2: never a 400 for an attribute Entra may send); PATCH rejects poison keys outright.
 */
export interface CoerceSink {
  /** 'reject' throws InvalidValueError; 'drop' reports and skips. */
  poisonKeys: 'reject' | 'drop';
  drop(path: string, reason: DropReason): void;
  /** A "True"/"False" string was read as a boolean (entra-scim.md Q2). */
  stringBoolean(path: string): void;
}

/** A sink that ignores drops: PATCH values, where only errors matter. */
export const SILENT_REJECTING_SINK: CoerceSink = { poisonKeys: 'reject', drop: () => undefined, stringBoolean: () => undefined };

/** xsd:dateTime (RFC 7643 §2.3.5), e.g. 2008-01-23T04:56:22Z or with fractions and an offset. */
const DATE_TIME = /^-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})?$/;

/**
 * Checks and canonicalizes one attribute value against its definition (RFC 7643 §2.3): canonical
 * sub-attribute casing (Entra sends `Primary`, `Value`), "True"/"False" for booleans (Q2), null
 * = unassigned (RFC 7643 §2.5). Returns undefined for "no value". Values are otherwise kept
 * verbatim (entra-scim.md §1.2: no reformatting). Type mismatches → InvalidValueError naming the
 * attribute.
 */
export function coerceAttributeValue(def: AttributeDef, raw: unknown, path: string, sink: CoerceSink): unknown {
  if (raw === null || raw === undefined) return undefined;
  if (!def.multiValued) return coerceSingle(def, raw, path, sink);
  const items = Array.isArray(raw) ? raw : [raw];
  const out = items.map((item, i) => coerceSingle(def, item, `${path}[${i}]`, sink)).filter((v) => v !== undefined);
  return out.length > 0 ? out : undefined;
}

/** One element: a complex object or a simple value. */
export function coerceSingle(def: AttributeDef, raw: unknown, path: string, sink: CoerceSink): unknown {
  if (raw === null || raw === undefined) return undefined;
  if (def.type !== 'complex') return coerceSimple(def, raw, path, sink);
  if (!isPlainObject(raw)) throw new InvalidValueError(`Attribute "${path}" must be a complex value (a JSON object)`);
  return coerceComplex(def, raw, path, sink);
}

function coerceComplex(def: AttributeDef, raw: JsonObject, path: string, sink: CoerceSink): JsonObject | undefined {
  const out: JsonObject = {};
  for (const key of Object.keys(raw)) {
    const subPath = `${path}.${key}`;
    if (isPoisonKey(key)) {
      if (sink.poisonKeys === 'reject') throw new InvalidValueError(`Attribute name "${subPath}" is not allowed`);
      sink.drop(subPath, 'poison-key');
      continue;
    }
    const sub = findAttribute(def.subAttributes, key);
    if (!sub) {
      sink.drop(subPath, 'unknown-attribute');
      continue;
    }
    if (sub.mutability === 'readOnly') {
      sink.drop(subPath, 'read-only');
      continue;
    }
    const value = coerceSimple(sub, raw[key], `${path}.${sub.name}`, sink);
    if (value !== undefined) setOwn(out, sub.name, value);
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** RFC 7643 §2.3.1–§2.3.7 simple types. */
export function coerceSimple(def: AttributeDef, raw: unknown, path: string, sink: CoerceSink): unknown {
  if (raw === null || raw === undefined) return undefined;
  switch (def.type) {
    case 'boolean':
      return coerceBoolean(raw, path, sink);
    case 'integer':
      if (typeof raw === 'number' && Number.isSafeInteger(raw)) return raw;
      throw new InvalidValueError(`Attribute "${path}" must be an integer`);
    case 'decimal':
      if (typeof raw === 'number' && Number.isFinite(raw)) return raw;
      throw new InvalidValueError(`Attribute "${path}" must be a number`);
    case 'dateTime':
      if (typeof raw === 'string' && DATE_TIME.test(raw)) return raw;
      throw new InvalidValueError(`Attribute "${path}" must be an xsd:dateTime string such as 2024-01-23T04:56:22Z`);
    case 'complex':
      throw new InvalidValueError(`Attribute "${path}" cannot hold a nested complex value (RFC 7643 §2.3.8)`);
    default:
      if (typeof raw === 'string') return raw;
      throw new InvalidValueError(`Attribute "${path}" must be a string`);
  }
}

function coerceBoolean(raw: unknown, path: string, sink: CoerceSink): boolean {
  if (typeof raw === 'boolean') return raw;
  if (typeof raw === 'string') {
    const lower = raw.trim().toLowerCase();
    if (lower === 'true' || lower === 'false') {
      sink.stringBoolean(path);
      return lower === 'true';
    }
  }
  throw new InvalidValueError(`Attribute "${path}" must be a boolean (true or false)`);
}
