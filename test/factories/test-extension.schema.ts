import { attribute, createDefaultRegistry, type SchemaDef, type SchemaRegistry } from '@app/scim-core';

/**
 * A custom User extension (RFC 7643 §3.3) for tests: the core and enterprise schemas have no
 * indexed integer, decimal, dateTime, caseExact or simple multi-valued attributes.
 */
export const TEST_EXTENSION_URN = 'urn:example:params:scim:schemas:extension:scimbridge:2.0:User';

export const TEST_EXTENSION: SchemaDef = {
  id: TEST_EXTENSION_URN,
  name: 'ScimbridgeTestUser',
  description: 'Test-only attributes of every type',
  attributes: [
    attribute('level', 'An integer.', { type: 'integer' }),
    attribute('score', 'A decimal.', { type: 'decimal' }),
    attribute('hiredAt', 'A dateTime.', { type: 'dateTime' }),
    attribute('remote', 'A boolean.', { type: 'boolean' }),
    attribute('badge', 'A caseExact string.', { caseExact: true }),
    attribute('tags', 'A simple multi-valued string.', { multiValued: true }),
  ],
};

export function createTestRegistry(): SchemaRegistry {
  return createDefaultRegistry([TEST_EXTENSION]);
}
