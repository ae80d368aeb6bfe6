import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Principal } from '../auth/principal';
import { ScimCall } from './scim-call';
import { scimBaseUrl } from './scim-location';

interface ScimHttpRequest {
  user: Principal;
  id: string;
  ip?: string;
  method: string;
  url: string;
  routeOptions?: { url?: string };
  params: Record<string, string | undefined>;
  /** Set for every request by configureApp from PUBLIC_BASE_URL. */
  publicBaseUrl: string;
  scimPatch?: { quirks: string[] };
}

/** The ScimCall of a request: principal, base URL, and what the audit trail records. */
export function scimCallOf(req: ScimHttpRequest): ScimCall {
  return {
    principal: req.user,
    base: scimBaseUrl({ publicBaseUrl: req.publicBaseUrl }, req.params?.tenantId),
    requestId: req.id,
    ip: req.ip,
    method: req.method,
    route: req.routeOptions?.url ?? req.url.split('?')[0],
    quirks: req.scimPatch?.quirks ?? [],
  };
}

/** Builds the ScimCall (principal, base URL, request id) a service method needs. */
export const Scim = createParamDecorator((_: unknown, ctx: ExecutionContext): ScimCall => scimCallOf(ctx.switchToHttp().getRequest<ScimHttpRequest>()));
