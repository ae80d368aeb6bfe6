import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';

export const SCOPES = ['scim:read', 'scim:write', 'audit:read', 'admin'] as const;
export type Scope = (typeof SCOPES)[number];

/** Who is calling: always bound to exactly one tenant, derived from the credential only. */
export interface Principal {
  tenantId: string;
  /** Id of the secret token or OAuth client: the audit actor. Never the secret. */
  actorId: string;
  actorName: string;
  actorType: 'token' | 'oauth-client' | 'entra';
  scopes: ReadonlySet<Scope>;
}

export const REQUIRED_SCOPES = 'scimbridge:scopes';
/** Scopes a route needs; `admin` implies every scope. Routes without it need `scim:read`. */
export const RequireScopes = (...scopes: Scope[]) => SetMetadata(REQUIRED_SCOPES, scopes);

export const CurrentPrincipal = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  return ctx.switchToHttp().getRequest<{ user: Principal }>().user;
});
