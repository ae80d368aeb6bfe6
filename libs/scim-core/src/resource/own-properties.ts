/**
 * Own-property helpers for untrusted JSON. Request bodies are parsed with `__proto__`-safe
 * parsers, but a key named `__proto__` still arrives as an OWN property; assigning it with
 * `obj[key] = v` would replace the prototype (CWE-1321, reliability-plan.md V3). Everything in
 * this library reads with `getOwn` and writes with `setOwn`, and rejects or drops poison keys.
 */
export type JsonObject = Record<string, unknown>;

/** Keys that reach or replace a prototype when used as a property name. */
export const POISON_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

export function isPoisonKey(key: string): boolean {
  return POISON_KEYS.has(key);
}

/** A JSON object (not null, not an array). */
export function isPlainObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function hasOwn(obj: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(obj, key);
}

/** Reads an own property only: `toString`, `constructor` … on the prototype are never seen. */
export function getOwn(obj: object, key: string): unknown {
  return hasOwn(obj, key) ? (obj as JsonObject)[key] : undefined;
}

/**
 * Defines an own, enumerable data property; never invokes the `__proto__` setter. On a plain
 * object `__proto__` is the only key whose assignment does anything but create or overwrite an
 * own data property (Object.prototype has no other setter and no read-only property), so every
 * other key takes the plain assignment, which is several times cheaper than defineProperty on a
 * hot path (rendering every response walks each attribute).
 */
export function setOwn(obj: object, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  else (obj as JsonObject)[key] = value;
}

export function deleteOwn(obj: object, key: string): void {
  if (hasOwn(obj, key)) delete (obj as JsonObject)[key];
}

/** Finds the own key that equals `name` case-insensitively (attribute names, RFC 7643 §2.1). */
export function findOwnKey(obj: object, name: string): string | undefined {
  if (hasOwn(obj, name)) return name;
  const wanted = name.toLowerCase();
  return Object.keys(obj).find((k) => k.toLowerCase() === wanted);
}

/**
 * Structural equality of JSON values (object key order ignored). Used for "the value is already
 * present" checks (RFC 7644 §3.5.2.1) and for `changed` detection.
 */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    return Array.isArray(b) && a.length === b.length && a.every((item, i) => jsonEqual(item, b[i]));
  }
  if (!isPlainObject(a) || !isPlainObject(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((k) => hasOwn(b, k) && jsonEqual(a[k], b[k]));
}

/** Deep copy of a JSON value that re-creates every key with `setOwn` (no prototype setters). */
export function cloneJson<T>(value: T): T {
  if (Array.isArray(value)) return value.map((item) => cloneJson(item)) as T;
  if (!isPlainObject(value)) return value;
  const copy: JsonObject = {};
  for (const key of Object.keys(value)) setOwn(copy, key, cloneJson(value[key]));
  return copy as T;
}
