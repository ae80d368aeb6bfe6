import { FX, FX_WORK_EMAIL } from './scim-seed.fixtures';
import { TEST_EXTENSION_URN } from './test-extension.schema';

/** Table-driven cases of filter-sql-oracle.spec.ts (each is also checked against the evaluator). */

/** [path, literal]: every operator, pr and null on dedicated columns and the attribute index. */
export const OPERATOR_CASES: [string, string][] = [
  ['userName', '"fixture.PERCENT@example.com"'], ['externalId', '"EXT1"'], ['title', '"Engineer"'], ['emails.value', '"example.com"'],
  ['meta.created', '"2019-06-01T08:00:00Z"'], ['meta.lastModified', '"2020-01-01T00:00:00+01:00"'], [`${TEST_EXTENSION_URN}:level`, '7'],
  ['score', '2.5'], ['hiredAt', '"2010-01-01T00:00:00"'], ['badge', '"B-100"'], ['tags', '"beta"'], ['manager', `"${FX.plain.toUpperCase()}"`],
  ['groups.display', '"Sales"'], ['name.familyName', '"Lee"'], ['urn:ietf:params:scim:schemas:core:2.0:User:displayName', '"Fixture One"'],
];

/** [filter, ids that must match, ids that must not]: LIKE metacharacters are data. */
export const METACHARACTER_CASES: [string, string[], string[]][] = [
  ['title co "%b_"', [FX.percent], [FX.plain]],
  ['title sw "a%"', [FX.percent], [FX.plain]],
  ['title co "_"', [FX.percent], [FX.plain]],
  ['title ew "c\\\\d"', [FX.percent, FX.plain], []],
  ['emails.value co "%_sure\\\\PATH\\"Q\'"', [FX.percent], [FX.plain]],
  ['emails.value sw "axb_"', [FX.plain], [FX.percent]],
  ['tags co "_"', [FX.percent], []],
];

/** [filter, fixture ids expected]: caseExact true vs false. */
export const CASE_SENSITIVITY_CASES: [string, string[]][] = [
  ['externalId eq "FX-Ext"', [FX.percent]],
  ['externalId eq "fx-ext"', [FX.plain]],
  ['externalId co "X-E"', [FX.percent]],
  ['badge eq "fxbadge"', []],
  ['badge co "xB"', [FX.percent]],
  ['badge co "xb"', []],
  ['userName eq "FIXTURE.PERCENT@EXAMPLE.COM"', [FX.percent]],
  ['title co "A%B"', [FX.percent]],
  [`id eq "${FX.percent.toUpperCase()}"`, []],
];

/** [filter, resource type, ids expected]: the filters Entra sends (entra-scim.md Q14). */
export const ENTRA_CASES: [string, 'User' | 'Group', string[]][] = [
  ['userName eq "Fixture.Percent@Example.com"', 'User', [FX.percent]],
  ['userName eq "8c9d4e3f-0000-4000-a000-000000000000"', 'User', []],
  ['externalId eq "FX-Ext"', 'User', [FX.percent]],
  [`emails[type eq "work"].value eq ${JSON.stringify(FX_WORK_EMAIL.toLowerCase())}`, 'User', [FX.percent]],
  [`emails[type eq "home"].value eq ${JSON.stringify(FX_WORK_EMAIL)}`, 'User', []],
  [`id eq "${FX.percent}" and manager eq "${FX.plain}"`, 'User', [FX.percent]],
  [`id eq "${FX.percent}" and manager eq "${FX.percent}"`, 'User', []],
  [`id eq "${FX.group}" and members eq "${FX.percent}"`, 'Group', [FX.group]],
  [`id eq "${FX.group}" and members eq "${FX.otherTenant}"`, 'Group', []],
  ['displayName eq "fixture group"', 'Group', [FX.group]],
];

/** sortBy paths: dedicated columns, index strings, multi-valued (primary first), numbers, dates. */
export const SORT_PATHS: string[] = [
  'userName', 'externalId', 'id', 'active', 'title', 'displayName', 'name.familyName', 'emails', 'emails.type', 'phoneNumbers.value',
  'addresses.postalCode', 'roles.primary', 'manager', 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department',
  `${TEST_EXTENSION_URN}:level`, 'score', 'hiredAt', 'remote', 'badge', 'tags', 'meta.created', 'meta.lastModified', 'meta.version',
];
