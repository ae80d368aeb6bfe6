import type { AppConfig } from '../config/app-config';

/** The Tenant URL an admin pastes into Entra; also the `aud` of our access tokens. */
export function tenantUrl(config: Pick<AppConfig, 'publicBaseUrl'>, tenantId: string): string {
  return `${config.publicBaseUrl}/scim/v2/${tenantId}`;
}
