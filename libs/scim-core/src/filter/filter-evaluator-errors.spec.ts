import { InvalidFilterError, SensitiveError } from '../errors/scim-error';
import { URN } from '../messages/urns';
import { TEST_URN, typedRegistry as registry, userCtx } from '../../test-fixtures/typed-user-registry';
import { compileFilter, compileValueFilter, evaluateFilter, evaluateValueFilter } from './filter-evaluator';
import { parseFilter } from './filter-parser';

describe('evaluateFilter — errors do not depend on the data (RFC 7644 §3.4.2.2, §7.5.2)', () => {
  it.each<[string, string]>([
    ['nope eq "x"', "Unknown attribute 'nope' for resource type User"],
    ['name.nope pr', "Unknown attribute 'name.nope'"],
    [`${URN.GROUP}:displayName eq "x"`, 'Unknown attribute'],
    ['emails[nope eq "x"]', "Unknown sub-attribute 'nope' of 'emails'"],
    ['userName[value eq "x"]', 'a value filter applies to a complex attribute'],
    ['active gt true', 'a boolean attribute supports only eq and ne'],
    ['active co "t"', 'supports only eq and ne'],
    ['active eq "yes"', 'expected true or false'],
    ['active eq 1', 'expected true or false'],
    ['meta.created gt "yesterday"', 'expected a dateTime string'],
    ['meta.created gt 5', 'expected a dateTime string'],
    ['meta.created co "2011"', 'co, sw and ew do not apply to dateTime'],
    [`${TEST_URN}:level co 5`, 'co, sw and ew do not apply to integer'],
    [`${TEST_URN}:level eq "five"`, 'expected a number'],
    [`${TEST_URN}:level eq true`, 'expected a number'],
    [`${TEST_URN}:badge gt "A"`, 'gt, ge, lt and le do not apply to binary'],
    ['name eq "x"', "'name' is complex and has no 'value'"],
    ['meta eq "x"', "'meta' is complex and has no 'value'"],
    ['userName gt null', 'only eq and ne accept null'],
    ['userName co null', 'only eq and ne accept null'],
  ])('%s → InvalidFilterError (%s)', (text, message) => {
    const filter = parseFilter(text);
    expect(() => evaluateFilter(filter, {}, userCtx)).toThrow(InvalidFilterError);
    expect(() => evaluateFilter(filter, {}, userCtx)).toThrow(message);
  });

  it.each(['password eq "secret"', 'password pr', 'PASSWORD ne null', `${URN.USER}:password sw "a"`, 'userName eq "a" or password pr',
    `${TEST_URN}:secret eq "x"`, `${TEST_URN}:office.pin eq "1"`])(
    '%s → SensitiveError 403 (RFC 7644 §7.5.2)',
    (text) => {
      const filter = parseFilter(text);
      expect(() => compileFilter(filter, userCtx)).toThrow(SensitiveError);
      expect(() => compileFilter(filter, userCtx)).toThrow(expect.objectContaining({ status: 403, scimType: 'sensitive' }));
    },
  );

  it('rejects hand-built ASTs the parser never produces', () => {
    const nested = { kind: 'valuePath', path: { attr: 'emails' }, filter: { kind: 'valuePath', path: { attr: 'type' }, filter: { kind: 'present', path: { attr: 'x' } } } } as const;
    expect(() => evaluateFilter(nested, {}, userCtx)).toThrow('Nested value filter');
    const dotted = { kind: 'valuePath', path: { attr: 'emails' }, filter: { kind: 'present', path: { attr: 'type', sub: 'x' } } } as const;
    expect(() => evaluateFilter(dotted, {}, userCtx)).toThrow("inside 'emails[…]'");
    const subPath = { kind: 'valuePath', path: { attr: 'emails', sub: 'value' }, filter: { kind: 'present', path: { attr: 'type' } } } as const;
    expect(() => evaluateFilter(subPath, {}, userCtx)).toThrow('a value filter applies to a complex attribute');
  });
});

describe('evaluateValueFilter — PATCH value filters (RFC 7644 §3.5.2)', () => {
  const emails = registry.resolve('User', { attr: 'emails' })!.attribute;
  const members = registry.resolve('Group', { attr: 'members' })!.attribute;

  it.each<[string, unknown, boolean]>([
    ['type eq "work"', { type: 'Work', value: 'a@x' }, true],
    ['type eq "work" and value ew "@X"', { type: 'work', value: 'a@x' }, true],
    ['primary eq "True"', { primary: true }, true],
    ['primary eq true', { primary: false }, false],
    ['value pr', { value: '' }, false],
    ['type ne "work"', {}, true],
    ['type eq "work"', null, false],
    ['type eq "work"', ['work'], false],
  ])('emails[%s] on %j → %s', (text, element, expected) => {
    expect(evaluateValueFilter(parseFilter(text), element, emails)).toBe(expected);
  });

  it('compileValueFilter binds once and matches many elements', () => {
    const isWork = compileValueFilter(parseFilter('type eq "work"'), emails);
    expect([{ type: 'work' }, { type: 'home' }, 'work', undefined].map(isWork)).toEqual([true, false, false, false]);
  });

  it('members[value eq "id"] (entra-scim.md Q7)', () => {
    expect(evaluateValueFilter(parseFilter('value eq "U1"'), { value: 'u1' }, members)).toBe(true);
  });

  it('rejects unknown sub-attributes and nested filters', () => {
    expect(() => evaluateValueFilter(parseFilter('nope eq "x"'), {}, emails)).toThrow(InvalidFilterError);
    expect(() => evaluateValueFilter(parseFilter('emails[type pr]'), {}, emails)).toThrow('Nested value filter');
  });
});
