import { InvalidPathError } from '../errors/scim-error';
import { URN } from '../messages/urns';
import { parseAttributeList, parseSortBy } from './parse-attribute-list';

describe('parseAttributeList — RFC 7644 §3.4.2.5 attributes / excludedAttributes', () => {
  it.each([
    ['userName', [{ attr: 'userName' }]],
    ['userName,emails', [{ attr: 'userName' }, { attr: 'emails' }]],
    [' userName , name.givenName ,', [{ attr: 'userName' }, { attr: 'name', sub: 'givenName' }]],
    ['members', [{ attr: 'members' }]],
    ['', []],
    [' , ', []],
    [`${URN.ENTERPRISE_USER}:manager,${URN.USER}:name.familyName`, [
      { uri: URN.ENTERPRISE_USER, attr: 'manager' },
      { uri: URN.USER, attr: 'name', sub: 'familyName' },
    ]],
    [URN.ENTERPRISE_USER, [{ uri: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0', attr: 'User' }]],
    ['emails.$ref', [{ attr: 'emails', sub: '$ref' }]],
  ])('%j', (text, expected) => expect(parseAttributeList(text)).toEqual(expected));

  it.each(['user name', 'emails[type eq "work"]', 'a.b.c', 'constructor', 'name.__proto__', 'x,prototype', 'urn:x', ':a'])(
    '%j → InvalidPathError',
    (text) => expect(() => parseAttributeList(text)).toThrow(InvalidPathError),
  );
});

describe('parseSortBy — RFC 7644 §3.4.2.3', () => {
  it('parses one attribute path', () => {
    expect(parseSortBy('name.familyName')).toEqual({ attr: 'name', sub: 'familyName' });
    expect(parseSortBy(`${URN.USER}:userName`)).toEqual({ uri: URN.USER, attr: 'userName' });
  });
  it.each(['', 'a,b', 'constructor', '1x', 'x'.repeat(5000)])('%j → InvalidPathError', (text) => {
    expect(() => parseSortBy(text)).toThrow(InvalidPathError);
  });
});
