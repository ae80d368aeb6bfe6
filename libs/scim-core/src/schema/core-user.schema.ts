import { URN } from '../messages/urns';
import { attribute, complexAttribute, multiValuedSubAttributes } from './attribute-factory';
import { COMMON_ATTRIBUTES } from './common-attributes';
import type { AttributeDef, SchemaDef } from './types';

/** The "name" complex attribute (RFC 7643 §4.1.1). */
const NAME: AttributeDef = complexAttribute("name", "The components of the user's real name.", [
  attribute('formatted', "The full name, including all middle names, titles, and suffixes as appropriate, formatted for display (e.g., 'Ms. Barbara J Jensen, III')."),
  attribute('familyName', "The family name of the User, or last name in most Western languages (e.g., 'Jensen' given the full name 'Ms. Barbara J Jensen, III')."),
  attribute('givenName', "The given name of the User, or first name in most Western languages (e.g., 'Barbara' given the full name 'Ms. Barbara J Jensen, III')."),
  attribute('middleName', "The middle name(s) of the User (e.g., 'Jane' given the full name 'Ms. Barbara J Jensen, III')."),
  attribute('honorificPrefix', "The honorific prefix(es) of the User, or title in most Western languages (e.g., 'Ms.' given the full name 'Ms. Barbara J Jensen, III')."),
  attribute('honorificSuffix', "The honorific suffix(es) of the User, or suffix in most Western languages (e.g., 'III' given the full name 'Ms. Barbara J Jensen, III')."),
]);

/**
 * "addresses" (RFC 7643 §4.1.2, §8.7.1). §8.7.1 omits "primary" for addresses, but §4.1.2 and
 * the default multi-valued sub-attributes of §2.4 include it and clients (Entra) send it.
 */
const ADDRESSES: AttributeDef = complexAttribute(
  'addresses',
  "A physical mailing address for this User. Canonical type values of 'work', 'home', and 'other'.",
  [
    attribute('formatted', 'The full mailing address, formatted for display or use with a mailing label.  This attribute MAY contain newlines.'),
    attribute('streetAddress', 'The full street address component, which may include house number, street name, P.O. box, and multi-line extended street address information.  This attribute MAY contain newlines.'),
    attribute('locality', 'The city or locality component.'),
    attribute('region', 'The state or region component.'),
    attribute('postalCode', 'The zip code or postal code component.'),
    attribute('country', 'The country name component.'),
    attribute('type', "A label indicating the attribute's function, e.g., 'work' or 'home'.", {
      canonicalValues: ['work', 'home', 'other'],
    }),
    attribute('primary', "A Boolean value indicating the 'primary' or preferred attribute value for this attribute, e.g., the preferred mailing address.  The primary attribute value 'true' MUST appear no more than once.", { type: 'boolean' }),
  ],
  { multiValued: true },
);

/** "groups" is read-only: membership is changed through the Group resource (RFC 7643 §4.1.2). */
const groupsReadOnly = { mutability: 'readOnly' } as const;
const GROUPS: AttributeDef = complexAttribute(
  'groups',
  'A list of groups to which the user belongs, either through direct membership, through nested groups, or dynamically calculated.',
  [
    attribute('value', "The identifier of the User's group.", groupsReadOnly),
    attribute('$ref', "The URI of the corresponding 'Group' resource to which the user belongs.", {
      type: 'reference',
      referenceTypes: ['User', 'Group'],
      ...groupsReadOnly,
    }),
    attribute('display', 'A human-readable name, primarily used for display purposes.  READ-ONLY.', groupsReadOnly),
    attribute('type', "A label indicating the attribute's function, e.g., 'direct' or 'indirect'.", {
      canonicalValues: ['direct', 'indirect'],
      ...groupsReadOnly,
    }),
  ],
  { multiValued: true, ...groupsReadOnly },
);

function multiValued(name: string, description: string, subAttributes: AttributeDef[]): AttributeDef {
  return complexAttribute(name, description, subAttributes, { multiValued: true });
}

