import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { JWTPayload, jwtVerify, SignJWT } from 'jose';
import { Clock } from '../../common/clock';
import { AUTH_SETTINGS, AuthSettings } from '../auth-settings';
import { Principal, Scope } from '../principal';
import { tenantUrl } from '../tenant-url';
import { AuthenticatedClient, OAuthClientsService } from './oauth-clients.service';
import { SIGNING_ALG, SigningKeysService } from './signing-keys.service';

/** RFC 9068 §2.1: the media type of JWT access tokens; it keeps them apart from other JWTs. */
export const ACCESS_TOKEN_TYP = 'at+jwt';

export interface IssuedAccessToken {
  accessToken: string;
  expiresIn: number;
  scope: string;
}

interface AccessTokenClaims extends JWTPayload {
  tid?: unknown;
  client_id?: unknown;
  scope?: unknown;
}

/**
 * Our OAuth access tokens: JWTs (RFC 9068) signed with the current signing key. Bound to one
 * tenant twice over: `tid` names it and `aud` is its Tenant URL, so a token of tenant A is
 * refused on tenant B's Tenant URL. Verification also re-reads the client, so revoking a client
 * (or disabling its tenant) stops its tokens on the next request.
 */
@Injectable()
export class AccessTokensService {
  constructor(
    private readonly keys: SigningKeysService,
    private readonly clients: OAuthClientsService,
    private readonly clock: Clock,
    @Inject(AUTH_SETTINGS) private readonly settings: AuthSettings,
  ) {}

  async issue(client: AuthenticatedClient, scopes: Scope[]): Promise<IssuedAccessToken> {
    const { kid, key } = await this.keys.signingKey();
    const now = Math.floor(this.clock.now().getTime() / 1000);
    const ttl = this.settings.accessTokenTtlSeconds;
    const scope = scopes.join(' ');
    const accessToken = await new SignJWT({ tid: client.tenantId, client_id: client.clientId, scope })
      .setProtectedHeader({ alg: SIGNING_ALG, kid, typ: ACCESS_TOKEN_TYP })
      .setIssuer(this.settings.issuer)
      .setSubject(client.clientId)
      .setAudience(tenantUrl(this.settings, client.tenantId))
      .setIssuedAt(now)
      .setExpirationTime(now + ttl)
      .setJti(randomUUID())
      .sign(key);
    return { accessToken, expiresIn: ttl, scope };
  }

  /** A principal for a valid, unexpired token of a live client, else undefined. */
  async verify(token: string): Promise<Principal | undefined> {
    let claims: AccessTokenClaims;
    try {
      ({ payload: claims } = await jwtVerify(token, async (header) => {
        const key = header.kid ? await this.keys.verificationKey(header.kid) : undefined;
        if (!key) throw new Error('unknown kid');
        return key;
      }, {
        issuer: this.settings.issuer, algorithms: [SIGNING_ALG], typ: ACCESS_TOKEN_TYP, currentDate: this.clock.now(),
        clockTolerance: 5, requiredClaims: ['exp', 'iat', 'sub', 'aud'],
      }));
    } catch {
      return undefined;
    }
    const { tid, client_id: clientId, scope } = claims;
    if (typeof tid !== 'string' || typeof clientId !== 'string' || typeof scope !== 'string' || claims.sub !== clientId) return undefined;
    if (claims.aud !== tenantUrl(this.settings, tid)) return undefined;
    const client = await this.clients.findLive(clientId);
    if (!client || client.tenantId !== tid) return undefined;
    // Never more than the client holds now, whatever the token says.
    const granted = scope.split(' ').filter((s): s is Scope => client.scopes.includes(s as Scope));
    return { tenantId: tid, actorId: client.clientId, actorName: client.name, actorType: 'oauth-client', scopes: new Set(granted) };
  }
}
