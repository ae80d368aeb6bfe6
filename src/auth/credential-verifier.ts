import { Injectable } from '@nestjs/common';
import { decodeProtectedHeader } from 'jose';
import { EntraJwtVerifier } from './entra/entra-jwt.verifier';
import { ACCESS_TOKEN_TYP, AccessTokensService } from './oauth/access-tokens.service';
import { Principal } from './principal';
import { TokensService } from './tokens.service';

/** Three base64url segments: the JWS compact serialization (RFC 7515 §7.1). */
const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;
/** Far above any real token, far below the header limit: nothing larger is parsed. */
const MAX_JWT_LENGTH = 8192;

/**
 * Every kind of bearer credential, one entry point: a JWT is one of our access tokens
 * (`typ: at+jwt`, RFC 9068) or, when that mode is on, an Entra-issued token; anything else is a
 * secret token looked up by digest. The routing reads the unverified header only to pick the
 * verifier; each verifier then checks signature, issuer, audience, expiry and the live records.
 */
@Injectable()
export class CredentialVerifier {
  constructor(
    private readonly secretTokens: TokensService,
    private readonly accessTokens: AccessTokensService,
    private readonly entra: EntraJwtVerifier,
  ) {}

  async verify(token: string): Promise<Principal | undefined> {
    if (token.length <= MAX_JWT_LENGTH && JWT_SHAPE.test(token)) {
      const typ = this.jwtTyp(token);
      if (typ !== undefined) {
        if (typ.toLowerCase() === ACCESS_TOKEN_TYP) return this.accessTokens.verify(token);
        return this.entra.enabled ? this.entra.verify(token) : undefined;
      }
    }
    return this.secretTokens.verify(token);
  }

  /** The `typ` of a JWS header ('' when absent), or undefined when the token is not a JWS at all. */
  private jwtTyp(token: string): string | undefined {
    try {
      const h = decodeProtectedHeader(token);
      return typeof h.typ === 'string' ? h.typ : '';
    } catch {
      return undefined;
    }
  }
}
