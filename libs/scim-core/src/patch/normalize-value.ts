import { InvalidValueError } from '../errors/scim-error';
import { findSubAttribute } from '../schema/attribute-lookup';
import type { AttributeDef } from '../schema/types';
import { cloneJson, isPlainObject, isPoisonKey, setOwn } from '../resource/own-properties';
import type { EntraQuirk } from './patch-types';

/** Collects the quirk ids in first-seen order, once each. */
export class QuirkLog {
  private readonly seen = new Set<EntraQuirk>();

  add(quirk: EntraQuirk): void {
    this.seen.add(quirk);
  }

  list(): EntraQuirk[] {
    return [...this.seen];
  }
}

/** Entra clears an attribute by sending "" or null (entra-scim.md Q12). */
export function isClearingValue(value: unknown): boolean {
  return value === null || value === '';
}

/**
 * Copies a PATCH value with sub-attribute names in schema casing (Entra's POST-style
 * `{"Primary": …, "Value": …}`), turning "True"/"False" strings into booleans wherever the schema says
 * boolean (entra-scim.md Q2: `"active": "False"`, `{"primary": "True"}` inside emails). Keys
 * `__proto__`/`constructor`/`prototype` → InvalidValueError. Everything else is copied verbatim:
 * type errors are applyPatch's to report.
 */
export function normalizeBooleans(def: AttributeDef, value: unknown, quirks: QuirkLog, asElement = false): unknown {
  if (Array.isArray(value) && def.multiValued && !asElement) {
    return value.map((item) => normalizeBooleans(def, item, quirks, true));
  }
  if (def.type === 'complex') return isPlainObject(value) ? normalizeObject(def, value, quirks) : cloneJson(value);
  return def.type === 'boolean' ? booleanFromString(value, quirks) : cloneJson(value);
}

function normalizeObject(def: AttributeDef, value: Record<string, unknown>, quirks: QuirkLog): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    if (isPoisonKey(key)) throw new InvalidValueError(`"${key}" is not an attribute name`);
    const sub = findSubAttribute(def, key);
    if (sub && sub.name !== key) quirks.add('Q5-mixed-case-subattr');
    setOwn(out, sub?.name ?? key, sub?.type === 'boolean' ? booleanFromString(value[key], quirks) : cloneJson(value[key]));
  }
  return out;
}

function booleanFromString(value: unknown, quirks: QuirkLog): unknown {
  if (typeof value !== 'string') return cloneJson(value);
  const lower = value.trim().toLowerCase();
  if (lower !== 'true' && lower !== 'false') return value;
  quirks.add('Q2-string-boolean');
  return lower === 'true';
}
