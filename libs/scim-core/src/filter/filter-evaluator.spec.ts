import { URN } from '../messages/urns';
import { GROUPS, USERS } from '../../test-fixtures/filter-resources';
import { ENTRA_GROUP_FILTER_EXAMPLES, ENTRA_USER_FILTER_EXAMPLES, RFC7644_FILTER_EXAMPLES } from '../../test-fixtures/rfc7644-filter-examples';
import { groupCtx, TEST_URN, userCtx } from '../../test-fixtures/typed-user-registry';
import { compileFilter, evaluateFilter } from './filter-evaluator';
import { parseFilter } from './filter-parser';

function matching(text: string, resources: Record<string, unknown>[], ctx = userCtx): string[] {
  const predicate = compileFilter(parseFilter(text), ctx);
  return resources.filter(predicate).map((r) => r.id as string);
}

describe('evaluateFilter — RFC 7644 §3.4.2.2 filter examples against fixture users', () => {
  it.each(RFC7644_FILTER_EXAMPLES.map((e) => [e.filter, e.matches] as const))('%s', (text, ids) => {
    expect(matching(text, USERS)).toEqual(ids);
  });
});

describe('evaluateFilter — Entra filter forms (entra-scim.md Q14, §3, §11)', () => {
  it.each(ENTRA_USER_FILTER_EXAMPLES.map((e) => [e.filter, e.matches] as const))('Users: %s', (text, ids) => {
    expect(matching(text, USERS)).toEqual(ids);
  });
  it.each(ENTRA_GROUP_FILTER_EXAMPLES.map((e) => [e.filter, e.matches] as const))('Groups: %s', (text, ids) => {
    expect(matching(text, GROUPS, groupCtx)).toEqual(ids);
  });
});

const typed = {
  id: 't1',
  userName: 'Typed',
  nickName: '',
  title: null,
  emails: [],
  phoneNumbers: [null, { value: '555', type: 'work' }],
  name: { givenName: '', familyName: null },
  addresses: [{ type: 'work' }],
  [TEST_URN]: {
    level: 5, score: 2.5, hired: '2020-06-01T12:00:00+02:00', badge: 'QUJD', tags: ['Red', 'blue'], code: 'AbC',
    office: { building: 'B1' },
  },
};

