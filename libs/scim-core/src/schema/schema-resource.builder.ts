import { URN } from '../messages/urns';
import { SCHEMA_RESOURCE_OMITTED_ATTRIBUTES } from './common-attributes';
import { compactObject, joinLocation } from './compact-object';
import type { AttributeDef, SchemaDef } from './types';

/** A /Schemas entry (RFC 7643 §7). */
export interface SchemaResource {
  schemas: [typeof URN.SCHEMA];
  id: string;
  name: string;
  description: string;
  attributes: Record<string, unknown>[];
  meta: { resourceType: 'Schema'; location?: string };
}

/**
 * Renders a SchemaDef as a Schema resource (RFC 7643 §7) with no null or undefined property.
 * `location` is the absolute URL of this entry; without it meta carries only resourceType.
 *
 * Common-practice choice: `schemas`, `id` and `meta` are left out, as in the RFC 7643 §8.7.1
 * representation (they are common attributes, §3.1, owned by the server). `externalId` stays:
 * Entra's default mappings target it (mailNickname, objectId) and its schema-discovery check
 * wants every mapped attribute listed (entra-scim.md §5.3, §6.2).
 */
export function toSchemaResource(schema: SchemaDef, location?: string): SchemaResource {
  const attributes = schema.attributes
    .filter((a) => !SCHEMA_RESOURCE_OMITTED_ATTRIBUTES.includes(a.name))
    .map(renderAttribute);
  return compactObject({
    schemas: [URN.SCHEMA],
    id: schema.id,
    name: schema.name,
    description: schema.description,
    attributes,
    meta: { resourceType: 'Schema', location },
  });
}

/** The Schema resources of every schema, each located at `<baseLocation>/Schemas/<urn>`. */
export function toSchemaResources(schemas: readonly SchemaDef[], baseLocation?: string): SchemaResource[] {
  return schemas.map((s) => toSchemaResource(s, joinLocation(baseLocation, 'Schemas', s.id)));
}

/** RFC 7643 §7 attribute order; empty canonicalValues / referenceTypes are omitted. */
function renderAttribute(def: AttributeDef): Record<string, unknown> {
  const out: Record<string, unknown> = {
    name: def.name,
    type: def.type,
    multiValued: def.multiValued,
    description: def.description,
    required: def.required,
    caseExact: def.caseExact,
  };
  if (def.canonicalValues && def.canonicalValues.length > 0) out.canonicalValues = [...def.canonicalValues];
  if (def.referenceTypes && def.referenceTypes.length > 0) out.referenceTypes = [...def.referenceTypes];
  out.mutability = def.mutability;
  out.returned = def.returned;
  out.uniqueness = def.uniqueness;
  if (def.subAttributes && def.subAttributes.length > 0) out.subAttributes = def.subAttributes.map(renderAttribute);
  return out;
}
