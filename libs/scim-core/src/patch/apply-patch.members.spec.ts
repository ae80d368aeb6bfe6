import { InvalidFilterError, InvalidPathError, InvalidValueError } from '../errors/scim-error';
import { baseResource, groupCtx, userCtx } from '../../test-fixtures/fixture-registry';
import type { PatchOperation } from '../messages/patch-request';
import { applyPatch } from './apply-patch';

const patchGroup = (...ops: PatchOperation[]) => applyPatch(baseResource('tourGuides'), ops, groupCtx);

describe('applyPatch: Group members are planned, not applied (DESIGN.md §5)', () => {
  it.each([
    ['a filter other than value eq', { op: 'remove', path: 'members[display eq "x"]' }, InvalidFilterError],
    ['a filter on add', { op: 'add', path: 'members[value eq "x"]', value: [{ value: 'x' }] }, InvalidPathError],
    ['a sub-attribute path', { op: 'replace', path: 'members.value', value: 'x' }, InvalidPathError],
    ['a member without value', { op: 'add', path: 'members', value: [{ display: 'x' }] }, InvalidValueError],
    ['a member that is not an object', { op: 'add', path: 'members', value: ['u1'] }, InvalidValueError],
    ['a member of an unknown type', { op: 'add', path: 'members', value: [{ value: 'u1', type: 'Robot' }] }, InvalidValueError],
  ])('%s is rejected', (_name, op, type) => {
    expect(() => patchGroup(op as PatchOperation)).toThrow(type as never);
  });

  it('member type is canonicalised, $ref and readOnly display are ignored', () => {
    const result = patchGroup({ op: 'add', path: 'members', value: { value: 'g2', type: 'group', $ref: '../Groups/g2', display: 'G' } });
    expect(result.memberChanges.add).toEqual([{ value: 'g2', type: 'Group' }]);
  });

  it.each([
    ['remove by value list directly (Q7)', [{ op: 'remove', path: 'members', value: [{ value: 'a' }] }], { add: [], remove: ['a'], removeAll: false }],
    ['replace with [] removes all', [{ op: 'replace', path: 'members', value: [] }], { add: [], remove: [], removeAll: true }],
    ['replace then remove one', [{ op: 'replace', path: 'members', value: [{ value: 'a' }, { value: 'b' }] }, { op: 'remove', path: 'members[value eq "a"]' }], { add: [], remove: [], removeAll: false, replace: [{ value: 'b' }] }],
    ['replace then remove all of them', [{ op: 'replace', path: 'members', value: [{ value: 'a' }] }, { op: 'remove', path: 'members[value eq "a" or value eq "z"]' }], { add: [], remove: [], removeAll: true }],
    ['add then remove the same id cancels the add', [{ op: 'add', path: 'members', value: [{ value: 'a' }] }, { op: 'remove', path: 'members[value eq "a"]' }], { add: [], remove: ['a'], removeAll: false }],
    ['remove then add the same id keeps only the add', [{ op: 'remove', path: 'members[value eq "a"]' }, { op: 'add', path: 'members', value: [{ value: 'a' }] }], { add: [{ value: 'a' }], remove: [], removeAll: false }],
    ['add null changes nothing', [{ op: 'add', path: 'members', value: null }], { add: [], remove: [], removeAll: false }],
  ])('%s', (_name, ops, changes) => {
    const result = patchGroup(...(ops as PatchOperation[]));
    expect(result.memberChanges).toEqual(changes);
    expect(result.changed).toBe(true);
    expect(result.resource).toEqual(baseResource('tourGuides'));
  });

  it('members is not an attribute of User', () => {
    expect(() => applyPatch(baseResource('minimal'), [{ op: 'add', path: 'members', value: [{ value: 'a' }] }], userCtx)).toThrow(InvalidPathError);
  });
});
