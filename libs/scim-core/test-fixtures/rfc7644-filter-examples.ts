import type { Filter } from '../src/filter/ast';
import { URN } from '../src/messages/urns';
import { and, cmp, not, or, pr, vp } from './filter-ast-builders';

export interface FilterExample {
  filter: string;
  ast: Filter;
  /** ids of filter-resources.ts USERS that match. */
  matches: string[];
}

const EMAILS_EXAMPLE = or(cmp('emails', 'co', 'example.com'), cmp('emails.value', 'co', 'example.org'));

/** Every filter example of RFC 7644 §3.4.2.2 (Figure "Filter examples"), in order. */
export const RFC7644_FILTER_EXAMPLES: FilterExample[] = [
  { filter: 'userName Eq "john"', ast: cmp('userName', 'eq', 'john'), matches: ['u-john'] },
  { filter: 'name.familyName co "O\'Malley"', ast: cmp('name.familyName', 'co', "O'Malley"), matches: ['u-jsmith'] },
  { filter: 'userName sw "J"', ast: cmp('userName', 'sw', 'J'), matches: ['u-jsmith', 'u-john'] },
  {
    filter: 'urn:ietf:params:scim:schemas:core:2.0:User:userName sw "J"',
    ast: cmp(`${URN.USER}:userName`, 'sw', 'J'),
    matches: ['u-jsmith', 'u-john'],
  },
  { filter: 'title pr', ast: pr('title'), matches: ['u-bjensen'] },
  { filter: 'meta.lastModified gt "2011-05-13T04:42:34Z"', ast: cmp('meta.lastModified', 'gt', '2011-05-13T04:42:34Z'), matches: ['u-john'] },
  { filter: 'meta.lastModified ge "2011-05-13T04:42:34Z"', ast: cmp('meta.lastModified', 'ge', '2011-05-13T04:42:34Z'), matches: ['u-bjensen', 'u-jsmith', 'u-john'] },
  { filter: 'meta.lastModified lt "2011-05-13T04:42:34Z"', ast: cmp('meta.lastModified', 'lt', '2011-05-13T04:42:34Z'), matches: ['u-nobody'] },
  { filter: 'meta.lastModified le "2011-05-13T04:42:34Z"', ast: cmp('meta.lastModified', 'le', '2011-05-13T04:42:34Z'), matches: ['u-bjensen', 'u-jsmith', 'u-nobody'] },
  { filter: 'title pr and userType eq "Employee"', ast: and(pr('title'), cmp('userType', 'eq', 'Employee')), matches: ['u-bjensen'] },
  { filter: 'title pr or userType eq "Intern"', ast: or(pr('title'), cmp('userType', 'eq', 'Intern')), matches: ['u-bjensen', 'u-jsmith'] },
  {
    filter: 'schemas eq "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"',
    ast: cmp('schemas', 'eq', URN.ENTERPRISE_USER),
    matches: ['u-bjensen'],
  },
  {
    filter: 'userType eq "Employee" and (emails co "example.com" or emails.value co "example.org")',
    ast: and(cmp('userType', 'eq', 'Employee'), EMAILS_EXAMPLE),
    matches: ['u-bjensen', 'u-john'],
  },
  {
    filter: 'userType ne "Employee" and not (emails co "example.com" or emails.value co "example.org")',
    ast: and(cmp('userType', 'ne', 'Employee'), not(EMAILS_EXAMPLE)),
    matches: ['u-nobody'],
  },
  {
    filter: 'userType eq "Employee" and (emails.type eq "work")',
    ast: and(cmp('userType', 'eq', 'Employee'), cmp('emails.type', 'eq', 'work')),
    matches: ['u-bjensen'],
  },
  {
    filter: 'userType eq "Employee" and emails[type eq "work" and value co "@example.com"]',
    ast: and(cmp('userType', 'eq', 'Employee'), vp('emails', and(cmp('type', 'eq', 'work'), cmp('value', 'co', '@example.com')))),
    matches: ['u-bjensen'],
  },
  {
    filter: 'emails[type eq "work" and value co "@example.com"] or ims[type eq "xmpp" and value co "@foo.com"]',
    ast: or(
      vp('emails', and(cmp('type', 'eq', 'work'), cmp('value', 'co', '@example.com'))),
      vp('ims', and(cmp('type', 'eq', 'xmpp'), cmp('value', 'co', '@foo.com'))),
    ),
    matches: ['u-bjensen', 'u-jsmith'],
  },
];

