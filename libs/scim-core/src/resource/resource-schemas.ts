import type { SchemaRegistry } from '../schema/schema-registry';
import { deleteOwn, findOwnKey, isPlainObject, setOwn, type JsonObject } from './own-properties';

/**
 * Recomputes `schemas` (RFC 7643 §3): the core URN plus each extension URN whose object holds
 * data. Extension membership comes from the keys, never from the client's `schemas`, because
 * Entra omits custom extension URNs (entra-scim.md Q6) and lists the enterprise URN without data
 * (U1). Empty extension objects are removed. `schemas` is placed first.
 */
export function recomputeSchemas(resource: JsonObject, registry: SchemaRegistry, resourceType: string): JsonObject {
  const type = registry.resourceType(resourceType);
  const schemas = [type.schema];
  for (const ext of type.schemaExtensions) {
    const key = findOwnKey(resource, ext.schema);
    if (key === undefined) continue;
    const value = resource[key];
    if (isPlainObject(value) && Object.keys(value).length > 0) schemas.push(ext.schema);
    else deleteOwn(resource, key);
  }
  const out: JsonObject = {};
  setOwn(out, 'schemas', schemas);
  for (const key of Object.keys(resource)) {
    if (key !== 'schemas') setOwn(out, key, resource[key]);
  }
  return out;
}
