/** Schema and message URNs (RFC 7643 §8.7, RFC 7644 §3). */
export const URN = {
  USER: 'urn:ietf:params:scim:schemas:core:2.0:User',
  GROUP: 'urn:ietf:params:scim:schemas:core:2.0:Group',
  ENTERPRISE_USER: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
  SERVICE_PROVIDER_CONFIG: 'urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig',
  RESOURCE_TYPE: 'urn:ietf:params:scim:schemas:core:2.0:ResourceType',
  SCHEMA: 'urn:ietf:params:scim:schemas:core:2.0:Schema',
  LIST_RESPONSE: 'urn:ietf:params:scim:api:messages:2.0:ListResponse',
  PATCH_OP: 'urn:ietf:params:scim:api:messages:2.0:PatchOp',
  SEARCH_REQUEST: 'urn:ietf:params:scim:api:messages:2.0:SearchRequest',
  ERROR: 'urn:ietf:params:scim:api:messages:2.0:Error',
  BULK_REQUEST: 'urn:ietf:params:scim:api:messages:2.0:BulkRequest',
  /** Entra's legacy, non-standard group schema URI (entra-scim.md G1): accepted, never emitted. */
  ADSCIM_GROUP: 'http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group',
} as const;