describe('evaluateFilter — documented semantics (filter-evaluator.ts header)', () => {
  it.each<[string, boolean]>([
    // Missing / null / empty values (RFC 7644 §3.4.2.2 "pr").
    ['title pr', false],
    ['title eq null', true],
    ['title ne null', false],
    ['nickName pr', false],
    ['nickName eq ""', true],
    ['displayName eq "x"', false],
    ['displayName ne "x"', true],
    ['displayName pr', false],
    ['displayName eq null', true],
    ['emails pr', false],
    ['emails eq null', true],
    ['emails.value pr', false],
    ['name pr', false],
    ['name.givenName pr', false],
    ['addresses pr', true],
    ['addresses.formatted pr', false],
    ['phoneNumbers pr', true],
    ['phoneNumbers eq "555"', true],
    ['userName ne null', true],
    // Case sensitivity: caseExact false folds, caseExact true does not.
    ['userName eq "TYPED"', true],
    ['userName co "YP"', true],
    [`${TEST_URN}:code eq "AbC"`, true],
    [`${TEST_URN}:code eq "abc"`, false],
    [`${TEST_URN}:code sw "Ab"`, true],
    ['id eq "T1"', false],
    // Ordering on strings: code-unit order after folding.
    ['userName gt "typea"', true],
    ['userName ge "typed"', true],
    ['userName lt "typee"', true],
    ['userName le "TYPEC"', false],
    ['userName ew "ED"', true],
    // Numbers.
    [`${TEST_URN}:level eq 5`, true],
    [`${TEST_URN}:level gt 4.5`, true],
    [`${TEST_URN}:level ge "5"`, true],
    [`${TEST_URN}:level lt 5`, false],
    [`${TEST_URN}:level le -1e3`, false],
    [`${TEST_URN}:level ne 5`, false],
    [`${TEST_URN}:score gt 2`, true],
    [`${TEST_URN}:score eq 2.5`, true],
    // dateTime compares instants; a missing offset is UTC.
    [`${TEST_URN}:hired eq "2020-06-01T10:00:00Z"`, true],
    [`${TEST_URN}:hired eq "2020-06-01T10:00:00.000Z"`, true],
    [`${TEST_URN}:hired gt "2020-06-01T10:00:00"`, false],
    [`${TEST_URN}:hired ge "2020-06-01t10:00:00z"`, true],
    [`${TEST_URN}:hired lt "2020-06-01T10:00:00.001Z"`, true],
    // Binary and multi-valued simple attributes.
    [`${TEST_URN}:badge eq "QUJD"`, true],
    [`${TEST_URN}:badge co "ujd"`, false],
    [`${TEST_URN}:tags eq "red"`, true],
    [`${TEST_URN}:tags ne "green"`, true],
    [`${TEST_URN}:tags pr`, true],
    // A complex attribute without a value sub-attribute is present when one sub-attribute is.
    [`${TEST_URN}:office pr`, true],
    [`${TEST_URN}:office.building eq "b1"`, true],
    // Value paths use the sub-attribute definitions.
    ['phoneNumbers[type eq "WORK" and value eq "555"]', true],
    ['phoneNumbers[type eq "home"]', false],
    ['phoneNumbers[not (type eq "home")]', true],
    ['emails[type eq "work"]', false],
    ['not (emails[type eq "work"])', true],
  ])('%s → %s', (text, expected) => {
    expect(evaluateFilter(parseFilter(text), typed, userCtx)).toBe(expected);
  });

  it.each<[string, Record<string, unknown>, boolean]>([
    ['active eq true', { active: true }, true],
    ['active eq "TRUE"', { active: true }, true],
    ['active eq "false"', { active: false }, true],
    ['active ne true', {}, true],
    ['active eq false', {}, false],
    ['active eq true', { active: 'true' }, false],
    ['roles[primary eq "True"]', { roles: [{ value: 'a', primary: 'True' }] }, false],
    ['userName eq "x"', { userName: 42 }, false],
    ['userName eq "x"', { USERNAME: 'X' }, true],
    ['name.givenName eq "b"', { Name: { GivenName: 'B' } }, true],
    ['emails eq "a@x"', { emails: { value: 'a@x' } }, true],
    ['emails[type eq "work"]', { emails: ['not-an-object', { type: 'work' }] }, true],
    ['emails[type eq "work"]', { emails: 'nope' }, false],
    ['meta.created gt "2020-01-01T00:00:00Z"', { meta: { created: 'garbage' } }, false],
    [`${TEST_URN}:level gt 1`, { [TEST_URN]: { level: '7' } }, false],
    [`${TEST_URN}:level gt 1`, { [TEST_URN.toUpperCase()]: { LEVEL: 7 } }, true],
    ['manager eq "m"', { [URN.ENTERPRISE_USER]: { manager: { value: 'M' } } }, true],
    ['manager pr', { [URN.ENTERPRISE_USER]: { manager: { value: '' } } }, false],
    ['manager eq "m"', { manager: { value: 'm' } }, false],
    ['externalId eq true', { externalId: 'true' }, true],
    ['userName eq "a" or not (userName pr)', {}, true],
    ['groups eq "g-1"', { groups: [{ value: 'g-1', display: 'Tour Guides' }] }, true],
  ])('%s on %j → %s', (text, resource, expected) => {
    expect(evaluateFilter(parseFilter(text), resource, userCtx)).toBe(expected);
  });

  it('ignores inherited properties (own keys only)', () => {
    const resource = Object.create({ userName: 'inherited' }) as Record<string, unknown>;
    expect(evaluateFilter(parseFilter('userName pr'), resource, userCtx)).toBe(false);
  });
});
