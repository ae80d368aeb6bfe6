/* Shared by the scim-core specs: fixtures, the default registry, and the "expected resource" builder. */
import rfcUsers from './rfc7644/users.json';
import entraUsers from './entra/users.json';
import { createDefaultRegistry } from '../src/schema/default-registry';
import type { SchemaDef } from '../src/schema/types';
import { recomputeSchemas } from '../src/resource/resource-schemas';
import type { JsonObject } from '../src/resource/own-properties';

/** Entra's custom extension (entra-scim.md §6.1) and a Q11 multi-valued custom attribute. */
export const CUSTOM_URN = 'urn:ietf:params:scim:schemas:extension:CustomExtensionName:2.0:User';
export const GREENHOUSE_URN = 'urn:ietf:params:scim:schemas:extension:greenhouse:2.0:User';

const base = { multiValued: false, description: '', required: false, caseExact: false, mutability: 'readWrite', returned: 'default', uniqueness: 'none' } as const;
const CUSTOM: SchemaDef = { id: CUSTOM_URN, name: 'CustomExtensionName', description: '', attributes: [{ ...base, name: 'tag', type: 'string' }] };
const GREENHOUSE: SchemaDef = {
  id: GREENHOUSE_URN,
  name: 'greenhouse',
  description: '',
  attributes: [{ ...base, name: 'department_ids', type: 'complex', multiValued: true, subAttributes: [{ ...base, name: 'value', type: 'string' }] }],
};

export const registry = createDefaultRegistry([CUSTOM, GREENHOUSE]);
export const userCtx = { registry, resourceType: 'User' };
export const groupCtx = { registry, resourceType: 'Group' };

const BASES: Record<string, JsonObject> = { ...rfcUsers, ...entraUsers };

/** A named base resource from test-fixtures/{rfc7644,entra}/users.json, as a fresh copy. */
export function baseResource(name: string): JsonObject {
  const found = BASES[name];
  if (!found) throw new Error(`No fixture resource "${name}"`);
  return JSON.parse(JSON.stringify(found)) as JsonObject;
}

/** The base with whole top-level attributes replaced (`set`) or deleted (`removed`). */
export function expectedResource(baseName: string, resourceType: string, set: JsonObject, removed: string[]): JsonObject {
  const expected = { ...baseResource(baseName), ...structuredClone(set) };
  for (const key of removed) delete expected[key];
  return recomputeSchemas(expected, registry, resourceType);
}
