import { InvalidSyntaxError, InvalidValueError, MutabilityError } from '../errors/scim-error';
import { registry } from '../../test-fixtures/fixture-registry';
import { createDefaultRegistry } from '../schema/default-registry';
import type { AttributeDef } from '../schema/types';
import { coerceResource, type CoercionWarning } from './coerce-resource';

const CORE = 'urn:ietf:params:scim:schemas:core:2.0:User';
const ENT = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const user = (input: unknown) => coerceResource(input, { registry, resourceType: 'User', mode: 'create' });
const group = (input: unknown) => coerceResource(input, { registry, resourceType: 'Group', mode: 'create' });
const codes = (warnings: CoercionWarning[]) => warnings.map((w) => w.quirk ?? w.code);

describe('coerceResource: policies', () => {
  it('unknown attributes, unknown extensions, unknown sub-attributes and unknown schemas are dropped with warnings (§6.2)', () => {
    const { resource, warnings } = user({
      schemas: [CORE, 'urn:example:unknown'], userName: 'u', adreses: 'x', 'name.givenName': 'x',
      'urn:ietf:params:scim:schemas:extension:Unknown:2.0:User': { tag: 'x' }, name: { givenName: 'G', nick: 'n' },
    });
    expect(resource).toEqual({ schemas: [CORE], userName: 'u', name: { givenName: 'G' } });
    expect(warnings).toEqual([
      { code: 'unknown-schema', path: 'schemas: urn:example:unknown' },
      { code: 'unknown-attribute', path: 'adreses' },
      { code: 'unknown-attribute', path: 'name.givenName' },
      { code: 'unknown-attribute', path: 'urn:ietf:params:scim:schemas:extension:Unknown:2.0:User' },
      { code: 'unknown-attribute', path: 'name.nick' },
    ]);
  });

  it('readOnly input (id, meta, groups) is ignored (RFC 7644 §3.3)', () => {
    const { resource, warnings } = user({ id: 'x', userName: 'u', groups: [{ value: 'g' }], meta: { created: 'x' } });
    expect(resource).toEqual({ schemas: [CORE], userName: 'u' });
    expect(codes(warnings)).toEqual(['read-only', 'read-only', 'read-only']);
  });

  it('poison keys are never copied, at any level', () => {
    const body = JSON.parse(`{"userName":"u","__proto__":{"polluted":1},"name":{"constructor":"x","givenName":"G"},
      "${ENT}":{"prototype":1,"department":"D"}}`);
    const { resource, warnings } = user(body);
    expect(resource).toEqual({ schemas: [CORE, ENT], userName: 'u', name: { givenName: 'G' }, [ENT]: { department: 'D' } });
    expect(codes(warnings)).toEqual(['poison-key', 'poison-key', `poison-key`]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('type: keeps the first element of each type, drops later duplicates (entra-scim.md §1.2)', () => {
    const { resource, warnings } = user({ userName: 'u', emails: [{ value: 'a', type: 'work' }, { value: 'b', type: 'Work' }, { value: 'c' }, { value: 'd' }] });
    expect(resource.emails).toEqual([{ value: 'a', type: 'work' }, { value: 'c' }, { value: 'd' }]);
    expect(warnings).toEqual([{ code: 'duplicate-type', path: 'emails[1]' }]);
  });

  it('primary: at most one true (RFC 7643 §2.4); later ones become false', () => {
    const { resource, warnings } = user({ userName: 'u', emails: [{ value: 'a', primary: true }, { value: 'b', primary: true }] });
    expect(resource.emails).toEqual([{ value: 'a', primary: true }, { value: 'b', primary: false }]);
    expect(warnings).toEqual([{ code: 'duplicate-primary', path: 'emails[1]' }]);
  });

  it('values are stored verbatim (entra-scim.md §1.2)', () => {
    const { resource } = user({ userName: ' U@Example.COM ', phoneNumbers: [{ value: '55555555555', type: 'work' }] });
    expect(resource.userName).toBe(' U@Example.COM ');
    expect(resource.phoneNumbers).toEqual([{ value: '55555555555', type: 'work' }]);
  });

  it('a single object for a multi-valued attribute is wrapped, with a warning; duplicate keys keep the first', () => {
    const { resource, warnings } = user({ userName: 'u', UserName: 'v', emails: { value: 'a' } });
    expect(resource).toEqual({ schemas: [CORE], userName: 'u', emails: [{ value: 'a' }] });
    expect(codes(warnings)).toEqual(['duplicate-attribute', 'wrapped-single-value']);
  });

  it.each([
    ['a body that is not an object', [], InvalidSyntaxError],
    ['missing userName (MS Postman "Post no username")', { displayName: 'x' }, InvalidValueError],
    ['empty userName', { userName: '' }, InvalidValueError],
    ['userName null', { userName: null }, InvalidValueError],
    ['a number for a string', { userName: 5 }, InvalidValueError],
    ['a string for a complex attribute', { userName: 'u', name: 'x' }, InvalidValueError],
    ['a string for a multi-valued complex attribute', { userName: 'u', emails: 'x' }, InvalidValueError],
    ['a non-boolean for a boolean', { userName: 'u', active: 'yes' }, InvalidValueError],
    ['a nested object in a sub-attribute', { userName: 'u', name: { givenName: { a: 1 } } }, InvalidValueError],
    ['an extension key with a non-object', { userName: 'u', [ENT]: 'x' }, InvalidValueError],
  ])('rejects %s', (_name, body, type) => {
    expect(() => user(body)).toThrow(type as never);
  });

  it('names the attribute in type errors', () => {
    expect(() => user({ userName: 'u', emails: [{ value: 'a', primary: 'maybe' }] })).toThrow(/emails\[0\]\.primary/);
  });

  it('Group displayName is required', () => {
    expect(() => group({ externalId: 'x' })).toThrow(/displayName/);
  });

  it('an extension object that is null is absent', () => {
    expect(user({ userName: 'u', [ENT]: null }).resource).toEqual({ schemas: [CORE], userName: 'u' });
  });

  describe('RFC 7643 §2.3 simple types', () => {
    const attr = (name: string, type: AttributeDef['type'], mutability: AttributeDef['mutability'] = 'readWrite'): AttributeDef => ({
      name, type, mutability, multiValued: false, description: '', required: false, caseExact: false, returned: 'default', uniqueness: 'none',
    });
    const urn = 'urn:example:params:scim:schemas:extension:types:2.0:User';
    const typed = createDefaultRegistry([{ id: urn, name: 'Types', description: '', attributes: [
      attr('hired', 'dateTime'), attr('level', 'integer'), attr('score', 'decimal'), attr('photo', 'binary'), attr('badge', 'string', 'immutable'),
    ] }]);
    const coerce = (ext: Record<string, unknown>, mode: 'create' | 'replace' = 'create', existing?: Record<string, unknown>) =>
      coerceResource({ userName: 'u', [urn]: ext }, { registry: typed, resourceType: 'User', mode, existing });

    it('accepts well-typed values verbatim', () => {
      const ext = { hired: '2024-01-23T04:56:22.5+01:00', level: 3, score: 2.5, photo: 'aGk=' };
      expect(coerce(ext).resource[urn]).toEqual(ext);
    });
    it.each([
      ['hired', '23/01/2024'],
      ['level', 2.5],
      ['level', '3'],
      ['score', Infinity],
      ['photo', 5],
    ])('rejects %s = %p', (name, value) => {
      expect(() => coerce({ [name]: value })).toThrow(InvalidValueError);
    });
    it('PUT (mode replace) may not change an immutable attribute that has a value (RFC 7644 §3.5.1)', () => {
      const existing = { userName: 'u', [urn]: { badge: 'B1' } };
      expect(coerce({ badge: 'B1' }, 'replace', existing).resource[urn]).toEqual({ badge: 'B1' });
      expect(coerce({ badge: 'B1' }, 'replace', { userName: 'u' }).resource[urn]).toEqual({ badge: 'B1' });
      expect(() => coerce({ badge: 'B2' }, 'replace', existing)).toThrow(MutabilityError);
      expect(() => coerce({}, 'replace', existing)).toThrow(MutabilityError);
    });
  });
});
