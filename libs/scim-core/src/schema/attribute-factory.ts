import type { AttributeDef } from './types';

/**
 * Builds an AttributeDef with the RFC 7643 §2.2 defaults ("type" string, "multiValued" false,
 * "required" false, "caseExact" false, "mutability" readWrite, "returned" default, "uniqueness"
 * none), so the schema constants only spell out what differs from the RFC defaults.
 */
export function attribute(name: string, description: string, overrides: Partial<AttributeDef> = {}): AttributeDef {
  return {
    name,
    type: 'string',
    multiValued: false,
    description,
    required: false,
    caseExact: false,
    mutability: 'readWrite',
    returned: 'default',
    uniqueness: 'none',
    ...overrides,
  };
}

/** A complex attribute (RFC 7643 §2.3.8); sub-attributes are never complex themselves. */
export function complexAttribute(
  name: string,
  description: string,
  subAttributes: AttributeDef[],
  overrides: Partial<AttributeDef> = {},
): AttributeDef {
  return attribute(name, description, { type: 'complex', subAttributes, ...overrides });
}

/** Options for the RFC 7643 §2.4 default sub-attributes of a multi-valued attribute. */
export interface MultiValuedOptions {
  valueDescription: string;
  valueType?: AttributeDef['type'];
  referenceTypes?: string[];
  typeDescription?: string;
  canonicalTypes?: string[];
  primaryDescription?: string;
}

/**
 * The `value`, `display`, `type` and `primary` sub-attributes shared by emails, phoneNumbers,
 * ims, photos, entitlements, roles and x509Certificates (RFC 7643 §2.4, §4.1.2, §8.7.1).
 */
export function multiValuedSubAttributes(options: MultiValuedOptions): AttributeDef[] {
  const value = attribute('value', options.valueDescription, { type: options.valueType ?? 'string' });
  if (options.referenceTypes) value.referenceTypes = options.referenceTypes;
  const type = attribute('type', options.typeDescription ?? "A label indicating the attribute's function.");
  if (options.canonicalTypes && options.canonicalTypes.length > 0) type.canonicalValues = options.canonicalTypes;
  return [
    value,
    attribute('display', 'A human-readable name, primarily used for display purposes.  READ-ONLY.'),
    type,
    attribute(
      'primary',
      options.primaryDescription ??
        "A Boolean value indicating the 'primary' or preferred attribute value for this attribute.  The primary attribute value 'true' MUST appear no more than once.",
      { type: 'boolean' },
    ),
  ];
}
