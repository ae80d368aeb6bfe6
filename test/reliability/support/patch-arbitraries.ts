import fc from 'fast-check';

const ENT = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const POISON = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__'];

/** PATCH paths: valid, value-filtered, Entra spellings, read-only targets, poison keys, garbage. */
export const userPath = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(
    'displayName', 'title', 'nickName', 'externalId', 'active', 'userName', 'name.givenName', 'Name.FamilyName', 'name', 'emails',
    'emails[type eq "work"].value', 'Emails[Type eq "home"]', 'emails[value ew "example.com"]', 'phoneNumbers[type eq "mobile"].value',
    'addresses[type eq "work"].locality', 'roles', 'preferredLanguage', `${ENT}:department`, `${ENT}:manager`, `${ENT}:employeeNumber`,
    'urn:ietf:params:scim:schemas:core:2.0:User:displayName', 'password',
  ) },
  { weight: 2, arbitrary: fc.constantFrom('id', 'meta', 'meta.version', 'meta.created', 'schemas', 'groups', 'members') },
  { weight: 2, arbitrary: fc.constantFrom(...POISON, ...POISON.map((p) => `${p}.polluted`), 'constructor.prototype.polluted',
    'name.__proto__', 'emails[__proto__ eq "x"].value', `${ENT}:__proto__`, 'urn:x:y:__proto__', '__proto__[value eq "x"]') },
  { weight: 1, arbitrary: fc.string({ maxLength: 20 }) },
);

export const groupPath = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('displayName', 'externalId', 'members', 'members[value eq "$MEMBER"]', 'Members') },
  { weight: 2, arbitrary: fc.constantFrom('id', 'meta', 'schemas', 'members.value', ...POISON, '__proto__.polluted', 'members[__proto__ eq "x"]') },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
);

const key = fc.oneof(
  fc.constantFrom(...POISON, 'polluted', 'value', 'Value', 'type', 'primary', 'display', 'givenName', 'familyName', 'name.givenName',
    'emails', 'title', 'displayName', 'active', 'id', 'schemas', 'meta', ENT, `${ENT}:department`, 'manager', '$ref'),
  fc.string({ maxLength: 6 }),
);

/** JSON values; objects built with own `__proto__` keys, as JSON.parse builds them. */
export const value: fc.Arbitrary<unknown> = fc.letrec<{ v: unknown }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small' },
    fc.oneof(fc.string({ maxLength: 10 }), fc.boolean(), fc.integer({ min: -5, max: 100 }), fc.constant(null),
      fc.constantFrom('True', 'False', '', 'work', 'home', 'x@example.com', '$MEMBER', '$OTHER_TENANT')),
    fc.array(tie('v'), { maxLength: 3 }),
    fc.array(fc.tuple(key, tie('v')), { maxLength: 4 }).map((entries) => Object.fromEntries(entries)),
  ),
})).v;

const opName = fc.constantFrom('add', 'Add', 'ADD', 'replace', 'Replace', 'remove', 'Remove', 'move', 'copy');
const memberValue = fc.constantFrom('$MEMBER', '$MEMBER2', '$OTHER_TENANT', '$NEVER', '$SELF');
const memberList = fc.array(fc.oneof(fc.record({ value: memberValue }), value), { maxLength: 3 });

const text = fc.string({ minLength: 1, maxLength: 12 });
const email = fc.tuple(fc.constantFrom('a', 'b', 'Zoë', "o'neil", 'x_y%'), fc.constantFrom('example.com', 'Example.COM')).map(([u, d]) => `${u}@${d}`);
const add = fc.constantFrom('add', 'Add');
const replace = fc.constantFrom('replace', 'Replace');
const remove = fc.constantFrom('remove', 'Remove');

/** Well-formed operations, as Entra and RFC 7644 §3.5.2 send them: most of them apply. */
const wellFormedUserOp = fc.oneof(
  fc.record({ op: fc.oneof(add, replace), path: fc.constantFrom('displayName', 'title', 'nickName', 'externalId', 'name.givenName', 'preferredLanguage',
    `${ENT}:department`, `${ENT}:employeeNumber`), value: text }),
  fc.record({ op: replace, path: fc.constant('active'), value: fc.constantFrom(true, false, 'True', 'False') }),
  fc.record({ op: add, path: fc.constant('emails'), value: fc.array(fc.record({ value: email, type: fc.constantFrom('work', 'home') }), { minLength: 1, maxLength: 2 }) }),
  fc.record({ op: fc.oneof(add, replace), path: fc.constantFrom('emails[type eq "work"].value', 'phoneNumbers[type eq "mobile"].value'), value: email }),
  fc.record({ op: remove, path: fc.constantFrom('title', 'nickName', 'emails[type eq "home"]', 'name.givenName', 'emails', `${ENT}:department`, 'phoneNumbers') }),
  fc.record({ op: fc.oneof(add, replace), value: fc.record({ displayName: text, title: text, 'name.familyName': text }, { requiredKeys: [] }) }),
  fc.record({ op: fc.oneof(add, replace), value: fc.record({ [ENT]: fc.record({ department: text, manager: fc.constant({ value: '$MEMBER' }) }, { requiredKeys: [] }) }) }),
  fc.record({ op: replace, path: fc.constant(`${ENT}:manager`), value: fc.constantFrom('$MEMBER', '$NEVER') }),
);

export const userOp = fc.oneof(
  { weight: 3, arbitrary: wellFormedUserOp },
  { weight: 1, arbitrary: fc.record({ op: opName, path: userPath, value }, { requiredKeys: ['op'] }) },
);

const members = fc.array(fc.record({ value: memberValue }), { minLength: 1, maxLength: 3 });
const wellFormedGroupOp = fc.oneof(
  fc.record({ op: fc.oneof(add, replace), path: fc.constantFrom('displayName', 'externalId'), value: text }),
  fc.record({ op: add, path: fc.constant('members'), value: members }),
  fc.record({ op: replace, path: fc.constant('members'), value: members }),
  fc.record({ op: remove, path: fc.constantFrom('members[value eq "$MEMBER"]', 'members[value eq "$MEMBER2"]', 'members', 'externalId') }),
  fc.record({ op: remove, path: fc.constant('members'), value: members }),
);

export const groupOp = fc.oneof(
  { weight: 3, arbitrary: wellFormedGroupOp },
  { weight: 1, arbitrary: fc.record({ op: opName, path: groupPath, value: fc.oneof(value, memberList) }, { requiredKeys: ['op'] }) },
);

/** A PATCH request body; sometimes malformed at the envelope level. */
export function body(op: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 12, arbitrary: fc.array(op, { minLength: 1, maxLength: 5 }).map((Operations) => ({ schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations })) },
    { weight: 1, arbitrary: fc.constantFrom({}, { Operations: [] }, { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: {} }, [], 'x', null) },
  );
}
