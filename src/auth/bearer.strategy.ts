import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { Strategy } from 'passport-http-bearer';
import { CredentialVerifier } from './credential-verifier';
import { Principal } from './principal';

/**
 * The one bearer strategy (passport-http-bearer): `Authorization: Bearer <token>`, scheme
 * case-insensitive (RFC 6750 §2.1). It accepts secret tokens, our OAuth access tokens and, when
 * configured, Entra-issued tokens. Any failure is just "no principal": the guard turns every
 * cause into the same 401, so responses reveal nothing about why.
 */
@Injectable()
export class BearerStrategy extends PassportStrategy(Strategy, 'bearer') {
  constructor(private readonly credentials: CredentialVerifier) {
    super();
  }

  async validate(token: string): Promise<Principal | false> {
    return (await this.credentials.verify(token)) ?? false;
  }
}
