import {
  InvalidPathError,
  InvalidValueError,
  MutabilityError,
  NoTargetError,
  ScimError,
} from '../errors/scim-error';
import { baseResource, registry, userCtx } from '../../test-fixtures/fixture-registry';
import { createDefaultRegistry } from '../schema/default-registry';
import type { PatchOperation } from '../messages/patch-request';
import { applyPatch } from './apply-patch';
import { normalizeEntraPatch } from './normalize-entra-patch';

const ENT = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const user = (): Record<string, unknown> => baseResource('bjensen');
const patchUser = (...ops: PatchOperation[]) => applyPatch(user(), ops, userCtx);

describe('applyPatch: mutability (RFC 7644 §3.5.2, RFC 7643 §2.2)', () => {
  it.each([
    ['id', { op: 'replace', path: 'id', value: 'x' }],
    ['meta', { op: 'remove', path: 'meta' }],
    ['meta.lastModified', { op: 'replace', path: 'meta.lastModified', value: '2020-01-01T00:00:00Z' }],
    ['groups (readOnly on User)', { op: 'add', path: 'groups', value: [{ value: 'g1' }] }],
    ['schemas (server-computed)', { op: 'replace', path: 'schemas', value: ['urn:x'] }],
    ['manager.displayName (readOnly sub-attribute)', { op: 'replace', path: `${ENT}:manager.displayName`, value: 'Boss' }],
    ['a different id in a path-less value', { op: 'replace', value: { id: 'other' } }],
    ['remove of the required userName', { op: 'remove', path: 'userName' }],
  ])('%s → mutability', (_name, op) => {
    expect(() => patchUser(op as PatchOperation)).toThrow(MutabilityError);
  });

  it('an id equal to the resource id and schemas in a path-less value are ignored', () => {
    const result = patchUser({ op: 'replace', value: { id: user().id, schemas: ['urn:x'], title: 'T' } });
    expect(result.resource.title).toBe('T');
  });

  it('an empty required userName → invalidValue', () => {
    expect(() => patchUser({ op: 'replace', path: 'userName', value: '' })).toThrow(InvalidValueError);
  });

  describe('immutable attributes', () => {
    const badge = { name: 'badge', type: 'string', multiValued: false, description: '', required: false, caseExact: true, mutability: 'immutable', returned: 'default', uniqueness: 'none' } as const;
    const urn = 'urn:example:params:scim:schemas:extension:badge:2.0:User';
    const ctx = { registry: createDefaultRegistry([{ id: urn, name: 'Badge', description: '', attributes: [badge] }]), resourceType: 'User' };

    it('may be set when it has no value', () => {
      expect(applyPatch(user(), [{ op: 'add', path: `${urn}:badge`, value: 'B1' }], ctx).resource[urn]).toEqual({ badge: 'B1' });
    });
    it('may be "replaced" by the same value', () => {
      const resource = { ...user(), [urn]: { badge: 'B1' } };
      expect(applyPatch(resource, [{ op: 'replace', path: `${urn}:badge`, value: 'B1' }], ctx).changed).toBe(false);
    });
    it('cannot be changed once set → mutability', () => {
      const resource = { ...user(), [urn]: { badge: 'B1' } };
      expect(() => applyPatch(resource, [{ op: 'replace', path: `${urn}:badge`, value: 'B2' }], ctx)).toThrow(MutabilityError);
    });
  });
});