const MULTI_VALUED: AttributeDef[] = [
  multiValued('emails', "Email addresses for the user.  The value SHOULD be canonicalized by the service provider, e.g., 'bjensen@example.com' instead of 'bjensen@EXAMPLE.COM'. Canonical type values of 'work', 'home', and 'other'.", multiValuedSubAttributes({
    valueDescription: "Email addresses for the user.  The value SHOULD be canonicalized by the service provider, e.g., 'bjensen@example.com' instead of 'bjensen@EXAMPLE.COM'. Canonical type values of 'work', 'home', and 'other'.",
    typeDescription: "A label indicating the attribute's function, e.g., 'work' or 'home'.",
    canonicalTypes: ['work', 'home', 'other'],
  })),
  multiValued('phoneNumbers', "Phone numbers for the User.  The value SHOULD be canonicalized by the service provider according to the format specified in RFC 3966, e.g., 'tel:+1-201-555-0123'. Canonical type values of 'work', 'home', 'mobile', 'fax', 'pager', and 'other'.", multiValuedSubAttributes({
    valueDescription: 'Phone number of the User.',
    typeDescription: "A label indicating the attribute's function, e.g., 'work', 'home', 'mobile'.",
    canonicalTypes: ['work', 'home', 'mobile', 'fax', 'pager', 'other'],
  })),
  multiValued('ims', 'Instant messaging addresses for the User.', multiValuedSubAttributes({
    valueDescription: 'Instant messaging address for the User.',
    typeDescription: "A label indicating the attribute's function, e.g., 'aim', 'gtalk', 'xmpp'.",
    canonicalTypes: ['aim', 'gtalk', 'icq', 'xmpp', 'msn', 'skype', 'qq', 'yahoo'],
  })),
  multiValued('photos', 'URLs of photos of the User.', multiValuedSubAttributes({
    valueDescription: 'URL of a photo of the User.',
    valueType: 'reference',
    referenceTypes: ['external'],
    typeDescription: "A label indicating the attribute's function, i.e., 'photo' or 'thumbnail'.",
    canonicalTypes: ['photo', 'thumbnail'],
  })),
  ADDRESSES,
  GROUPS,
  multiValued('entitlements', 'A list of entitlements for the User that represent a thing the User has.', multiValuedSubAttributes({
    valueDescription: 'The value of an entitlement.',
  })),
  multiValued('roles', "A list of roles for the User that collectively represent who the User is, e.g., 'Student', 'Faculty'.", multiValuedSubAttributes({
    valueDescription: 'The value of a role.',
  })),
  multiValued('x509Certificates', 'A list of certificates issued to the User.', multiValuedSubAttributes({
    valueDescription: 'The value of an X.509 certificate.',
    valueType: 'binary',
  })),
];

/** The core User schema, RFC 7643 §4.1 / §8.7.1, plus the common attributes of §3 / §3.1. */
export const CORE_USER_SCHEMA: SchemaDef = {
  id: URN.USER,
  name: 'User',
  description: 'User Account',
  attributes: [
    ...COMMON_ATTRIBUTES,
    attribute('userName', "Unique identifier for the User, typically used by the user to directly authenticate to the service provider. Each User MUST include a non-empty userName value.  This identifier MUST be unique across the service provider's entire set of Users. REQUIRED.", { required: true, uniqueness: 'server' }),
    NAME,
    attribute('displayName', 'The name of the User, suitable for display to end-users.  The name SHOULD be the full name of the User being described, if known.'),
    attribute('nickName', "The casual way to address the user in real life, e.g., 'Bob' or 'Bobby' instead of 'Robert'.  This attribute SHOULD NOT be used to represent a User's username (e.g., 'bjensen' or 'mpepperidge')."),
    attribute('profileUrl', "A fully qualified URL pointing to a page representing the User's online profile.", { type: 'reference', referenceTypes: ['external'] }),
    attribute('title', 'The user\'s title, such as "Vice President."'),
    attribute('userType', "Used to identify the relationship between the organization and the user.  Typical values used might be 'Contractor', 'Employee', 'Intern', 'Temp', 'External', and 'Unknown', but any value may be used."),
    attribute('preferredLanguage', "Indicates the User's preferred written or spoken language.  Generally used for selecting a localized user interface; e.g., 'en_US' specifies the language English and country US."),
    attribute('locale', "Used to indicate the User's default location for purposes of localizing items such as currency, date time format, or numerical representations."),
    attribute('timezone', "The User's time zone in the 'Olson' time zone database format, e.g., 'America/Los_Angeles'."),
    attribute('active', "A Boolean value indicating the User's administrative status.", { type: 'boolean' }),
    attribute('password', "The User's cleartext password.  This attribute is intended to be used as a means to specify an initial password when creating a new User or to reset an existing User's password.", { mutability: 'writeOnly', returned: 'never' }),
    ...MULTI_VALUED,
  ],
};
