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

export const userOp = fc.record({ op: opName, path: userPath, value }, { requiredKeys: ['op'] });
export const groupOp = fc.oneof(
  fc.record({ op: opName, path: groupPath, value: fc.oneof(value, memberList) }, { requiredKeys: ['op'] }),
  fc.record({ op: opName, path: fc.constant('members'), value: memberList }),
);

/** A PATCH request body; sometimes malformed at the envelope level. */
export function body(op: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 12, arbitrary: fc.array(op, { minLength: 1, maxLength: 5 }).map((Operations) => ({ schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations })) },
    { weight: 1, arbitrary: fc.constantFrom({}, { Operations: [] }, { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: {} }, [], 'x', null) },
  );
}