describe('applyPatch: paths and values', () => {
  it.each([
    ['an unknown attribute', { op: 'replace', path: 'adreses', value: 'x' }, InvalidPathError],
    ['an unknown sub-attribute', { op: 'replace', path: 'name.nick', value: 'x' }, InvalidPathError],
    ['toString', { op: 'replace', path: 'toString', value: 'x' }, InvalidPathError],
    ['constructor.prototype.x', { op: 'replace', path: 'constructor.prototype', value: 'x' }, InvalidPathError],
    ['__proto__.polluted', { op: 'replace', path: '__proto__.polluted', value: 'x' }, InvalidPathError],
    ['a value filter on a single-valued attribute', { op: 'replace', path: 'name[givenName eq "x"].familyName', value: 'x' }, InvalidPathError],
    ['a value filter on an unknown sub-attribute', { op: 'replace', path: 'emails[kind eq "x"].value', value: 'x' }, InvalidPathError],
    ['a string for a boolean', { op: 'replace', path: 'active', value: 'yes' }, InvalidValueError],
    ['a number for a string', { op: 'replace', path: 'userName', value: 5 }, InvalidValueError],
    ['a string for a complex attribute', { op: 'replace', path: 'name', value: 'x' }, InvalidValueError],
    ['a string for a multi-valued complex attribute', { op: 'add', path: 'emails', value: 'x' }, InvalidValueError],
    ['an array for a single-valued attribute', { op: 'replace', path: 'title', value: ['a'] }, InvalidValueError],
    ['an object for a sub-attribute', { op: 'replace', path: 'name.givenName', value: { a: 1 } }, InvalidValueError],
    ['a poison key inside a value', { op: 'add', path: 'emails', value: [JSON.parse('{"__proto__": {"x": 1}, "value": "a"}')] }, InvalidValueError],
    ['a path-less value that is an array', { op: 'add', value: [] }, InvalidValueError],
    ['a poison key as a path-less key', { op: 'add', value: JSON.parse('{"__proto__": {"x": 1}}') }, InvalidPathError],
    ['remove without a path', { op: 'remove' }, NoTargetError],
    ['an unknown op', { op: 'patch', path: 'title', value: 'x' }, InvalidValueError],
    ['replace with a filter that matches nothing and is not an upsert', { op: 'replace', path: 'emails[value eq "none@x"].type', value: 'home' }, NoTargetError],
    ['a non-object extension value', { op: 'add', value: { [ENT]: 'x' } }, InvalidValueError],
    ['a poison key in an extension value', { op: 'add', value: { [ENT]: JSON.parse('{"__proto__": 1}') } }, InvalidPathError],
  ])('%s', (_name, op, type) => {
    expect(() => patchUser(op as PatchOperation)).toThrow(type as never);
  });

  it('replace attr.sub without filter with no values → noTarget', () => {
    expect(() => applyPatch(baseResource('minimal'), [{ op: 'replace', path: 'phoneNumbers.display', value: 'x' }], userCtx)).toThrow(NoTargetError);
  });

  it('attr.sub without filter applies to every element', () => {
    const result = patchUser({ op: 'replace', path: 'emails.display', value: 'D' }, { op: 'remove', path: 'phoneNumbers.value' });
    expect(result.resource.emails).toEqual([
      { value: 'bjensen@example.com', type: 'work', primary: true, display: 'D' },
      { value: 'babs@jensen.org', type: 'home', display: 'D' },
    ]);
    expect(result.resource.phoneNumbers).toBeUndefined();
  });

  it('names are case-insensitive everywhere (RFC 7643 §2.1)', () => {
    const result = patchUser({ op: 'replace', path: 'Emails[TYPE eq "WORK"].VALUE', value: 'b@x' });
    expect((result.resource.emails as unknown[])[0]).toEqual({ value: 'b@x', type: 'work', primary: true });
  });

  it('remove with a filter that matches nothing is a no-op (documented choice)', () => {
    const result = patchUser({ op: 'remove', path: 'emails[type eq "other"]' }, { op: 'remove', path: 'nickName' });
    expect(result.changed).toBe(false);
    expect(result.resource).toEqual(user());
  });

  it('setting primary on one element clears it on the others (RFC 7644 §3.5.2)', () => {
    const result = patchUser({ op: 'replace', path: 'emails[type eq "home"].primary', value: true });
    expect(result.resource.emails).toEqual([
      { value: 'bjensen@example.com', type: 'work', primary: false },
      { value: 'babs@jensen.org', type: 'home', primary: true },
    ]);
  });

  it('add with a filter and no sub-attribute merges into the match; replace without a match upserts', () => {
    const result = patchUser(
      { op: 'add', path: 'emails[type eq "home"]', value: { display: 'Home' } },
      { op: 'replace', path: 'ims[type eq "xmpp"]', value: { value: 'babs@jabber' } },
    );
    expect((result.resource.emails as unknown[])[1]).toEqual({ value: 'babs@jensen.org', type: 'home', display: 'Home' });
    expect(result.resource.ims).toEqual([{ type: 'xmpp', value: 'babs@jabber' }]);
  });

  it('null removes the filtered elements; adding null to a set changes nothing', () => {
    const result = patchUser({ op: 'replace', path: 'emails[type eq "home"]', value: null }, { op: 'add', path: 'phoneNumbers', value: null });
    expect(result.resource.emails).toEqual([{ value: 'bjensen@example.com', type: 'work', primary: true }]);
    expect(result.resource.phoneNumbers).toEqual(user().phoneNumbers);
  });

  it('add to an absent complex attribute creates it; replace of a complex with null removes it', () => {
    const created = applyPatch(baseResource('minimal'), [{ op: 'add', path: 'name', value: { givenName: 'B' } }], userCtx);
    expect(created.resource.name).toEqual({ givenName: 'B' });
    expect(patchUser({ op: 'replace', path: 'name', value: null }).resource.name).toBeUndefined();
  });

  it('removing the last extension attribute drops the extension and its schema URN', () => {
    const result = patchUser(
      { op: 'remove', path: `${ENT}:employeeNumber` },
      { op: 'remove', path: `${ENT}:department` },
      { op: 'remove', path: `${ENT}:manager` },
    );
    expect(result.resource[ENT]).toBeUndefined();
    expect(result.resource.schemas).toEqual(['urn:ietf:params:scim:schemas:core:2.0:User']);
  });

  it('remove on an extension the resource does not have is a no-op', () => {
    expect(applyPatch(baseResource('minimal'), [{ op: 'remove', path: `${ENT}:department` }], userCtx).changed).toBe(false);
  });

  it('a no-op add that names nothing known leaves no empty extension behind', () => {
    const result = applyPatch(baseResource('minimal'), [{ op: 'add', path: `${ENT}:manager`, value: { displayName: 'x' } }], userCtx);
    expect(result.resource).toEqual(baseResource('minimal'));
    expect(result.changed).toBe(false);
  });

  it('keys stored in non-canonical casing are renamed on write', () => {
    const resource = { ...baseResource('minimal'), NickName: 'old' };
    expect(applyPatch(resource, [{ op: 'replace', path: 'nickName', value: 'new' }], userCtx).resource).toMatchObject({ nickName: 'new' });
  });
});

