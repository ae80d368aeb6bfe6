import { createDefaultRegistry, loadCustomExtensions } from '@app/scim-core';
import { diffResources, jsonEqual, REDACTED } from './audit-diff';

const ENT = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const EXT = 'urn:ietf:params:scim:schemas:extension:Acme:2.0:User';
const registry = createDefaultRegistry(loadCustomExtensions([{
  id: EXT,
  attributes: [
    { name: 'badge', type: 'string' },
    { name: 'pin', type: 'string', returned: 'never' },
    { name: 'recoveryCodes', type: 'string', multiValued: true, mutability: 'writeOnly' },
    { name: 'device', type: 'complex', subAttributes: [{ name: 'serial', type: 'string' }, { name: 'secret', type: 'string', returned: 'never' }] },
    { name: 'keys', type: 'complex', multiValued: true, subAttributes: [{ name: 'label', type: 'string' }, { name: 'material', type: 'string', mutability: 'writeOnly' }] },
  ],
}]));
const diff = (before?: Record<string, unknown>, after?: Record<string, unknown>) => diffResources(registry, 'User', before, after);

describe('diffResources (issue 5: attribute-level change)', () => {
  it('reports each changed top-level attribute with its before and after; unchanged ones are absent', () => {
    expect(diff({ id: '1', userName: 'a', displayName: 'A', active: true }, { id: '1', userName: 'b', displayName: 'A', active: false })).toEqual([
      { attribute: 'userName', before: 'a', after: 'b' },
      { attribute: 'active', before: true, after: false },
    ]);
  });

  it('compares single-valued complex attributes sub-attribute by sub-attribute', () => {
    expect(diff({ name: { givenName: 'Ann', familyName: 'Lee' } }, { name: { givenName: 'Ann', familyName: 'Li', middleName: 'M' } })).toEqual([
      { attribute: 'name.familyName', before: 'Lee', after: 'Li' },
      { attribute: 'name.middleName', before: null, after: 'M' },
    ]);
  });

  it('compares multi-valued attributes as a whole', () => {
    const before = { emails: [{ value: 'a@x', type: 'work' }] };
    const after = { emails: [{ value: 'b@x', type: 'work' }] };
    expect(diff(before, after)).toEqual([{ attribute: 'emails', before: before.emails, after: after.emails }]);
  });

  it('qualifies extension attributes with their URN and compares complex ones by sub-attribute', () => {
    expect(diff({ [ENT]: { department: 'Ops', manager: { value: 'm1' } } }, { [ENT]: { department: 'Dev', manager: { value: 'm2' } } })).toEqual([
      { attribute: `${ENT}:department`, before: 'Ops', after: 'Dev' },
      { attribute: `${ENT}:manager.value`, before: 'm1', after: 'm2' },
    ]);
  });

  it('lists every attribute of a created resource (before null) and of a deleted one (after null)', () => {
    expect(diff(undefined, { id: '1', userName: 'a', meta: {}, schemas: [] })).toEqual([{ attribute: 'userName', before: null, after: 'a' }]);
    expect(diff({ userName: 'a' }, undefined)).toEqual([{ attribute: 'userName', before: 'a', after: null }]);
  });

  it('leaves membership to the event\'s members field (no member lists copied into the diff)', () => {
    expect(diffResources(registry, 'Group', { displayName: 'G' }, { displayName: 'G', members: [{ value: 'u1' }] })).toEqual([]);
  });

  it('ignores id, meta and schemas, and treats null as absent (RFC 7643 §2.5)', () => {
    expect(diff({ id: '1', nickName: null, schemas: ['x'] }, { id: '2', schemas: ['y'], meta: { version: '2' } })).toEqual([]);
  });

  describe('redacts values of sensitive attributes by schema (returned "never" or mutability "writeOnly")', () => {
    it('core password (writeOnly, returned never)', () => {
      expect(diff({ password: 'old-secret' }, { password: 'new-secret' })).toEqual([{ attribute: 'password', before: REDACTED, after: REDACTED }]);
      expect(diff({}, { password: 's3cret' })).toEqual([{ attribute: 'password', before: null, after: REDACTED }]);
      expect(diff({ password: 's3cret' }, {})).toEqual([{ attribute: 'password', before: REDACTED, after: null }]);
    });

    it('custom extension attributes, multi-valued ones, sub-attributes and elements of multi-valued complex ones', () => {
      const before = { [EXT]: { badge: 'B1', pin: '1111', recoveryCodes: ['a', 'b'], device: { serial: 'S1', secret: 'x' }, keys: [{ label: 'k', material: 'm1' }] } };
      const after = { [EXT]: { badge: 'B2', pin: '2222', recoveryCodes: ['c'], device: { serial: 'S1', secret: 'y' }, keys: [{ label: 'k', material: 'm2' }] } };
      const changes = diff(before, after);
      expect(changes).toEqual([
        { attribute: `${EXT}:badge`, before: 'B1', after: 'B2' },
        { attribute: `${EXT}:pin`, before: REDACTED, after: REDACTED },
        { attribute: `${EXT}:recoveryCodes`, before: REDACTED, after: REDACTED },
        { attribute: `${EXT}:device.secret`, before: REDACTED, after: REDACTED },
        { attribute: `${EXT}:keys`, before: [{ label: 'k', material: REDACTED }], after: [{ label: 'k', material: REDACTED }] },
      ]);
      expect(JSON.stringify(changes)).not.toMatch(/1111|2222|"m1"|"m2"|"x"|"y"|"a","b"/);
    });
  });
});

describe('jsonEqual', () => {
  it.each([
    [{ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1 }, true],
    [{ a: 1 }, { a: 1, b: null }, true],
    [[1, 2], [2, 1], false],
    [{ a: '1' }, { a: 1 }, false],
    [{ a: 1, b: null }, { a: 1 }, true],
    [{ a: 1 }, { a: 1, b: 2 }, false],
    [{ a: 1, b: 2 }, { a: 1 }, false],
    [{ a: [] }, { a: [null] }, false],
    [{ a: { b: null } }, { a: {} }, true],
    // Own keys only: a key named like an Object.prototype member is compared as data.
    [JSON.parse('{"constructor":null}'), {}, true],
    [JSON.parse('{"toString":"x"}'), {}, false],
    [JSON.parse('{"__proto__":{"x":1}}'), {}, false],
  ])('%j vs %j → %s', (a, b, expected) => {
    expect(jsonEqual(a, b)).toBe(expected);
    expect(jsonEqual(b, a)).toBe(expected);
  });
});
