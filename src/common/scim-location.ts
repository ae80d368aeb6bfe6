import type { AppConfig } from '../config/app-config';

/**
 * The SCIM base URL a request was made under, for meta.location and Location headers: the Tenant
 * URL (`…/scim/v2/<tenantId>`) when the tenant is in the path, else `…/scim/v2`.
 */
export function scimBaseUrl(config: Pick<AppConfig, 'publicBaseUrl'>, pathTenantId: string | undefined): string {
  return pathTenantId ? `${config.publicBaseUrl}/scim/v2/${encodeURIComponent(pathTenantId)}` : `${config.publicBaseUrl}/scim/v2`;
}

/** Route prefixes every SCIM controller is mounted under (DESIGN.md §6). */
export const SCIM_ROUTE_PREFIXES = ['scim/v2/:tenantId', 'scim/v2'];
