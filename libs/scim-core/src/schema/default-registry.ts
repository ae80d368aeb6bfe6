import { URN } from '../messages/urns';
import { CORE_GROUP_SCHEMA } from './core-group.schema';
import { CORE_USER_SCHEMA } from './core-user.schema';
import type { CustomExtension } from './custom-extension';
import { ENTERPRISE_USER_SCHEMA } from './enterprise-user.schema';
import { SchemaRegistry } from './schema-registry';
import type { ResourceTypeDef, SchemaDef } from './types';

/** The User resource type (RFC 7643 §6, §8.6) before custom extensions are added. */
export const USER_RESOURCE_TYPE: ResourceTypeDef = {
  id: 'User',
  name: 'User',
  endpoint: '/Users',
  description: 'User Account',
  schema: URN.USER,
  schemaExtensions: [{ schema: URN.ENTERPRISE_USER, required: false }],
};

/** The Group resource type (RFC 7643 §6, §8.6). */
export const GROUP_RESOURCE_TYPE: ResourceTypeDef = {
  id: 'Group',
  name: 'Group',
  endpoint: '/Groups',
  description: 'Group',
  schema: URN.GROUP,
  schemaExtensions: [],
};

/**
 * User (core + enterprise extension + custom User extensions) and Group (+ custom Group
 * extensions). A bare SchemaDef extends User; a CustomExtension says which type it extends.
 * Throws a plain Error when an extension names an unknown resource type or reuses a URN.
 */
export function createDefaultRegistry(customExtensions: ReadonlyArray<SchemaDef | CustomExtension> = []): SchemaRegistry {
  const types = [USER_RESOURCE_TYPE, GROUP_RESOURCE_TYPE].map((t) => ({ ...t, schemaExtensions: [...t.schemaExtensions] }));
  const schemas: SchemaDef[] = [CORE_USER_SCHEMA, CORE_GROUP_SCHEMA, ENTERPRISE_USER_SCHEMA];
  for (const entry of customExtensions) {
    const extension: CustomExtension = 'schema' in entry ? entry : { schema: entry, resourceType: 'User', required: false };
    const type = types.find((t) => t.id.toLowerCase() === extension.resourceType.toLowerCase());
    if (!type) throw new Error(`Custom schema extension "${extension.schema.id}" extends unknown resource type "${extension.resourceType}"`);
    type.schemaExtensions.push({ schema: extension.schema.id, required: extension.required });
    schemas.push(extension.schema);
  }
  return new SchemaRegistry(types, schemas);
}
