import { URN } from '../messages/urns';
import { createDefaultRegistry, GROUP_RESOURCE_TYPE } from './default-registry';
import { loadCustomExtensions } from './custom-extension';
import { SchemaRegistry } from './schema-registry';
import { CORE_USER_SCHEMA } from './core-user.schema';

const CUSTOM = 'urn:ietf:params:scim:schemas:extension:CustomExtensionName:2.0:User';
const registry = createDefaultRegistry(loadCustomExtensions([{ id: CUSTOM, attributes: [{ name: 'tag' }] }]));

describe('SchemaRegistry lookups (RFC 7643 §6, §7)', () => {
  it('lists resource types and schemas', () => {
    expect(registry.resourceTypes().map((t) => t.id)).toEqual(['User', 'Group']);
    expect(registry.schemas().map((s) => s.id)).toEqual([URN.USER, URN.GROUP, URN.ENTERPRISE_USER, CUSTOM]);
  });
  it('finds schemas by URN case-insensitively', () => {
    expect(registry.schema(URN.ENTERPRISE_USER.toUpperCase())?.id).toBe(URN.ENTERPRISE_USER);
    expect(registry.schema('urn:nope')).toBeUndefined();
  });
  it('finds resource types by id case-insensitively and throws for unknown ones', () => {
    expect(registry.resourceType('user').endpoint).toBe('/Users');
    expect(registry.findResourceType('Nope')).toBeUndefined();
    expect(() => registry.resourceType('Nope')).toThrow('Unknown resource type');
  });
  it('lists extension URNs per resource type', () => {
    expect(registry.extensionUris('User')).toEqual([URN.ENTERPRISE_USER, CUSTOM]);
    expect(registry.extensionUris('Group')).toEqual([]);
  });
  it('rejects a resource type that references an unknown schema, and duplicate schemas', () => {
    expect(() => new SchemaRegistry([{ ...GROUP_RESOURCE_TYPE, schema: 'urn:x' }], [])).toThrow('unknown schema');
    expect(() => new SchemaRegistry([], [CORE_USER_SCHEMA, CORE_USER_SCHEMA])).toThrow('Duplicate schema');
  });
});

