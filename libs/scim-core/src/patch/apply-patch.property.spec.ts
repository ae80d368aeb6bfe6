import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { ScimError } from '../errors/scim-error';
import { baseResource, registry } from '../../test-fixtures/fixture-registry';
import type { PatchOperation } from '../messages/patch-request';
import { coerceResource } from '../resource/coerce-resource';
import { applyPatch } from './apply-patch';
import { normalizeEntraPatch } from './normalize-entra-patch';

/**
 * reliability-plan.md §5.2 F2: random PATCH sequences (mixed-case ops, with and without paths,
 * value filters, poison keys in paths and values, readOnly targets) never pollute
 * Object.prototype, only ever throw ScimError, and never modify their input (RFC 7644 §3.5.2
 * atomicity). CI runs at least 10,000 cases per property.
 */
const RUNS = Number(process.env.FC_RUNS ?? 10000);
const ENT = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const POISON = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__'];

const pathArb = fc.oneof(
  fc.constantFrom(
    'userName', 'name.givenName', 'Name.GivenName', 'name', 'emails', 'Emails[Type eq "work"].Value', 'emails[type eq "work"]',
    'emails[value ew "example.com"]', 'emails[type eq "work" and primary eq true].display', 'phoneNumbers[type eq "mobile"].value',
    'addresses[type eq "work"].streetAddress', 'roles[primary eq "True"].value', 'active', 'title', 'nickName', 'externalId',
    'id', 'meta', 'meta.created', 'schemas', 'groups', 'members', 'members[value eq "u1"]', 'displayName', 'manager',
    'manager[value eq "m"]', `${ENT}:manager`, `${ENT}:manager.displayName`, `${ENT}:department`, `${ENT}.department`,
  ),
  fc.constantFrom(
    ...POISON,
    ...POISON.map((p) => `${p}.polluted`),
    'constructor.prototype.polluted', 'name.__proto__', 'name.constructor', 'emails[__proto__ eq "x"].value',
    'emails[type eq "x"].__proto__', `${ENT}:__proto__`, `${ENT}:constructor.prototype`, 'urn:x:y:__proto__', '__proto__[value eq "x"]',
  ),
  fc.string({ maxLength: 30 }),
);

const keyArb = fc.oneof(
  fc.constantFrom(...POISON, 'polluted', 'value', 'Value', 'type', 'primary', 'Primary', 'display', 'givenName', 'name.givenName',
    'emails', 'name', ENT, `${ENT}:department`, `${ENT}:manager`, 'manager', 'title', 'active', 'id', 'schemas', 'members', '$ref'),
  fc.string({ maxLength: 8 }),
);

/** JSON-like values whose objects are built like JSON.parse builds them: `__proto__` as an OWN key. */
const valueArb: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.oneof(fc.string({ maxLength: 8 }), fc.boolean(), fc.integer(), fc.constant(null), fc.constantFrom('True', 'False', '', 'work', 'u1')),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.array(fc.tuple(keyArb, tie('value')), { maxLength: 4 }).map((entries) => Object.fromEntries(entries)),
  ),
})).value;

const opArb: fc.Arbitrary<PatchOperation> = fc.record(
  {
    op: fc.constantFrom('add', 'Add', 'ADD', 'replace', 'Replace', 'remove', 'Remove', 'REMOVE', 'move'),
    path: pathArb,
    value: valueArb,
  },
  { requiredKeys: ['op'] },
);

const scenarioArb = fc.record({
  resourceType: fc.constantFrom('User', 'Group'),
  base: fc.constantFrom('bjensen', 'minimal', 'managed', 'u1'),
  normalizeFirst: fc.boolean(),
  ops: fc.array(opArb, { minLength: 1, maxLength: 5 }),
});

/* Plain checks (not expect) inside properties: 10,000 runs must stay fast. */
function check(condition: boolean, message: string): void {
  if (!condition) throw new Error(message);
}

