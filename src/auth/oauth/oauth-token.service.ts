import { Inject, Injectable } from '@nestjs/common';
import { Scope, SCOPES } from '../principal';
import { AUTH_FAILURE_LIMITER, AuthFailureLimiter } from '../rate-limit/auth-failure-limiter';
import { AccessTokensService } from './access-tokens.service';
import { OAuthClientsService } from './oauth-clients.service';
import { OAuthError } from './oauth-error';
import { parseTokenRequest } from './token-request';

/** RFC 6749 §5.1 successful response. */
export interface TokenResponse {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  scope: string;
}

export interface TokenHttpRequest {
  contentType?: string;
  authorization?: string;
  body: unknown;
  clientAddress: string;
}

/** The token endpoint's logic: client credentials grant only (RFC 6749 §4.4). */
@Injectable()
export class OAuthTokenService {
  constructor(
    private readonly clients: OAuthClientsService,
    private readonly accessTokens: AccessTokensService,
    @Inject(AUTH_FAILURE_LIMITER) private readonly limiter: AuthFailureLimiter,
  ) {}

  async token(req: TokenHttpRequest): Promise<TokenResponse> {
    const tr = await this.countingFailures(req.clientAddress, async () => parseTokenRequest(req.contentType, req.authorization, req.body));
    if (tr.grantType !== 'client_credentials') {
      throw new OAuthError('unsupported_grant_type', 'Only the client_credentials grant is supported (RFC 6749 §4.4)');
    }
    const client = await this.countingFailures(req.clientAddress, async () => {
      const c = await this.clients.authenticate(tr.clientId, tr.clientSecret);
      if (!c) throw OAuthError.invalidClient();
      return c;
    });
    const scopes = this.grantedScopes(tr.scope, client.scopes);
    const issued = await this.accessTokens.issue(client, scopes);
    return { access_token: issued.accessToken, token_type: 'Bearer', expires_in: issued.expiresIn, scope: issued.scope };
  }

  /** RFC 6749 §3.3: absent → everything the client holds; otherwise a subset of it, or invalid_scope. */
  private grantedScopes(requested: string | undefined, held: Scope[]): Scope[] {
    if (requested === undefined) return held;
    const asked = [...new Set(requested.split(' ').filter(Boolean))];
    const bad = asked.filter((s) => !SCOPES.includes(s as Scope) || !held.includes(s as Scope));
    if (bad.length) throw new OAuthError('invalid_scope', 'The requested scope is unknown or exceeds the scope granted to the client');
    return asked as Scope[];
  }

  /** invalid_client counts as a failed authentication of the address; past the limit → 429. */
  private async countingFailures<T>(address: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      if (e instanceof OAuthError && e.error === 'invalid_client') {
        const v = await this.limiter.recordFailure(address);
        if (v.limited) throw OAuthError.tooManyFailures(v.retryAfterSeconds);
      }
      throw e;
    }
  }
}
