import type { Principal } from '../auth/principal';

/** What a SCIM service method needs to know about the request it serves (also the audit context). */
export interface ScimCall {
  principal: Principal;
  /** SCIM base URL for meta.location (`…/scim/v2/<tenantId>` or `…/scim/v2`). */
  base: string;
  requestId?: string;
  /** Client address (Fastify's request.ip). */
  ip?: string;
  method?: string;
  /** The matched route pattern, e.g. `/scim/v2/:tenantId/Users/:id`. */
  route?: string;
  /** Entra quirks the PATCH body needed (entra-scim.md §4), filled by the normalisation interceptor. */
  quirks?: string[];
}
