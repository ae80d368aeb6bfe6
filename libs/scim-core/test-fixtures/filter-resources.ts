import { URN } from '../src/messages/urns';

/**
 * Seed resources for filter specs, shaped like RFC 7643 §8.2 / Entra payloads: core attributes
 * top-level, meta under `meta`, enterprise attributes under the extension URN.
 */
export const USERS: Record<string, unknown>[] = [
  {
    schemas: [URN.USER, URN.ENTERPRISE_USER],
    id: 'u-bjensen',
    externalId: 'bjensen-ext',
    userName: 'bjensen',
    name: { familyName: 'Jensen', givenName: 'Barbara' },
    title: 'Tour Guide',
    userType: 'Employee',
    active: true,
    emails: [
      { value: 'bjensen@example.com', type: 'work', primary: true },
      { value: 'babs@jensen.org', type: 'home' },
    ],
    ims: [{ value: 'someaimhandle', type: 'aim' }],
    meta: { resourceType: 'User', created: '2010-01-23T04:56:22Z', lastModified: '2011-05-13T04:42:34Z' },
    [URN.ENTERPRISE_USER]: { employeeNumber: '701984', department: 'Tour Operations', manager: { value: 'mgr-1' } },
  },
  {
    schemas: [URN.USER],
    id: 'u-jsmith',
    externalId: 'jyoung',
    userName: 'JSmith',
    name: { familyName: "O'Malley", givenName: 'Joy' },
    userType: 'Intern',
    active: false,
    emails: [{ value: 'jsmith@example.org', type: 'work' }],
    ims: [{ value: 'js@foo.com', type: 'xmpp' }],
    meta: { resourceType: 'User', created: '2011-01-01T00:00:00Z', lastModified: '2011-05-13T04:42:34.000Z' },
  },
  {
    schemas: [URN.USER],
    id: 'u-john',
    externalId: '12345',
    userName: 'john',
    title: '',
    userType: 'Employee',
    emails: [{ value: 'john@example.com', type: 'home' }],
    roles: [{ value: 'Admin', primary: true }],
    meta: { resourceType: 'User', created: '2012-01-01T00:00:00Z', lastModified: '2012-01-01T00:00:00Z' },
  },
  {
    schemas: [URN.USER],
    id: 'u-nobody',
    userName: 'nobody',
    emails: [],
    meta: { resourceType: 'User', created: '2009-01-01T00:00:00Z', lastModified: '2009-01-01T00:00:00Z' },
  },
];

export const GROUPS: Record<string, unknown>[] = [
  {
    schemas: [URN.GROUP],
    id: 'g-1',
    externalId: '8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159',
    displayName: 'Tour Guides',
    members: [{ value: 'u-bjensen', type: 'User' }, { value: 'u-john', type: 'User' }],
    meta: { resourceType: 'Group', created: '2010-01-23T04:56:22Z', lastModified: '2011-05-13T04:42:34Z' },
  },
  { schemas: [URN.GROUP], id: 'g-2', displayName: 'Empty Group', members: [] },
];