describe('SchemaRegistry.resolve (RFC 7643 §2.1 case-insensitive, RFC 7644 §3.10 URN-qualified)', () => {
  it.each<[string, { uri?: string; attr: string; sub?: string }, string, boolean]>([
    ['User', { attr: 'userName' }, 'userName', false],
    ['User', { attr: 'USERNAME' }, 'userName', false],
    ['User', { attr: 'name', sub: 'GIVENNAME' }, 'name.givenName', false],
    ['User', { uri: URN.USER, attr: 'name', sub: 'givenName' }, 'name.givenName', false],
    ['User', { uri: URN.USER.toLowerCase(), attr: 'userName' }, 'userName', false],
    ['User', { attr: 'emails', sub: 'Value' }, 'emails.value', false],
    ['User', { attr: 'meta', sub: 'lastModified' }, 'meta.lastModified', false],
    ['User', { attr: 'id' }, 'id', false],
    ['User', { attr: 'externalId' }, 'externalId', false],
    ['User', { attr: 'schemas' }, 'schemas', false],
    // Entra sends the bare names (entra-scim.md Q9): they fall through to the enterprise extension.
    ['User', { attr: 'manager' }, `${URN.ENTERPRISE_USER}:manager`, true],
    ['User', { attr: 'department' }, `${URN.ENTERPRISE_USER}:department`, true],
    ['User', { attr: 'employeeNumber' }, `${URN.ENTERPRISE_USER}:employeeNumber`, true],
    ['User', { uri: URN.ENTERPRISE_USER, attr: 'manager', sub: 'value' }, `${URN.ENTERPRISE_USER}:manager.value`, true],
    ['User', { uri: CUSTOM, attr: 'TAG' }, `${CUSTOM}:tag`, true],
    ['User', { attr: 'tag' }, `${CUSTOM}:tag`, true],
    // Legacy Entra dot form: the syntactic split yields uri "…:2.0", attr "User", sub "department".
    ['User', { uri: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0', attr: 'User', sub: 'department' }, `${URN.ENTERPRISE_USER}:department`, true],
    ['Group', { attr: 'members', sub: 'value' }, 'members.value', false],
    ['Group', { attr: 'displayName' }, 'displayName', false],
  ])('%s %j → %s', (type, path, canonical, isExtension) => {
    const resolved = registry.resolve(type, path);
    expect(resolved?.canonicalPath).toBe(canonical);
    expect(resolved?.isExtension).toBe(isExtension);
  });

  it.each<[string, { uri?: string; attr: string; sub?: string }]>([
    ['User', { attr: 'nope' }],
    ['User', { attr: 'name', sub: 'nope' }],
    ['User', { attr: 'userName', sub: 'value' }],
    ['User', { uri: URN.GROUP, attr: 'displayName' }],
    ['User', { uri: 'urn:unknown:schema', attr: 'x' }],
    ['User', { uri: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0', attr: 'User' }],
    ['User', { uri: 'urn:ietf:params:scim:schemas:core:2.0', attr: 'Group', sub: 'displayName' }],
    ['Group', { attr: 'manager' }],
    ['Group', { attr: 'userName' }],
  ])('%s %j → undefined', (type, path) => expect(registry.resolve(type, path)).toBeUndefined());

  it('prefers the core schema over an extension with the same attribute name', () => {
    const clash = createDefaultRegistry([{ id: 'urn:x:clash:2.0:User', name: 'Clash', description: '', attributes: [{ ...CORE_USER_SCHEMA.attributes[4], name: 'userName' }] }]);
    expect(clash.resolve('User', { attr: 'userName' })?.schemaId).toBe(URN.USER);
    expect(clash.resolve('User', { uri: 'urn:x:clash:2.0:User', attr: 'userName' })?.isExtension).toBe(true);
  });

  it('resolveSub matches case-insensitively and only on complex attributes', () => {
    const emails = registry.resolve('User', { attr: 'emails' })!.attribute;
    expect(registry.resolveSub(emails, 'TYPE')?.name).toBe('type');
    expect(registry.resolveSub(emails, 'nope')).toBeUndefined();
    expect(registry.resolveSub(registry.resolve('User', { attr: 'userName' })!.attribute, 'x')).toBeUndefined();
  });
});

describe('SchemaRegistry.splitUrnPath', () => {
  it.each<[string, { uri?: string; rest: string }]>([
    [`${URN.ENTERPRISE_USER}:department`, { uri: URN.ENTERPRISE_USER, rest: 'department' }],
    [`${URN.USER}:name.givenName`, { uri: URN.USER, rest: 'name.givenName' }],
    [`${URN.ENTERPRISE_USER.toUpperCase()}:manager.value`, { uri: URN.ENTERPRISE_USER, rest: 'manager.value' }],
    [`${URN.ENTERPRISE_USER}.department`, { uri: URN.ENTERPRISE_USER, rest: 'department' }],
    [URN.ENTERPRISE_USER, { uri: URN.ENTERPRISE_USER, rest: '' }],
    [`${CUSTOM}:tag`, { uri: CUSTOM, rest: 'tag' }],
    [`${URN.USER}Name`, { rest: `${URN.USER}Name` }],
    ['userName', { rest: 'userName' }],
    ['urn:unknown:2.0:User:x', { rest: 'urn:unknown:2.0:User:x' }],
  ])('%s', (text, expected) => expect(registry.splitUrnPath(text)).toEqual(expected));
});

describe('createDefaultRegistry', () => {
  it('builds User with the enterprise extension and Group without extensions', () => {
    const plain = createDefaultRegistry();
    expect(plain.resourceType('User').schemaExtensions).toEqual([{ schema: URN.ENTERPRISE_USER, required: false }]);
    expect(plain.resourceType('Group').schemaExtensions).toEqual([]);
  });
  it('adds custom Group extensions to Group and does not mutate the shared resource types', () => {
    const ext = loadCustomExtensions([{ id: 'urn:acme:2.0:Group', resourceType: 'Group', required: true, attributes: [{ name: 'costCode' }] }]);
    const custom = createDefaultRegistry(ext);
    expect(custom.extensionUris('Group')).toEqual(['urn:acme:2.0:Group']);
    expect(custom.resourceType('Group').schemaExtensions[0].required).toBe(true);
    expect(custom.resolve('Group', { attr: 'costcode' })?.canonicalPath).toBe('urn:acme:2.0:Group:costCode');
    expect(createDefaultRegistry().extensionUris('Group')).toEqual([]);
  });
  it('rejects an extension of an unknown resource type or a reused URN', () => {
    const bad = loadCustomExtensions([{ id: 'urn:acme:2.0:Device', resourceType: 'Device', attributes: [{ name: 'x' }] }]);
    expect(() => createDefaultRegistry(bad)).toThrow('unknown resource type "Device"');
    expect(() => createDefaultRegistry([{ ...CORE_USER_SCHEMA }])).toThrow('Duplicate schema');
  });
});
