import { baseResource, registry, CUSTOM_URN } from '../../test-fixtures/fixture-registry';
import { parseAttributeList } from '../path/parse-attribute-list';
import { createDefaultRegistry } from '../schema/default-registry';
import { projectResource } from './project-resource';
import { wantsAttribute } from './wants-attribute';

const CORE = 'urn:ietf:params:scim:schemas:core:2.0:User';
const ENT = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const userCtx = { registry, resourceType: 'User' };
const groupCtx = { registry, resourceType: 'Group' };
const list = (text?: string) => (text === undefined ? undefined : parseAttributeList(text));
const project = (attributes?: string, excludedAttributes?: string, resource = baseResource('bjensen')) =>
  projectResource({ ...resource, password: 'secret' }, { attributes: list(attributes), excludedAttributes: list(excludedAttributes) }, userCtx);

describe('projectResource (RFC 7643 §2.4 "returned", RFC 7644 §3.4.2.5)', () => {
  it('by default returns "default" and "always" attributes, never password (returned: never)', () => {
    const out = project();
    const { password: _secret, ...expected } = { ...baseResource('bjensen'), password: 'secret' };
    expect(out).toEqual(expected);
  });

  it('attributes=userName,emails → schemas and id (always) plus those (Entra acceptance test 58)', () => {
    expect(project('userName,emails')).toEqual({
      schemas: [CORE, ENT],
      id: '2819c223-7f76-453a-919d-413861904646',
      userName: 'bjensen@example.com',
      emails: baseResource('bjensen').emails,
    });
  });

  it('attributes=id (legacy Entra manager query) → schemas and id only; meta is "default", not "always"', () => {
    expect(project('id')).toEqual({ schemas: [CORE, ENT], id: '2819c223-7f76-453a-919d-413861904646' });
  });

  it('sub-attribute projections: name.givenName, emails.value, case-insensitive', () => {
    expect(project('NAME.GIVENNAME,Emails.Value')).toEqual({
      schemas: [CORE, ENT],
      id: '2819c223-7f76-453a-919d-413861904646',
      name: { givenName: 'Barbara' },
      emails: [{ value: 'bjensen@example.com' }, { value: 'babs@jensen.org' }],
    });
  });

  it('URN-qualified attribute and sub-attribute paths', () => {
    expect(project(`${ENT}:department,${ENT}:manager.value`)).toMatchObject({
      [ENT]: { department: 'Tour Operations', manager: { value: '26118915-6090-4610-87e4-49d8ca9f808d' } },
    });
  });

  it('a bare extension URN selects the whole extension', () => {
    expect(project(ENT)[ENT]).toEqual(baseResource('bjensen')[ENT]);
  });

  it('password stays out even when requested (returned: never)', () => {
    expect(project('password,userName')).not.toHaveProperty('password');
  });

  it('excludedAttributes removes attributes and sub-attributes but never "always" ones', () => {
    const out = project(undefined, 'emails,name.middleName,id,schemas,meta');
    expect(out).not.toHaveProperty('emails');
    expect(out).not.toHaveProperty('meta');
    expect(out.id).toBe('2819c223-7f76-453a-919d-413861904646');
    expect(out.schemas).toEqual([CORE, ENT]);
    expect(out.name).toEqual({ formatted: 'Ms. Barbara J Jensen, III', familyName: 'Jensen', givenName: 'Barbara' });
  });

  it('attributes wins over excludedAttributes', () => {
    expect(project('userName', 'userName')).toHaveProperty('userName');
  });

  it('unknown names are ignored; keys outside the schemas are not output', () => {
    expect(project('nope,urn:x:y:z', undefined, { ...baseResource('minimal'), junk: 1 } as never)).toEqual({
      schemas: [CORE],
      id: '2819c223-7f76-453a-919d-413861904646',
    });
    expect(project(undefined, undefined, { ...baseResource('minimal'), junk: 1, [CUSTOM_URN]: 'not-an-object' } as never)).not.toHaveProperty('junk');
  });

  it('drops elements and objects left empty by a sub-attribute projection, and non-object elements', () => {
    const resource = { ...baseResource('minimal'), emails: [{ type: 'work' }, 'junk', null], name: { familyName: 'J' } };
    expect(project('emails.value,name.givenName', undefined, resource)).toEqual({ schemas: [CORE], id: '2819c223-7f76-453a-919d-413861904646' });
    expect(project(undefined, 'name.familyName', resource)).not.toHaveProperty('name');
  });

  it('"request" attributes and sub-attributes appear only when named', () => {
    const urn = 'urn:example:params:scim:schemas:extension:hr:2.0:User';
    const base = { multiValued: false, description: '', required: false, caseExact: false, mutability: 'readWrite', uniqueness: 'none' } as const;
    const hr = createDefaultRegistry([{ id: urn, name: 'HR', description: '', attributes: [
      { ...base, name: 'salary', type: 'integer', returned: 'request' },
      { ...base, name: 'badge', type: 'complex', returned: 'default', subAttributes: [
        { ...base, name: 'id', type: 'string', returned: 'default' },
        { ...base, name: 'pin', type: 'string', returned: 'request' },
        { ...base, name: 'kind', type: 'string', returned: 'always' },
      ] },
    ] }]);
    const ctx = { registry: hr, resourceType: 'User' };
    const resource = { ...baseResource('minimal'), [urn]: { salary: 5, badge: { id: 'b', pin: '1234', kind: 'k' } } };
    const run = (attributes?: string, excluded?: string) => projectResource(resource, { attributes: list(attributes), excludedAttributes: list(excluded) }, ctx)[urn];
    expect(run()).toEqual({ badge: { id: 'b', kind: 'k' } });
    expect(run(undefined, 'userName')).toEqual({ badge: { id: 'b', kind: 'k' } });
    expect(run(undefined, `${urn}:badge.id`)).toEqual({ badge: { kind: 'k' } });
    expect(run(`${urn}:salary,${urn}:badge.pin`)).toEqual({ salary: 5, badge: { pin: '1234', kind: 'k' } });
    expect(run(`${urn}:badge`)).toEqual({ badge: { id: 'b', kind: 'k' } });
  });

  it('Groups: excludedAttributes=members omits members (entra-scim.md R5, G2)', () => {
    const groupWithMembers = { ...baseResource('tourGuides'), members: [{ value: 'u1', display: 'U1' }] };
    const out = projectResource(groupWithMembers, { excludedAttributes: list('members') }, groupCtx);
    expect(out).toEqual(baseResource('tourGuides'));
  });
});

describe('wantsAttribute: lets the service skip loading members', () => {
  it.each([
    ['no lists', {}, true],
    ['excludedAttributes=members', { excludedAttributes: list('members') }, false],
    ['excludedAttributes=Members (case-insensitive)', { excludedAttributes: list('Members') }, false],
    ['excludedAttributes=members.display still needs members', { excludedAttributes: list('members.display') }, true],
    ['attributes=displayName', { attributes: list('displayName') }, false],
    ['attributes=members.value', { attributes: list('members.value') }, true],
  ])('%s → %s', (_name, request, wanted) => {
    expect(wantsAttribute(request, 'members', groupCtx)).toBe(wanted);
  });

  it('accepts URN-qualified names and AttrPaths; unknown attributes are never wanted', () => {
    expect(wantsAttribute({ attributes: list('manager') }, `${ENT}:manager`, userCtx)).toBe(true);
    expect(wantsAttribute({}, { attr: 'emails', sub: 'value' }, userCtx)).toBe(true);
    expect(wantsAttribute({}, 'password', userCtx)).toBe(false);
    expect(wantsAttribute({}, 'nope', userCtx)).toBe(false);
  });
});