function assertPrototypeClean(): void {
  check(Object.keys(Object.prototype).length === 0, `Object.prototype has keys ${Object.keys(Object.prototype).join()}`);
  check(({} as Record<string, unknown>).polluted === undefined, '({}).polluted is defined');
  check((Object.prototype.toString as unknown as Record<string, unknown>).polluted === undefined, 'toString.polluted is defined');
  check(Object.getPrototypeOf({}) === Object.prototype, 'the prototype of {} changed');
}

/** Every object in the output is a plain object or array: no prototype was swapped anywhere. */
function assertPlainTree(value: unknown): void {
  if (Array.isArray(value)) return value.forEach(assertPlainTree);
  if (typeof value !== 'object' || value === null) return;
  check(Object.getPrototypeOf(value) === Object.prototype, 'an output object has a foreign prototype');
  Object.values(value).forEach(assertPlainTree);
}

/** A same-realm deep copy (structuredClone builds objects of the outer realm under Jest). */
function jsonCopy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function assertUnchanged(actual: unknown, snapshot: unknown): void {
  check(isDeepStrictEqual(actual, snapshot), 'the input was modified');
}

describe('PATCH fuzzing (reliability-plan.md F2, RFC 7644 §3.5.2)', () => {
  afterEach(assertPrototypeClean);

  it('never pollutes Object.prototype, throws only ScimError, never modifies its input', () => {
    fc.assert(
      fc.property(scenarioArb, ({ resourceType, base, normalizeFirst, ops }) => {
        const ctx = { registry, resourceType };
        const resource = resourceType === 'Group' ? baseResource('tourGuides') : baseResource(base);
        const snapshot = jsonCopy(resource);
        try {
          const operations = normalizeFirst ? normalizeEntraPatch(ops, ctx).operations : ops;
          const result = applyPatch(resource, operations, ctx);
          assertPlainTree(result.resource);
          check(isDeepStrictEqual(JSON.parse(JSON.stringify(result.resource)), result.resource), 'the output does not round-trip as JSON');
        } catch (error) {
          if (!(error instanceof ScimError)) throw error;
        }
        assertUnchanged(resource, snapshot);
        assertPrototypeClean();
      }),
      { numRuns: RUNS },
    );
  });

  it('a failing PATCH leaves its input deep-equal to before (atomicity)', () => {
    const failingTail = fc.constantFrom<PatchOperation>(
      { op: 'replace', path: 'id', value: 'x' },
      { op: 'remove' },
      { op: 'replace', path: '__proto__.polluted', value: 1 },
      { op: 'add', path: 'emails', value: [JSON.parse('{"__proto__": {"polluted": 1}}')] },
    );
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 4 }), failingTail, fc.constantFrom('bjensen', 'managed'), (ops, tail, base) => {
        const resource = baseResource(base);
        const snapshot = jsonCopy(resource);
        let thrown: unknown;
        try {
          applyPatch(resource, [...ops, tail], { registry, resourceType: 'User' });
        } catch (error) {
          thrown = error;
        }
        check(thrown instanceof ScimError, `expected a ScimError, got ${String(thrown)}`);
        assertUnchanged(resource, snapshot);
      }),
      { numRuns: RUNS },
    );
  });

  it('coerceResource never pollutes, throws only ScimError, and never modifies its input', () => {
    const bodyArb = fc.array(fc.tuple(keyArb, valueArb), { maxLength: 6 }).map((entries) => Object.fromEntries([['userName', 'u'], ['displayName', 'g'], ...entries]));
    fc.assert(
      fc.property(bodyArb, fc.constantFrom('User', 'Group'), (body, resourceType) => {
        const snapshot = jsonCopy(body);
        try {
          assertPlainTree(coerceResource(body, { registry, resourceType, mode: 'create' }).resource);
        } catch (error) {
          if (!(error instanceof ScimError)) throw error;
        }
        assertUnchanged(body, snapshot);
        assertPrototypeClean();
      }),
      { numRuns: RUNS },
    );
  });
});
