import * as core from '../index';
import * as schema from './index';

describe('schema/ public API is exported from @app/scim-core', () => {
  it.each(['SchemaRegistry', 'createDefaultRegistry', 'loadCustomExtensions', 'toSchemaResource', 'toSchemaResources',
    'toResourceTypeResource', 'buildServiceProviderConfig', 'CORE_USER_SCHEMA', 'CORE_GROUP_SCHEMA', 'ENTERPRISE_USER_SCHEMA',
    'COMMON_ATTRIBUTES', 'findAttribute', 'findSubAttribute', 'attribute'])('%s', (name) => {
    expect((schema as Record<string, unknown>)[name]).toBeDefined();
    expect((core as Record<string, unknown>)[name]).toBe((schema as Record<string, unknown>)[name]);
  });
});
