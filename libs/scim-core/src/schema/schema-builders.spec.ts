import { URN } from '../messages/urns';
import { createDefaultRegistry } from './default-registry';
import { toResourceTypeResource, toResourceTypeResources } from './resource-type.builder';
import { toSchemaResource, toSchemaResources } from './schema-resource.builder';
import { buildServiceProviderConfig } from './service-provider-config.builder';
import { compactObject } from './compact-object';
import { CORE_USER_SCHEMA } from './core-user.schema';

const BASE = 'https://scim.example.com/scim/v2/t1/';
const registry = createDefaultRegistry();

function hasNullish(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (Array.isArray(value)) return value.some(hasNullish);
  if (typeof value === 'object') return Object.values(value as object).some(hasNullish);
  return false;
}

describe('toSchemaResource (RFC 7643 §7; Entra: no null-valued properties, entra-scim.md §5.5)', () => {
  const resources = toSchemaResources(registry.schemas(), BASE);

  it('renders every schema as a Schema resource with meta.location', () => {
    expect(resources.map((r) => r.id)).toEqual([URN.USER, URN.GROUP, URN.ENTERPRISE_USER]);
    expect(resources[0].schemas).toEqual([URN.SCHEMA]);
    expect(resources[2]).toMatchObject({ name: 'EnterpriseUser', meta: { resourceType: 'Schema', location: `${BASE.slice(0, -1)}/Schemas/${URN.ENTERPRISE_USER}` } });
  });

  it('contains no null or undefined property anywhere', () => {
    expect(resources.some(hasNullish)).toBe(false);
    expect(JSON.stringify(resources)).not.toContain('null');
  });

  it('renders userName as Entra expects (SD1)', () => {
    expect(resources[0].attributes.find((a) => a.name === 'userName')).toEqual({
      name: 'userName', type: 'string', multiValued: false, description: expect.any(String), required: true,
      caseExact: false, mutability: 'readWrite', returned: 'default', uniqueness: 'server',
    });
  });

  it('omits schemas, id and meta but keeps externalId (common attributes, RFC 7643 §3.1)', () => {
    const names = resources[0].attributes.map((a) => a.name);
    expect(names).not.toEqual(expect.arrayContaining(['id']));
    expect(names).not.toContain('meta');
    expect(names).not.toContain('schemas');
    expect(names).toContain('externalId');
  });

  it('renders sub-attributes, canonicalValues and referenceTypes, and omits empty ones', () => {
    const emails = resources[0].attributes.find((a) => a.name === 'emails')!;
    const subs = emails.subAttributes as Record<string, unknown>[];
    expect(subs.map((s) => s.name)).toEqual(['value', 'display', 'type', 'primary']);
    expect(subs[2].canonicalValues).toEqual(['work', 'home', 'other']);
    const roles = resources[0].attributes.find((a) => a.name === 'roles')!;
    expect((roles.subAttributes as Record<string, unknown>[])[2]).not.toHaveProperty('canonicalValues');
    const profileUrl = resources[0].attributes.find((a) => a.name === 'profileUrl')!;
    expect(profileUrl.referenceTypes).toEqual(['external']);
  });

  it('meta has only resourceType without a location', () => {
    expect(toSchemaResource(CORE_USER_SCHEMA).meta).toEqual({ resourceType: 'Schema' });
    expect(toSchemaResources([CORE_USER_SCHEMA])[0].meta).toEqual({ resourceType: 'Schema' });
  });
});

describe('toResourceTypeResource (RFC 7643 §6)', () => {
  it('renders User with the enterprise extension', () => {
    expect(toResourceTypeResource(registry.resourceType('User'), 'https://h/scim/v2')).toEqual({
      schemas: [URN.RESOURCE_TYPE], id: 'User', name: 'User', endpoint: '/Users', description: 'User Account',
      schema: URN.USER, schemaExtensions: [{ schema: URN.ENTERPRISE_USER, required: false }],
      meta: { resourceType: 'ResourceType', location: 'https://h/scim/v2/ResourceTypes/User' },
    });
  });
  it('renders Group and omits the location without a base', () => {
    const [, group] = toResourceTypeResources(registry.resourceTypes());
    expect(group).toMatchObject({ id: 'Group', endpoint: '/Groups', schema: URN.GROUP, schemaExtensions: [] });
    expect(group.meta).toEqual({ resourceType: 'ResourceType' });
  });
});

describe('buildServiceProviderConfig (RFC 7643 §5; entra-scim.md §5.5)', () => {
  it('renders the Entra-oriented defaults', () => {
    const spc = buildServiceProviderConfig({ baseLocation: 'https://h/scim/v2', maxResults: 100, etag: true, sort: false });
    expect(spc).toEqual({
      schemas: [URN.SERVICE_PROVIDER_CONFIG],
      patch: { supported: true },
      bulk: { supported: false, maxOperations: 0, maxPayloadSize: 1048576 },
      filter: { supported: true, maxResults: 100 },
      changePassword: { supported: false },
      sort: { supported: false },
      etag: { supported: true },
      authenticationSchemes: [{
        type: 'oauthbearertoken', name: 'OAuth Bearer Token', description: expect.any(String),
        specUri: 'https://www.rfc-editor.org/info/rfc6750', primary: true,
      }],
      meta: { resourceType: 'ServiceProviderConfig', location: 'https://h/scim/v2/ServiceProviderConfig' },
    });
    expect(hasNullish(spc)).toBe(false);
  });
  it('honours every option and drops undefined fields', () => {
    const spc = buildServiceProviderConfig({
      maxResults: 50, etag: false, sort: true, bulk: true, bulkMaxOperations: 10, maxPayloadSize: 2048,
      changePassword: true, patch: false, filter: false, documentationUri: 'https://docs',
      authenticationSchemes: [{ type: 'httpbasic', name: 'Basic', description: 'Basic auth', documentationUri: undefined }],
    });
    expect(spc).toMatchObject({
      documentationUri: 'https://docs', patch: { supported: false }, bulk: { supported: true, maxOperations: 10, maxPayloadSize: 2048 },
      filter: { supported: false, maxResults: 50 }, changePassword: { supported: true }, sort: { supported: true },
      authenticationSchemes: [{ type: 'httpbasic', name: 'Basic', description: 'Basic auth' }],
      meta: { resourceType: 'ServiceProviderConfig' },
    });
    expect(hasNullish(spc)).toBe(false);
    const noMaxOps = buildServiceProviderConfig({ maxResults: 1, etag: false, sort: false, bulk: true });
    expect(noMaxOps.bulk).toEqual({ supported: true, maxOperations: 0, maxPayloadSize: 1048576 });
  });
});

describe('compactObject', () => {
  it('drops null/undefined deeply, including array items', () => {
    expect(compactObject({ a: null, b: [1, null, { c: undefined, d: 0 }], e: '' })).toEqual({ b: [1, { d: 0 }], e: '' });
  });
});