/** The filter forms Entra sends (entra-scim.md §1.1, §2, §3, Q9, Q14, §11 items 1–3, 20–23, 54). */
export const ENTRA_USER_FILTER_EXAMPLES: FilterExample[] = [
  { filter: 'userName eq "7d420df3-9995-4831-a406-ecf8166f5f6a"', ast: cmp('userName', 'eq', '7d420df3-9995-4831-a406-ecf8166f5f6a'), matches: [] },
  { filter: 'userName eq "JOHN"', ast: cmp('userName', 'eq', 'JOHN'), matches: ['u-john'] },
  { filter: 'externalId eq "jyoung"', ast: cmp('externalId', 'eq', 'jyoung'), matches: ['u-jsmith'] },
  { filter: 'externalId eq jyoung', ast: cmp('externalId', 'eq', 'jyoung'), matches: ['u-jsmith'] },
  { filter: 'externalId eq "JYOUNG"', ast: cmp('externalId', 'eq', 'JYOUNG'), matches: [] },
  { filter: 'externalId eq 12345', ast: cmp('externalId', 'eq', 12345), matches: ['u-john'] },
  {
    filter: 'emails[type eq "work"].value eq "bjensen@example.com"',
    ast: vp('emails', and(cmp('type', 'eq', 'work'), cmp('value', 'eq', 'bjensen@example.com'))),
    matches: ['u-bjensen'],
  },
  {
    filter: 'emails[type eq "work"].value eq "john@example.com"',
    ast: vp('emails', and(cmp('type', 'eq', 'work'), cmp('value', 'eq', 'john@example.com'))),
    matches: [],
  },
  { filter: 'id eq "u-bjensen" and manager eq "mgr-1"', ast: and(cmp('id', 'eq', 'u-bjensen'), cmp('manager', 'eq', 'mgr-1')), matches: ['u-bjensen'] },
  { filter: 'id eq "u-bjensen" and manager eq "mgr-2"', ast: and(cmp('id', 'eq', 'u-bjensen'), cmp('manager', 'eq', 'mgr-2')), matches: [] },
  { filter: 'id eq "U-BJENSEN"', ast: cmp('id', 'eq', 'U-BJENSEN'), matches: [] },
  {
    filter: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value eq "mgr-1"',
    ast: cmp(`${URN.ENTERPRISE_USER}:manager.value`, 'eq', 'mgr-1'),
    matches: ['u-bjensen'],
  },
  {
    filter: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber eq "701984"',
    ast: cmp(`${URN.ENTERPRISE_USER}:employeeNumber`, 'eq', '701984'),
    matches: ['u-bjensen'],
  },
  { filter: 'department eq "tour operations"', ast: cmp('department', 'eq', 'tour operations'), matches: ['u-bjensen'] },
  { filter: 'roles[primary eq "True"]', ast: vp('roles', cmp('primary', 'eq', 'True')), matches: ['u-john'] },
  {
    filter: 'emails[TYPE eq "WORK"].Value eq "BJENSEN@example.com"',
    ast: vp('emails', and(cmp('TYPE', 'eq', 'WORK'), cmp('Value', 'eq', 'BJENSEN@example.com'))),
    matches: ['u-bjensen'],
  },
  { filter: 'active eq false', ast: cmp('active', 'eq', false), matches: ['u-jsmith'] },
];

/** Group forms (entra-scim.md §1.1 legacy member query, §3 Test Connection, G3). */
export const ENTRA_GROUP_FILTER_EXAMPLES: FilterExample[] = [
  { filter: 'displayName eq "Tour Guides"', ast: cmp('displayName', 'eq', 'Tour Guides'), matches: ['g-1'] },
  { filter: 'displayName eq "tour guides"', ast: cmp('displayName', 'eq', 'tour guides'), matches: ['g-1'] },
  { filter: 'displayName eq "0b7b2f08-4c1e-4b8a-9a55-2ddf1c1ad8f0"', ast: cmp('displayName', 'eq', '0b7b2f08-4c1e-4b8a-9a55-2ddf1c1ad8f0'), matches: [] },
  { filter: 'id eq "g-1" and members eq "u-john"', ast: and(cmp('id', 'eq', 'g-1'), cmp('members', 'eq', 'u-john')), matches: ['g-1'] },
  { filter: 'id eq "g-1" and members eq "u-jsmith"', ast: and(cmp('id', 'eq', 'g-1'), cmp('members', 'eq', 'u-jsmith')), matches: [] },
  { filter: 'members.value eq "u-bjensen"', ast: cmp('members.value', 'eq', 'u-bjensen'), matches: ['g-1'] },
  { filter: 'externalId eq "8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159"', ast: cmp('externalId', 'eq', '8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159'), matches: ['g-1'] },
  { filter: 'members[value eq "u-john"]', ast: vp('members', cmp('value', 'eq', 'u-john')), matches: ['g-1'] },
  { filter: 'members pr', ast: pr('members'), matches: ['g-1'] },
];
