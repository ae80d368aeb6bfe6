import { CUSTOM_URN, registry } from '../../test-fixtures/fixture-registry';
import { coerceResource, type CoercionWarning } from './coerce-resource';

const CORE = 'urn:ietf:params:scim:schemas:core:2.0:User';
const ENT = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const user = (input: unknown) => coerceResource(input, { registry, resourceType: 'User', mode: 'create' });
const group = (input: unknown) => coerceResource(input, { registry, resourceType: 'Group', mode: 'create' });
const codes = (warnings: CoercionWarning[]) => warnings.map((w) => w.quirk ?? w.code);

describe('coerceResource: Entra create bodies (entra-scim.md §2)', () => {
  it('U1: read-only meta ignored, empty roles = absent, unused enterprise URN dropped from schemas', () => {
    const body = {
      schemas: [CORE, ENT],
      externalId: '0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef',
      userName: 'Test_User_00aa00aa-bb11-cc22-dd33-44ee44ee44ee',
      active: true,
      emails: [{ primary: true, type: 'work', value: 'Test_User_11bb11bb@testuser.com' }],
      meta: { resourceType: 'User' },
      name: { formatted: 'givenName familyName', familyName: 'familyName', givenName: 'givenName' },
      roles: [],
    };
    const { resource, warnings } = user(body);
    expect(resource).toEqual({
      schemas: [CORE],
      externalId: body.externalId,
      userName: body.userName,
      active: true,
      emails: body.emails,
      name: body.name,
    });
    expect(warnings).toEqual([{ code: 'read-only', path: 'meta' }]);
  });

  it('§2 Example 2: nulls are absent, the "…2.0User" typo URN and top-level department/manager null are tolerated', () => {
    const body = {
      schemas: [CORE, 'urn:ietf:params:scim:schemas:extension:enterprise:2.0User'],
      externalId: 'jyoung', userName: 'jyoung@testuser.com', active: true, addresses: null, displayName: 'Joy Young',
      emails: [{ type: 'work', value: 'jyoung@Contoso.com', primary: true }], meta: { resourceType: 'User' },
      name: { familyName: 'Young', givenName: 'Joy' }, phoneNumbers: null, preferredLanguage: null, title: null,
      department: null, manager: null,
    };
    const { resource, warnings } = user(body);
    expect(resource).toEqual({
      schemas: [CORE], externalId: 'jyoung', userName: 'jyoung@testuser.com', active: true, displayName: 'Joy Young',
      emails: [{ type: 'work', value: 'jyoung@Contoso.com', primary: true }], name: { familyName: 'Young', givenName: 'Joy' },
    });
    expect(codes(warnings)).toEqual(['enterprise-urn-typo', 'read-only']);
  });

  it('the typo URN used as a key still lands in the enterprise extension', () => {
    const { resource, warnings } = user({ userName: 'u', 'urn:ietf:params:scim:schemas:extension:enterprise:2.0User': { department: 'D' } });
    expect(resource).toEqual({ schemas: [CORE, ENT], userName: 'u', [ENT]: { department: 'D' } });
    expect(codes(warnings)).toEqual(['enterprise-urn-typo']);
  });

  it('Q2 / MS Postman "Post emp1 with string True": "True" → true', () => {
    const { resource, warnings } = user({ userName: 'u', active: 'True', emails: [{ value: 'a@b', primary: 'false' }] });
    expect(resource.active).toBe(true);
    expect(resource.emails).toEqual([{ value: 'a@b', primary: false }]);
    expect(codes(warnings)).toEqual(['Q2-string-boolean', 'Q2-string-boolean']);
  });

  it('MS Postman PascalCase keys are stored in canonical casing', () => {
    const { resource } = user({
      UserName: 'UserName123',
      Emails: [{ Primary: true, Type: 'work', Value: 'a@b.com' }],
      [ENT.toUpperCase()]: { Department: 'Sales', Manager: { Value: 'm1', DisplayName: 'Boss' } },
    });
    expect(resource).toEqual({
      schemas: [CORE, ENT],
      userName: 'UserName123',
      emails: [{ primary: true, type: 'work', value: 'a@b.com' }],
      [ENT]: { department: 'Sales', manager: { value: 'm1' } },
    });
  });

  it('Q6: extension attributes under their URN key without the URN in schemas, and bare enterprise names', () => {
    const { resource, warnings } = user({ schemas: [CORE], userName: 'u', [CUSTOM_URN]: { tag: 'x' }, department: 'Retail' });
    expect(resource).toEqual({ schemas: [CORE, ENT, CUSTOM_URN], userName: 'u', [CUSTOM_URN]: { tag: 'x' }, [ENT]: { department: 'Retail' } });
    expect(codes(warnings)).toEqual(['Q6-unqualified-extension-attr']);
  });

  it('URN-qualified attribute keys are placed in their schema', () => {
    const { resource } = user({ [`${CORE}:userName`]: 'u', [`${ENT}:employeeNumber`]: '7' });
    expect(resource).toEqual({ schemas: [CORE, ENT], userName: 'u', [ENT]: { employeeNumber: '7' } });
  });

  it('G1: the ADSCIM group schema URI is accepted and not emitted', () => {
    const { resource, warnings } = group({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group', 'http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group'],
      externalId: '8aa1a0c0', displayName: 'displayName', meta: { resourceType: 'Group' },
    });
    expect(resource).toEqual({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], externalId: '8aa1a0c0', displayName: 'displayName' });
    expect(codes(warnings)).toEqual(['ADSCIM-group-schema', 'read-only']);
  });

  it('Group members in a POST are validated and kept (readOnly display dropped) for the service to store', () => {
    const { resource } = group({ displayName: 'g', members: [{ value: 'u1', display: 'U', type: 'User' }] });
    expect(resource.members).toEqual([{ value: 'u1', type: 'User' }]);
  });
});
