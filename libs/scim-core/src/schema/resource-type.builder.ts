import { URN } from '../messages/urns';
import { compactObject, joinLocation } from './compact-object';
import type { ResourceTypeDef, SchemaExtensionRef } from './types';

/** A /ResourceTypes entry (RFC 7643 §6). */
export interface ResourceTypeResource {
  schemas: [typeof URN.RESOURCE_TYPE];
  id: string;
  name: string;
  endpoint: string;
  description: string;
  schema: string;
  schemaExtensions: SchemaExtensionRef[];
  meta: { resourceType: 'ResourceType'; location?: string };
}

/** Renders one resource type; located at `<baseLocation>/ResourceTypes/<id>` when a base is given. */
export function toResourceTypeResource(type: ResourceTypeDef, baseLocation?: string): ResourceTypeResource {
  return compactObject({
    schemas: [URN.RESOURCE_TYPE],
    id: type.id,
    name: type.name,
    endpoint: type.endpoint,
    description: type.description,
    schema: type.schema,
    schemaExtensions: type.schemaExtensions.map((e) => ({ schema: e.schema, required: e.required })),
    meta: { resourceType: 'ResourceType', location: joinLocation(baseLocation, 'ResourceTypes', type.id) },
  });
}

export function toResourceTypeResources(types: readonly ResourceTypeDef[], baseLocation?: string): ResourceTypeResource[] {
  return types.map((t) => toResourceTypeResource(t, baseLocation));
}
