/**
 * OpenAPI component schemas for the SCIM messages, so an internal team can use the API from
 * Swagger alone. They describe the wire format; the authoritative attribute definitions (types,
 * mutability, returned, uniqueness) are served by GET /Schemas (RFC 7643 §7).
 */
const str = (description: string, example?: string) => ({ type: 'string', description, ...(example ? { example } : {}) });
const multi = (description: string) => ({
  type: 'array', description,
  items: { type: 'object', properties: { value: { type: 'string' }, type: { type: 'string' }, display: { type: 'string' }, primary: { type: 'boolean' } } },
});
const meta = {
  type: 'object', readOnly: true,
  properties: { resourceType: str('User or Group'), created: str('ISO-8601'), lastModified: str('ISO-8601'), location: str('URL'), version: str('weak ETag', 'W/"3"') },
};

export const SCIM_OPENAPI_SCHEMAS: Record<string, object> = {
  ScimError: {
    type: 'object', description: 'SCIM Error (RFC 7644 §3.12)', required: ['schemas', 'status'],
    properties: {
      schemas: { type: 'array', items: { type: 'string' }, example: ['urn:ietf:params:scim:api:messages:2.0:Error'] },
      status: str('HTTP status as a string', '409'),
      scimType: { type: 'string', enum: ['invalidFilter', 'tooMany', 'uniqueness', 'mutability', 'invalidSyntax', 'invalidPath', 'noTarget', 'invalidValue', 'invalidVers', 'sensitive'] },
      detail: str('Human-readable detail', 'A resource with that userName already exists'),
    },
  },
  ScimUser: {
    type: 'object', description: 'SCIM User (RFC 7643 §4.1) with optional enterprise and configured extensions under their URN keys',
    required: ['userName'],
    properties: {
      schemas: { type: 'array', items: { type: 'string' }, example: ['urn:ietf:params:scim:schemas:core:2.0:User'] },
      id: { ...str('Server-assigned id'), readOnly: true }, externalId: str('The IdP\'s id'),
      userName: str('Unique per tenant, case-insensitive', 'bjensen@example.com'), displayName: str('Display name'),
      name: { type: 'object', properties: { formatted: { type: 'string' }, familyName: { type: 'string' }, givenName: { type: 'string' } } },
      active: { type: 'boolean', description: 'false = disabled (soft delete); "True"/"False" strings accepted' },
      emails: multi('Email addresses'), phoneNumbers: multi('Phone numbers'), addresses: { type: 'array', items: { type: 'object' } },
      groups: { ...multi('Groups the user belongs to'), readOnly: true },
      'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': {
        type: 'object', properties: { employeeNumber: { type: 'string' }, department: { type: 'string' }, manager: { type: 'object', properties: { value: { type: 'string' } } } },
      },
      meta,
    },
  },
  ScimGroup: {
    type: 'object', description: 'SCIM Group (RFC 7643 §4.2)', required: ['displayName'],
    properties: {
      schemas: { type: 'array', items: { type: 'string' }, example: ['urn:ietf:params:scim:schemas:core:2.0:Group'] },
      id: { ...str('Server-assigned id'), readOnly: true }, externalId: str('The IdP\'s id'), displayName: str('Unique per tenant, case-insensitive'),
      members: { type: 'array', items: { type: 'object', properties: { value: str('Member id'), type: { type: 'string', enum: ['User', 'Group'] }, $ref: { type: 'string' } } } },
      meta,
    },
  },
  ScimListResponse: {
    type: 'object', description: 'ListResponse (RFC 7644 §3.4.2; nextCursor from RFC 9865)',
    properties: {
      schemas: { type: 'array', items: { type: 'string' }, example: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'] },
      totalResults: { type: 'integer' }, startIndex: { type: 'integer' }, itemsPerPage: { type: 'integer' }, nextCursor: { type: 'string' },
      Resources: { type: 'array', items: { type: 'object' } },
    },
  },
  ScimPatchOp: {
    type: 'object', description: 'PatchOp (RFC 7644 §3.5.2); every Entra shape is accepted (docs/entra.md)', required: ['schemas', 'Operations'],
    properties: {
      schemas: { type: 'array', items: { type: 'string' }, example: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'] },
      Operations: {
        type: 'array',
        items: { type: 'object', required: ['op'], properties: { op: { type: 'string', enum: ['add', 'replace', 'remove'] }, path: str('Attribute path', 'emails[type eq "work"].value'), value: {} } },
      },
    },
  },
  ScimSearchRequest: {
    type: 'object', description: 'SearchRequest (RFC 7644 §3.4.3)',
    properties: {
      schemas: { type: 'array', items: { type: 'string' }, example: ['urn:ietf:params:scim:api:messages:2.0:SearchRequest'] },
      filter: { type: 'string' }, attributes: { type: 'array', items: { type: 'string' } }, excludedAttributes: { type: 'array', items: { type: 'string' } },
      sortBy: { type: 'string' }, sortOrder: { type: 'string', enum: ['ascending', 'descending'] }, startIndex: { type: 'integer' }, count: { type: 'integer' }, cursor: { type: 'string' },
    },
  },
};

export const scimRef = (name: keyof typeof SCIM_OPENAPI_SCHEMAS | string) => ({ $ref: `#/components/schemas/${name}` });
