import { attribute, complexAttribute } from './attribute-factory';
import type { AttributeDef } from './types';

/**
 * Attributes every resource carries (RFC 7643 §3 "schemas", §3.1 "id", "externalId", "meta").
 * The RFC says they are "not defined in any particular schema", but it also allows schemas to
 * list them (§3.1, backward compatibility). We list them in the core User and Group schemas so
 * that filters, sortBy, attributes= and PATCH paths resolve them like any other attribute, and
 * drop `schemas`, `id` and `meta` when rendering /Schemas (see schema-resource.builder.ts).
 */
export const SCHEMAS_ATTRIBUTE: AttributeDef = attribute(
  'schemas',
  'The schema URIs that define the attributes present in the resource (RFC 7643 §3).',
  { type: 'reference', referenceTypes: ['uri'], multiValued: true, required: true, returned: 'always' },
);

export const ID_ATTRIBUTE: AttributeDef = attribute(
  'id',
  'A unique identifier for a SCIM resource as defined by the service provider.',
  { caseExact: true, mutability: 'readOnly', returned: 'always', uniqueness: 'server' },
);

export const EXTERNAL_ID_ATTRIBUTE: AttributeDef = attribute(
  'externalId',
  'A String that is an identifier for the resource as defined by the provisioning client.',
  { caseExact: true },
);

const readOnly = { mutability: 'readOnly' } as const;

export const META_ATTRIBUTE: AttributeDef = complexAttribute(
  'meta',
  'A complex attribute containing resource metadata.',
  [
    attribute('resourceType', 'The name of the resource type of the resource.', { caseExact: true, ...readOnly }),
    attribute('created', 'The "DateTime" that the resource was added to the service provider.', {
      type: 'dateTime',
      ...readOnly,
    }),
    attribute('lastModified', 'The most recent DateTime that the details of this resource were updated.', {
      type: 'dateTime',
      ...readOnly,
    }),
    attribute('location', 'The URI of the resource being returned.', {
      type: 'reference',
      referenceTypes: ['uri'],
      caseExact: true,
      ...readOnly,
    }),
    attribute('version', 'The version of the resource being returned (an entity tag).', {
      caseExact: true,
      ...readOnly,
    }),
  ],
  readOnly,
);

/** In the order a resource is usually rendered: schemas, id, externalId, meta. */
export const COMMON_ATTRIBUTES: readonly AttributeDef[] = [
  SCHEMAS_ATTRIBUTE,
  ID_ATTRIBUTE,
  EXTERNAL_ID_ATTRIBUTE,
  META_ATTRIBUTE,
];

/** Server-owned common attributes left out of /Schemas (RFC 7643 §8.7.1 does not list them). */
export const SCHEMA_RESOURCE_OMITTED_ATTRIBUTES: readonly string[] = ['schemas', 'id', 'meta'];
