// Entra ID's request bodies (entra-scim.md §2 U1/U5/U7/G1/G5, Q2, Q4, Q7), generated
// deterministically from an index so both servers receive identical traffic.

export const URN = {
  USER: 'urn:ietf:params:scim:schemas:core:2.0:User',
  ENTERPRISE: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
  GROUP: 'urn:ietf:params:scim:schemas:core:2.0:Group',
  ADSCIM_GROUP: 'http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group',
  PATCH: 'urn:ietf:params:scim:api:messages:2.0:PatchOp',
  LIST: 'urn:ietf:params:scim:api:messages:2.0:ListResponse',
};

const hex = (n, width) => n.toString(16).padStart(width, '0');
/** A GUID-shaped id derived from a number (Entra's objectIds are GUIDs). */
export const guid = (kind, i) => `${hex(kind, 8)}-${hex((i >>> 16) & 0xffff, 4)}-4${hex((i >>> 4) & 0xfff, 3)}-a${hex(i & 0xf, 3)}-${hex(i * 2654435761 % 2 ** 48, 12)}`;

const GIVEN = ['Adele', 'Alex', 'Diego', 'Grady', 'Henrietta', 'Isaiah', 'Johanna', 'Joni', 'Lee', 'Lidia', 'Lynne', 'Megan', 'Miriam', 'Nestor', 'Patti', 'Pradeep'];
const FAMILY = ['Vance', 'Wilber', 'Siciliani', 'Archie', 'Mueller', 'Langer', 'Lorenz', 'Sherman', 'Gu', 'Holloway', 'Robbins', 'Bowen', 'Graham', 'Wilke', 'Fernandez', 'Gupta'];
const DEPTS = ['Sales', 'Marketing', 'Engineering', 'Finance', 'Legal', 'Operations', 'Retail', 'HR'];

export const userName = (i) => `u${String(i).padStart(6, '0')}.bench@contoso.onmicrosoft.com`;
export const externalId = (i) => guid(0x5c1b, i);
export const groupName = (i) => `Bench Group ${String(i).padStart(4, '0')}`;

/** U1 with the enterprise extension and the attributes of Entra's default mapping (entra-scim.md §6). */
export function userBody(i) {
  const given = GIVEN[i % GIVEN.length];
  const family = `${FAMILY[(i >> 4) % FAMILY.length]}${i}`;
  return {
    schemas: [URN.USER, URN.ENTERPRISE],
    externalId: externalId(i),
    userName: userName(i),
    active: true,
    displayName: `${given} ${family}`,
    title: i % 7 === 0 ? 'Manager' : 'Engineer',
    preferredLanguage: 'en-US',
    emails: [{ primary: true, type: 'work', value: `${given}.${family}@contoso.com`.toLowerCase() }],
    phoneNumbers: [{ type: 'work', value: `+1 425 555 ${String(i % 10000).padStart(4, '0')}` }],
    addresses: [{ type: 'work', formatted: `${i} Microsoft Way, Redmond, WA 98052`, streetAddress: `${i} Microsoft Way`, locality: 'Redmond', region: 'WA', postalCode: '98052', country: 'US' }],
    meta: { resourceType: 'User' },
    name: { formatted: `${given} ${family}`, familyName: family, givenName: given },
    roles: [],
    [URN.ENTERPRISE]: { employeeNumber: String(100000 + i), department: DEPTS[i % DEPTS.length], costCenter: `CC${i % 40}` },
  };
}

/** U5/Q4 unflagged: one Replace per path, capitalised op names. */
export function patchUnflagged(i, round) {
  return {
    schemas: [URN.PATCH],
    Operations: [
      { op: 'Replace', path: 'displayName', value: `Updated ${round} ${i}` },
      { op: 'Replace', path: 'emails[type eq "work"].value', value: `updated${round}.${i}@contoso.com` },
      { op: 'Replace', path: 'name.givenName', value: `Given${round}` },
      { op: 'Replace', path: 'name.familyName', value: `Family${round}x${i}` },
      { op: 'Replace', path: `${URN.ENTERPRISE}:employeeNumber`, value: `E${round}-${i}` },
    ],
  };
}

/** Q4 flagged (aadOptscim062020): a filtered path plus a path-less object with dotted and URN keys. */
export function patchFlagged(i, round) {
  return {
    schemas: [URN.PATCH],
    Operations: [
      { op: 'replace', path: 'emails[type eq "work"].value', value: `updated${round}.${i}@contoso.com` },
      {
        op: 'replace',
        value: {
          displayName: `Updated ${round} ${i}`,
          'name.givenName': `Given${round}`,
          'name.familyName': `Family${round}x${i}`,
          [`${URN.ENTERPRISE}:employeeNumber`]: `E${round}-${i}`,
        },
      },
    ],
  };
}

/** What a user must look like after patch (i, round), in either shape. */
export const patchedFields = (i, round) => ({
  displayName: `Updated ${round} ${i}`, email: `updated${round}.${i}@contoso.com`, familyName: `Family${round}x${i}`, employeeNumber: `E${round}-${i}`,
});

/** Q2 unflagged disable: the boolean as the string "False". */
export const disableBody = () => ({ schemas: [URN.PATCH], Operations: [{ op: 'Replace', path: 'active', value: 'False' }] });

/** G1 with Entra's non-standard schema URI. */
export const groupBody = (name, i) => ({
  schemas: [URN.GROUP, URN.ADSCIM_GROUP], externalId: guid(0x9e0, i), displayName: name, meta: { resourceType: 'Group' },
});

/** G5/Q8: one Add of several members, `$ref: null` on the first as Entra sends it. */
export const addMembersBody = (ids) => ({
  schemas: [URN.PATCH],
  Operations: [{ op: 'Add', path: 'members', value: ids.map((id, k) => (k === 0 ? { $ref: null, value: id } : { value: id })) }],
});

/** Q7 flagged form: remove one member by a value filter. */
export const removeMemberBody = (id) => ({ schemas: [URN.PATCH], Operations: [{ op: 'remove', path: `members[value eq "${id}"]` }] });

/** Test Connection (entra-scim.md §3): a random GUID that matches nobody. */
export const probeName = (i) => `${guid(0xdead, i)}`;

export const workEmail = (user) => user?.emails?.find((e) => e?.type === 'work')?.value;

/** The same userName in another case (userName is caseExact=false, Q14). */
export function caseVariant(name, k) {
  if (k % 3 === 1) return name.toUpperCase();
  if (k % 3 === 2) return name.replace(/^./, (c) => c.toUpperCase());
  return name;
}