describe('applyPatch: atomicity (RFC 7644 §3.5.2)', () => {
  it('a failing operation throws, names its index, and leaves the input deep-equal', () => {
    const resource = user();
    const snapshot = structuredClone(resource);
    const run = () => applyPatch(resource, [{ op: 'replace', path: 'title', value: 'T' }, { op: 'replace', path: 'id', value: 'x' }], userCtx);
    expect(run).toThrow(MutabilityError);
    expect(run).toThrow(/^Operations\[1\]: /);
    expect(resource).toEqual(snapshot);
  });

  it('non-SCIM errors pass through unchanged', () => {
    const broken = { registry, resourceType: 'Nope' };
    expect(() => applyPatch(user(), [{ op: 'replace', path: 'title', value: 'T' }], broken)).toThrow(Error);
    expect(() => applyPatch(user(), [{ op: 'replace', path: 'title', value: 'T' }], broken)).not.toThrow(ScimError);
  });
});

describe('path-less id through the pipeline', () => {
  it('an echoed id is harmless, a different id is a mutability error', () => {
    const ops = (id: string) => normalizeEntraPatch([{ op: 'replace', value: { id, active: false } }], userCtx).operations;
    const user = baseResource('minimal');
    expect(applyPatch(user, ops(user.id as string), userCtx).resource.active).toBe(false);
    expect(() => applyPatch(user, ops('other'), userCtx)).toThrow(MutabilityError);
  });
});
