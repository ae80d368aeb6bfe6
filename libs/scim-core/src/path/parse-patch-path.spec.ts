import { InvalidPathError } from '../errors/scim-error';
import { URN } from '../messages/urns';
import { parsePatchPath } from './parse-patch-path';
import type { PatchPath } from './patch-path';

const work = { kind: 'compare', path: { attr: 'type' }, op: 'eq', value: 'work' } as const;

describe('parsePatchPath — RFC 7644 §3.5.2 PATH = attrPath / valuePath [subAttr]', () => {
  it.each<[string, PatchPath]>([
    ['userName', { attrPath: { attr: 'userName' } }],
    ['name.familyName', { attrPath: { attr: 'name', sub: 'familyName' } }],
    ['  active ', { attrPath: { attr: 'active' } }],
    ['members', { attrPath: { attr: 'members' } }],
    [`${URN.ENTERPRISE_USER}:department`, { attrPath: { uri: URN.ENTERPRISE_USER, attr: 'department' } }],
    [`${URN.ENTERPRISE_USER}:manager`, { attrPath: { uri: URN.ENTERPRISE_USER, attr: 'manager' } }],
    [`${URN.ENTERPRISE_USER}:manager.value`, { attrPath: { uri: URN.ENTERPRISE_USER, attr: 'manager', sub: 'value' } }],
    [`${URN.USER}:name.givenName`, { attrPath: { uri: URN.USER, attr: 'name', sub: 'givenName' } }],
    ['members[value eq "2819c223-7f76-453a-919d-413861904646"]', {
      attrPath: { attr: 'members' },
      valueFilter: { kind: 'compare', path: { attr: 'value' }, op: 'eq', value: '2819c223-7f76-453a-919d-413861904646' },
    }],
    ['emails[type eq "work"].value', { attrPath: { attr: 'emails' }, valueFilter: work, subAttr: 'value' }],
    ['emails[type eq "work"]', { attrPath: { attr: 'emails' }, valueFilter: work }],
    ['addresses[type eq "other"].Formatted', {
      attrPath: { attr: 'addresses' },
      valueFilter: { kind: 'compare', path: { attr: 'type' }, op: 'eq', value: 'other' },
      subAttr: 'Formatted',
    }],
    ['roles[primary eq "True"].value', {
      attrPath: { attr: 'roles' },
      valueFilter: { kind: 'compare', path: { attr: 'primary' }, op: 'eq', value: 'True' },
      subAttr: 'value',
    }],
    ['manager[value eq "m1"]', { attrPath: { attr: 'manager' }, valueFilter: { kind: 'compare', path: { attr: 'value' }, op: 'eq', value: 'm1' } }],
    ['members[value eq "]"]', { attrPath: { attr: 'members' }, valueFilter: { kind: 'compare', path: { attr: 'value' }, op: 'eq', value: ']' } }],
    ['emails[type eq "work" and not (value pr)]', {
      attrPath: { attr: 'emails' },
      valueFilter: { kind: 'and', left: work, right: { kind: 'not', filter: { kind: 'present', path: { attr: 'value' } } } },
    }],
    [`${URN.USER}:emails[type eq "work"].$ref`, { attrPath: { uri: URN.USER, attr: 'emails' }, valueFilter: work, subAttr: '$ref' }],
  ])('%s', (text, expected) => expect(parsePatchPath(text)).toEqual(expected));

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['emails[', "expected ']'"],
    ['emails]', "']' without '['"],
    ['emails[]', 'empty'],
    ['emails[type eq]', 'Invalid value filter'],
    ['emails[type eq "work"', "expected ']'"],
    ['emails[type eq "work"]x', "expected '.subAttribute'"],
    ['emails[type eq "work"].value.x', "expected '.subAttribute'"],
    ['emails.value[type eq "work"]', 'not its sub-attribute'],
    ['emails[emails.type eq "work"]', 'Invalid value filter'],
    ['emails[type[value pr]]', 'Invalid value filter'],
    ['name..givenName', 'Invalid PATCH path'],
    ['a.b.c', 'more than one sub-attribute'],
    ['1abc', 'not a valid attribute name'],
    ['foo:bar', 'not a schema URN'],
    ['__proto__', 'not a valid attribute name'],
    ['constructor', "'constructor' is not allowed"],
    ['Prototype', "'Prototype' is not allowed"],
    ['name.constructor', "'constructor' is not allowed"],
    ['emails[type eq "work"].__proto__', "expected '.subAttribute'"],
    ['emails[type eq "work"].constructor', "'constructor' is not allowed"],
    ['emails[constructor eq "x"]', "'constructor' is not allowed"],
    ['emails[not (prototype pr)]', "'prototype' is not allowed"],
    [`${URN.USER}:__proto__`, 'not a valid attribute name'],
    ['x'.repeat(4097), 'limit is 4096'],
    ['emails[type eq "w\\x"]', 'Invalid escape'],
  ])('%j → InvalidPathError (%s)', (text, message) => {
    expect(() => parsePatchPath(text)).toThrow(InvalidPathError);
    expect(() => parsePatchPath(text)).toThrow(message);
  });

  it('rejects a non-string path', () => {
    expect(() => parsePatchPath(42 as unknown as string)).toThrow(InvalidPathError);
  });

  it('reports value-filter positions relative to the whole path', () => {
    expect(() => parsePatchPath('emails[type xx "work"]')).toThrow('position 12');
  });

  it('counts the bracket in the nesting limit (31 parentheses inside fit, 32 do not)', () => {
    const nest = (n: number) => `emails[${'('.repeat(n)}type pr${')'.repeat(n)}]`;
    expect(parsePatchPath(nest(31)).valueFilter).toBeDefined();
    expect(() => parsePatchPath(nest(32))).toThrow('deeper than 32');
  });
});
