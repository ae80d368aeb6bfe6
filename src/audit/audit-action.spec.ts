import { actionOfChange, actionOfFailure } from './audit-action';
import type { AttributeChange } from './audit-diff';
import type { AuditChange } from './audit.types';

const user = (kind: AuditChange['kind'], before?: object, after?: object): AuditChange =>
  ({ kind, resourceType: 'User', resourceId: 'u', status: 200, before: before as never, after: after as never });
const group = (kind: AuditChange['kind'], members?: Partial<NonNullable<AuditChange['members']>>): AuditChange => ({
  kind, resourceType: 'Group', resourceId: 'g', status: 200, before: {}, after: {},
  members: members && { added: [], removed: [], removedAll: false, skipped: [], ...members },
});
const changed = (attribute: string): AttributeChange[] => [{ attribute, before: 'a', after: 'b' }];

describe('actionOfChange (issue 5 action names)', () => {
  it.each<[string, AuditChange, AttributeChange[], string]>([
    ['create', user('create', undefined, {}), [], 'user.created'],
    ['delete', user('delete', {}), [], 'user.deleted'],
    ['active true→false', user('patch', { active: true }, { active: false }), changed('active'), 'user.disabled'],
    ['active false→true', user('patch', { active: false }, { active: true }), changed('active'), 'user.enabled'],
    ['PUT that disables', user('replace', { active: true }, { active: false }), changed('active'), 'user.disabled'],
    ['absent active counts as enabled', user('patch', {}, { active: false }), changed('active'), 'user.disabled'],
    ['other attribute', user('patch', { active: true }, { active: true }), changed('title'), 'user.updated'],
    ['no-op patch', user('patch', {}, {}), [], 'user.updated'],
    ['group create', group('create'), [], 'group.created'],
    ['group delete', group('delete'), [], 'group.deleted'],
    ['displayName', group('patch'), changed('displayName'), 'group.renamed'],
    ['displayName with members', group('replace', { added: ['u'] }), changed('displayName'), 'group.renamed'],
    ['other attribute', group('patch'), changed('externalId'), 'group.updated'],
    ['members added only', group('patch', { added: ['u'] }), [], 'group.members_added'],
    ['members removed only', group('patch', { removed: ['u'] }), [], 'group.members_removed'],
    ['all members removed', group('patch', { removedAll: true }), [], 'group.members_removed'],
    ['added and removed', group('patch', { added: ['a'], removed: ['b'] }), [], 'group.members_changed'],
    ['PUT members (replace all)', group('replace', { added: ['a'], removedAll: true }), [], 'group.members_changed'],
    ['only skipped ids', group('patch', { skipped: ['x'] }), [], 'group.updated'],
  ])('%s → %s', (_name, change, diff, expected) => expect(actionOfChange(change, diff)).toBe(expected));
});

describe('actionOfFailure', () => {
  it.each([
    ['POST', 'User', 'user.created'], ['PUT', 'User', 'user.updated'], ['PATCH', 'Group', 'group.updated'],
    ['DELETE', 'Group', 'group.deleted'], ['post', undefined, 'resource.created'],
  ] as const)('%s %s → %s', (method, type, expected) => expect(actionOfFailure(method, type)).toBe(expected));
});
