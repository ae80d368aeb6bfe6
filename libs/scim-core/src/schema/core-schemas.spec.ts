import { URN } from '../messages/urns';
import { CORE_GROUP_SCHEMA } from './core-group.schema';
import { CORE_USER_SCHEMA } from './core-user.schema';
import { ENTERPRISE_USER_SCHEMA } from './enterprise-user.schema';
import { findAttribute } from './attribute-lookup';
import type { AttributeDef, SchemaDef } from './types';

function attr(schema: SchemaDef, path: string): AttributeDef {
  const [name, sub] = path.split('.');
  const top = findAttribute(schema.attributes, name);
  const found = sub === undefined ? top : findAttribute(top?.subAttributes, sub);
  if (!found) throw new Error(`missing ${path}`);
  return found;
}

describe('RFC 7643 §4.1 / §8.7.1 core User schema', () => {
  it('has the core URN', () => expect(CORE_USER_SCHEMA.id).toBe(URN.USER));

  it.each([
    'userName', 'name', 'displayName', 'nickName', 'profileUrl', 'title', 'userType', 'preferredLanguage',
    'locale', 'timezone', 'active', 'password', 'emails', 'phoneNumbers', 'ims', 'photos', 'addresses',
    'groups', 'entitlements', 'roles', 'x509Certificates', 'id', 'externalId', 'meta', 'schemas',
  ])('defines %s', (name) => expect(findAttribute(CORE_USER_SCHEMA.attributes, name)).toBeDefined());

  it.each([
    'name.formatted', 'name.familyName', 'name.givenName', 'name.middleName', 'name.honorificPrefix', 'name.honorificSuffix',
    'addresses.formatted', 'addresses.streetAddress', 'addresses.locality', 'addresses.region', 'addresses.postalCode',
    'addresses.country', 'addresses.type', 'groups.value', 'groups.$ref', 'groups.display', 'groups.type',
    'meta.resourceType', 'meta.created', 'meta.lastModified', 'meta.location', 'meta.version',
    ...['emails', 'phoneNumbers', 'ims', 'photos', 'entitlements', 'roles', 'x509Certificates'].flatMap((m) =>
      ['value', 'display', 'type', 'primary'].map((s) => `${m}.${s}`)),
  ])('defines sub-attribute %s', (path) => expect(attr(CORE_USER_SCHEMA, path)).toBeDefined());

  it.each<[string, Partial<AttributeDef>]>([
    ['userName', { type: 'string', required: true, caseExact: false, uniqueness: 'server', mutability: 'readWrite' }],
    ['password', { mutability: 'writeOnly', returned: 'never' }],
    ['active', { type: 'boolean' }],
    ['profileUrl', { type: 'reference', referenceTypes: ['external'] }],
    ['id', { caseExact: true, mutability: 'readOnly', returned: 'always', uniqueness: 'server' }],
    ['externalId', { caseExact: true, mutability: 'readWrite' }],
    ['meta', { type: 'complex', mutability: 'readOnly' }],
    ['meta.created', { type: 'dateTime' }],
    ['meta.lastModified', { type: 'dateTime' }],
    ['groups', { multiValued: true, mutability: 'readOnly' }],
    ['groups.$ref', { type: 'reference', referenceTypes: ['User', 'Group'] }],
    ['emails', { type: 'complex', multiValued: true }],
    ['emails.type', { canonicalValues: ['work', 'home', 'other'] }],
    ['emails.primary', { type: 'boolean' }],
    ['phoneNumbers.type', { canonicalValues: ['work', 'home', 'mobile', 'fax', 'pager', 'other'] }],
    ['ims.type', { canonicalValues: ['aim', 'gtalk', 'icq', 'xmpp', 'msn', 'skype', 'qq', 'yahoo'] }],
    ['photos.value', { type: 'reference', referenceTypes: ['external'] }],
    ['photos.type', { canonicalValues: ['photo', 'thumbnail'] }],
    ['addresses.type', { canonicalValues: ['work', 'home', 'other'] }],
    ['x509Certificates.value', { type: 'binary' }],
    ['schemas', { multiValued: true, returned: 'always' }],
  ])('%s has the RFC characteristics', (path, expected) => {
    expect(attr(CORE_USER_SCHEMA, path)).toMatchObject(expected);
  });
});

describe('RFC 7643 §4.2 core Group schema', () => {
  it('displayName is required and unique (Entra requirement, entra-scim.md §1.2)', () => {
    expect(attr(CORE_GROUP_SCHEMA, 'displayName')).toMatchObject({ required: true, uniqueness: 'server' });
  });
  it.each<[string, Partial<AttributeDef>]>([
    ['members', { type: 'complex', multiValued: true, mutability: 'readWrite' }],
    ['members.value', { mutability: 'immutable' }],
    ['members.$ref', { type: 'reference', referenceTypes: ['User', 'Group'], mutability: 'immutable' }],
    ['members.display', { mutability: 'readOnly' }],
    ['members.type', { canonicalValues: ['User', 'Group'], mutability: 'immutable' }],
    ['externalId', { caseExact: true }],
    ['id', { returned: 'always' }],
  ])('%s', (path, expected) => expect(attr(CORE_GROUP_SCHEMA, path)).toMatchObject(expected));
});

describe('RFC 7643 §4.3 Enterprise User extension', () => {
  it.each(['employeeNumber', 'costCenter', 'organization', 'division', 'department'])('%s is a string', (name) => {
    expect(attr(ENTERPRISE_USER_SCHEMA, name)).toMatchObject({ type: 'string', multiValued: false });
  });
  it('manager is complex with value, $ref and read-only displayName', () => {
    expect(attr(ENTERPRISE_USER_SCHEMA, 'manager')).toMatchObject({ type: 'complex', multiValued: false });
    expect(attr(ENTERPRISE_USER_SCHEMA, 'manager.value').type).toBe('string');
    expect(attr(ENTERPRISE_USER_SCHEMA, 'manager.$ref')).toMatchObject({ type: 'reference', referenceTypes: ['User'] });
    expect(attr(ENTERPRISE_USER_SCHEMA, 'manager.displayName').mutability).toBe('readOnly');
  });
});

describe('RFC 7643 §2.3.8 no attribute definition is malformed', () => {
  const all = [CORE_USER_SCHEMA, CORE_GROUP_SCHEMA, ENTERPRISE_USER_SCHEMA].flatMap((s) => s.attributes);
  it.each(all.map((a) => [a.name, a] as const))('%s', (_name, def) => {
    expect(def.type === 'complex').toBe(Array.isArray(def.subAttributes) && def.subAttributes.length > 0);
    for (const sub of def.subAttributes ?? []) expect(sub.type).not.toBe('complex');
  });
});
