import { URN } from '../messages/urns';
import { compactObject, joinLocation } from './compact-object';

/** An "authenticationSchemes" entry (RFC 7643 §5). */
export interface AuthenticationScheme {
  type: string;
  name: string;
  description: string;
  specUri?: string;
  documentationUri?: string;
  primary?: boolean;
}

/** The bearer-token scheme Entra uses (entra-scim.md §5.5, RFC 6750). */
export const OAUTH_BEARER_TOKEN_SCHEME: AuthenticationScheme = {
  type: 'oauthbearertoken',
  name: 'OAuth Bearer Token',
  description: 'Authentication scheme using the OAuth Bearer Token Standard',
  specUri: 'https://www.rfc-editor.org/info/rfc6750',
  primary: true,
};

export interface ServiceProviderConfigOptions {
  /** Base URL of the SCIM endpoint (`https://host/scim/v2/<tenant>`), for meta.location. */
  baseLocation?: string;
  documentationUri?: string;
  /** filter.maxResults: the most resources a list response returns. */
  maxResults: number;
  etag: boolean;
  sort: boolean;
  bulk?: boolean;
  bulkMaxOperations?: number;
  /** Largest accepted request body in bytes (bulk.maxPayloadSize). */
  maxPayloadSize?: number;
  changePassword?: boolean;
  patch?: boolean;
  filter?: boolean;
  authenticationSchemes?: AuthenticationScheme[];
}

const ONE_MIB = 1024 * 1024;

/**
 * The /ServiceProviderConfig resource (RFC 7643 §5). Defaults: patch and filter supported,
 * bulk and changePassword not (Entra does not use them, entra-scim.md §1.2), bearer tokens.
 * bulk.maxOperations / maxPayloadSize are REQUIRED even when bulk is unsupported.
 */
export function buildServiceProviderConfig(options: ServiceProviderConfigOptions): Record<string, unknown> {
  const bulk = options.bulk ?? false;
  return compactObject({
    schemas: [URN.SERVICE_PROVIDER_CONFIG],
    documentationUri: options.documentationUri,
    patch: { supported: options.patch ?? true },
    bulk: {
      supported: bulk,
      maxOperations: bulk ? (options.bulkMaxOperations ?? 0) : 0,
      maxPayloadSize: options.maxPayloadSize ?? ONE_MIB,
    },
    filter: { supported: options.filter ?? true, maxResults: options.maxResults },
    changePassword: { supported: options.changePassword ?? false },
    sort: { supported: options.sort },
    etag: { supported: options.etag },
    authenticationSchemes: (options.authenticationSchemes ?? [OAUTH_BEARER_TOKEN_SCHEME]).map((s) => ({ ...s })),
    meta: { resourceType: 'ServiceProviderConfig', location: joinLocation(options.baseLocation, 'ServiceProviderConfig') },
  });
}
