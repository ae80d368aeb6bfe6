import { URN } from '../messages/urns';
import { attribute, complexAttribute } from './attribute-factory';
import { COMMON_ATTRIBUTES } from './common-attributes';
import type { SchemaDef } from './types';

const immutable = { mutability: 'immutable' } as const;

/**
 * The core Group schema, RFC 7643 §4.2 / §8.7.1, plus the common attributes of §3 / §3.1.
 * Deviations, both deliberate:
 * - displayName is required with uniqueness "server": Entra matches groups by displayName and
 *   requires it to be unique (entra-scim.md §1.2, Q15); the RFC has required false / none.
 * - members.display (readOnly) is added: RFC 7643 §2.4 lists "display" among the default
 *   sub-attributes of multi-valued attributes, and Entra and other clients read it.
 */
export const CORE_GROUP_SCHEMA: SchemaDef = {
  id: URN.GROUP,
  name: 'Group',
  description: 'Group',
  attributes: [
    ...COMMON_ATTRIBUTES,
    attribute('displayName', 'A human-readable name for the Group. REQUIRED.', { required: true, uniqueness: 'server' }),
    complexAttribute(
      'members',
      'A list of members of the Group.',
      [
        attribute('value', 'Identifier of the member of this Group.', immutable),
        attribute('$ref', 'The URI corresponding to a SCIM resource that is a member of this Group.', {
          type: 'reference',
          referenceTypes: ['User', 'Group'],
          ...immutable,
        }),
        attribute('display', 'A human-readable name, primarily used for display purposes.  READ-ONLY.', {
          mutability: 'readOnly',
        }),
        attribute('type', "A label indicating the type of resource, e.g., 'User' or 'Group'.", {
          canonicalValues: ['User', 'Group'],
          ...immutable,
        }),
      ],
      { multiValued: true },
    ),
  ],
};
