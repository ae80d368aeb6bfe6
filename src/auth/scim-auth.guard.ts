import { ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { ForbiddenError, TooManyRequestsError, UnauthorizedError } from '@app/scim-core';
import { Principal, REQUIRED_SCOPES, Scope } from './principal';
import { AUTH_FAILURE_LIMITER, AuthFailureLimiter } from './rate-limit/auth-failure-limiter';

interface AuthShim {
  headers: { authorization?: string };
  query: Record<string, never>;
  body: Record<string, never>;
  user?: Principal;
}

interface GuardedRequest {
  headers: { authorization?: string };
  ip?: string;
  user?: Principal;
  params?: Record<string, string>;
  scimAuthShim?: AuthShim;
}

/** Passport reports "no credential / bad credential" through handleRequest; this marks those. */
class AuthenticationFailed extends Error {}

/**
 * Authenticates with the bearer strategy, then binds the request to the credential's tenant: a
 * tenant id in the path (the Tenant URL, Astro style) must be the credential's own. Every failure
 * — no header, another scheme, a wrong, revoked or expired credential, a disabled tenant, another
 * tenant's Tenant URL — is the same 401 (RFC 6750 §3, WWW-Authenticate: Bearer realm="scim"), so
 * no cause can be told apart. Failures are counted per client address: past the limit the answer
 * is 429 + Retry-After, but a valid credential always passes. Then scopes (403); `admin` implies
 * every scope.
 */
@Injectable()
export class ScimAuthGuard extends AuthGuard('bearer') {
  constructor(
    private readonly reflector: Reflector,
    @Inject(AUTH_FAILURE_LIMITER) private readonly limiter: AuthFailureLimiter,
  ) {
    super({ session: false });
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<GuardedRequest>();
    let principal: Principal | undefined;
    try {
      await super.canActivate(context);
      principal = req.scimAuthShim?.user;
    } catch (e) {
      // A database outage is not a bad credential: let it surface as 503, uncounted.
      if (!(e instanceof AuthenticationFailed)) throw e;
    }
    const pathTenant = req.params?.tenantId;
    if (!principal || (pathTenant !== undefined && pathTenant !== principal.tenantId)) return this.refuse(req);
    req.user = principal;
    const needed = this.reflector.getAllAndOverride<Scope[]>(REQUIRED_SCOPES, [context.getHandler(), context.getClass()]) ?? ['scim:read'];
    if (!principal.scopes.has('admin') && !needed.every((s) => principal.scopes.has(s))) {
      throw new ForbiddenError(`This credential lacks the scope ${needed.join(' ')}`);
    }
    return true;
  }

  /**
   * passport-http-bearer also reads `access_token` from the query string and the body; tokens in
   * URLs end up in logs (RFC 6750 §2.3, RFC 7644 §7.4), so the strategy only sees the header.
   */
  override getRequest(context: ExecutionContext): AuthShim {
    const req = context.switchToHttp().getRequest<GuardedRequest>();
    req.scimAuthShim ??= { headers: { authorization: req.headers.authorization }, query: {}, body: {} };
    return req.scimAuthShim;
  }

  override handleRequest<T>(err: unknown, user: T): T {
    if (err) throw err;
    if (!user) throw new AuthenticationFailed();
    return user;
  }

  private async refuse(req: GuardedRequest): Promise<never> {
    const verdict = await this.limiter.recordFailure(req.ip ?? 'unknown');
    if (verdict.limited) throw new TooManyRequestsError(verdict.retryAfterSeconds, 'Too many failed authentications; retry later');
    throw new UnauthorizedError();
  }
}
