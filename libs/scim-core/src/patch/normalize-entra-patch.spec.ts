import { InvalidPathError, InvalidValueError, NoTargetError } from '../errors/scim-error';
import { userCtx, groupCtx } from '../../test-fixtures/fixture-registry';
import { normalizeEntraPatch } from './normalize-entra-patch';

const ENT = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

describe('normalizeEntraPatch: RFC-shaped output for each Entra shape (entra-scim.md §4)', () => {
  it.each([
    ['Q1 op case', [{ op: 'Replace', path: 'displayName', value: 'x' }], [{ op: 'replace', path: 'displayName', value: 'x' }], ['Q1-op-case']],
    ['Q2 "False" for a boolean', [{ op: 'replace', path: 'active', value: 'False' }], [{ op: 'replace', path: 'active', value: false }], ['Q2-string-boolean']],
    ['Q2 non-boolean strings stay strings', [{ op: 'replace', path: 'title', value: 'True' }], [{ op: 'replace', path: 'title', value: 'True' }], []],
    [
      'Q4 dotted and URN keys become one op per path',
      [{ op: 'replace', value: { 'name.givenName': 'K', [`${ENT}:employeeNumber`]: 'A', schemas: ['ignored'] } }],
      [
        { op: 'replace', path: 'name.givenName', value: 'K' },
        { op: 'replace', path: `${ENT}:employeeNumber`, value: 'A' },
      ],
      ['Q4-pathless-dotted-keys', 'Q4-pathless-urn-keys'],
    ],
    [
      'RFC nested form: extension object and complex value are split per sub-attribute (merge kept)',
      [{ op: 'replace', value: { name: { givenName: 'A', familyName: '' }, [ENT]: { department: 'D' } } }],
      [
        { op: 'replace', path: 'name.givenName', value: 'A' },
        { op: 'remove', path: 'name.familyName' },
        { op: 'replace', path: `${ENT}:department`, value: 'D' },
      ],
      ['Q12-empty-clears'],
    ],
    [
      'Q5 mixed-case sub-attribute and filter names are canonicalised',
      [{ op: 'Replace', path: 'Addresses[Type eq "other"].Formatted', value: 'B4' }],
      [{ op: 'replace', path: 'addresses[type eq "other"].formatted', value: 'B4' }],
      ['Q1-op-case', 'Q5-mixed-case-subattr', 'Q5-filter-upsert'],
    ],
    [
      'Q2 in a filter literal: roles[primary eq "True"] → true',
      [{ op: 'add', path: 'roles[primary eq "True"].value', value: 'Admin' }],
      [{ op: 'add', path: 'roles[primary eq true].value', value: 'Admin' }],
      ['Q2-string-boolean', 'Q5-filter-upsert'],
    ],
    [
      'Q6 bare extension attribute is URN-qualified',
      [{ op: 'replace', path: 'department', value: 'D' }],
      [{ op: 'replace', path: `${ENT}:department`, value: 'D' }],
      ['Q6-unqualified-extension-attr'],
    ],
    [
      'Q9 manager array form → remove + add of the reference',
      [{ op: 'Add', path: 'manager', value: [{ $ref: 'u/m', value: 'm' }] }],
      [
        { op: 'remove', path: `${ENT}:manager` },
        { op: 'add', path: `${ENT}:manager`, value: { value: 'm', $ref: 'u/m' } },
      ],
      ['Q1-op-case', 'Q9-manager-form'],
    ],
    ['Q9 manager.value "" removes the manager', [{ op: 'replace', path: 'manager.value', value: '' }], [{ op: 'remove', path: `${ENT}:manager` }], ['Q9-manager-form']],
    ['Q9 manager.$ref null removes only $ref', [{ op: 'replace', path: `${ENT}:manager.$ref`, value: null }], [{ op: 'remove', path: `${ENT}:manager.$ref` }], ['Q12-empty-clears']],
    ['Q9 manager.value string is kept', [{ op: 'replace', path: `${ENT}:manager.value`, value: 'm' }], [{ op: 'replace', path: `${ENT}:manager.value`, value: 'm' }], []],
    ['Q9 manager with an empty array removes it', [{ op: 'replace', path: 'manager', value: [] }], [{ op: 'remove', path: `${ENT}:manager` }], ['Q9-manager-form']],
    ['Q9 manager {value: null} removes it', [{ op: 'replace', path: `${ENT}:manager`, value: { value: null } }], [{ op: 'remove', path: `${ENT}:manager` }], []],
    ['Q12 null clears', [{ op: 'replace', path: 'title', value: null }], [{ op: 'remove', path: 'title' }], ['Q12-empty-clears']],
    ['Q12 replace of a multi-valued attribute with [] clears it', [{ op: 'replace', path: 'emails', value: [] }], [{ op: 'remove', path: 'emails' }], []],
    ['adding [] or null to a multi-valued attribute is dropped', [{ op: 'add', path: 'emails', value: null }], [], ['Q12-empty-clears']],
    ['path-less null extension object clears its attributes', [{ op: 'replace', value: { [ENT]: null } }], expectExtensionRemovals(), ['Q12-empty-clears', 'Q9-manager-form']],
    ['remove with a value on a single-valued attribute ignores the value', [{ op: 'remove', path: 'title', value: 'x' }], [{ op: 'remove', path: 'title' }], []],
    ['Q7 remove emails by value list', [{ op: 'remove', path: 'emails', value: ['a@x'] }], [{ op: 'remove', path: 'emails[value eq "a@x"]' }], ['Q7-remove-by-value']],
  ])('%s', (_name, ops, operations, quirks) => {
    const result = normalizeEntraPatch(ops as never, userCtx);
    expect(result.operations).toEqual(operations);
    expect([...result.quirks].sort()).toEqual([...(quirks as string[])].sort());
  });

  it('Q7 splits an unflagged members removal into one filtered remove per id, quoting safely', () => {
    const result = normalizeEntraPatch([{ op: 'Remove', path: 'members', value: [{ $ref: null, value: 'a"b\\c' }, { value: 'u2' }, null] }], groupCtx);
    expect(result.operations).toEqual([
      { op: 'remove', path: 'members[value eq "a\\"b\\\\c"]' },
      { op: 'remove', path: 'members[value eq "u2"]' },
    ]);
  });

  it('Q7 an empty removal list removes nothing (never a wipe)', () => {
    expect(normalizeEntraPatch([{ op: 'Remove', path: 'members', value: [] }], groupCtx).operations).toEqual([]);
  });

  it.each([
    ['remove without path → noTarget (RFC 7644 §3.5.2.2)', [{ op: 'remove' }], NoTargetError],
    ['unknown op', [{ op: 'move', path: 'title' }], InvalidValueError],
    ['path-less value that is not an object', [{ op: 'replace', value: 'x' }], InvalidValueError],
    ['unknown attribute path', [{ op: 'replace', path: 'adreses', value: 'x' }], InvalidPathError],
    ['prototype key as a path-less key', [{ op: 'replace', value: JSON.parse('{"__proto__": {"polluted": 1}}') }], InvalidPathError],
    ['prototype key inside an extension object', [{ op: 'replace', value: { [ENT]: JSON.parse('{"constructor": 1}') } }], InvalidPathError],
    ['prototype key inside a complex value', [{ op: 'replace', path: 'name', value: JSON.parse('{"__proto__": "x"}') }], InvalidValueError],
    ['prototype key inside a multi-valued element', [{ op: 'add', path: 'emails', value: [JSON.parse('{"prototype": "x"}')] }], InvalidValueError],
    ['extension key with a non-object value', [{ op: 'replace', value: { [ENT]: 'x' } }], InvalidValueError],
    ['manager with two references', [{ op: 'add', path: 'manager', value: [{ value: 'a' }, { value: 'b' }] }], InvalidValueError],
    ['manager of a wrong type', [{ op: 'add', path: 'manager', value: 5 }], InvalidValueError],
    ['manager.value of a wrong type', [{ op: 'add', path: 'manager', value: { value: 5 } }], InvalidValueError],
    ['remove-by-value item without a string value', [{ op: 'remove', path: 'emails', value: [{ value: 5 }] }], InvalidValueError],
  ])('rejects %s', (_name, ops, type) => {
    expect(() => normalizeEntraPatch(ops as never, userCtx)).toThrow(type as never);
  });

  it('drops unknown and readOnly sub-attributes of a complex value (as applyPatch would)', () => {
    const result = normalizeEntraPatch([{ op: 'replace', path: 'name', value: { givenName: 'A', nickname: 'x' } }], userCtx);
    expect(result.operations).toEqual([{ op: 'replace', path: 'name.givenName', value: 'A' }]);
  });

  it('never mutates its input', () => {
    const ops = [{ op: 'Replace', value: { 'name.givenName': 'A', emails: [{ Primary: 'True', value: 'x' }] } }];
    const snapshot = structuredClone(ops);
    normalizeEntraPatch(ops, userCtx);
    expect(ops).toEqual(snapshot);
  });
});

function expectExtensionRemovals(): Array<{ op: string; path: string }> {
  return ['employeeNumber', 'costCenter', 'organization', 'division', 'department', 'manager'].map((name) => ({ op: 'remove', path: `${ENT}:${name}` }));
}

describe('normalizeEntraPatch: legacy extension dot form (entra-scim.md §4 compliance table)', () => {
  it('urn:…:enterprise:2.0:User.department is read as the colon form', () => {
    const result = normalizeEntraPatch([{ op: 'replace', path: `${ENT}.department`, value: 'D' }], userCtx);
    expect(result.operations).toEqual([{ op: 'replace', path: `${ENT}:department`, value: 'D' }]);
  });

  it('an unknown URN stays unknown', () => {
    expect(() => normalizeEntraPatch([{ op: 'replace', path: 'urn:x:y:z.a.b', value: 'D' }], userCtx)).toThrow(InvalidPathError);
  });
});
