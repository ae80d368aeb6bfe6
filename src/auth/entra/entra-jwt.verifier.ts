import { readFileSync } from 'node:fs';
import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { createLocalJWKSet, createRemoteJWKSet, JSONWebKeySet, JWTPayload, jwtVerify } from 'jose';
import { Clock } from '../../common/clock';
import { ConfigError } from '../../config/app-config';
import { AUTH_SETTINGS, AuthSettings } from '../auth-settings';
import { Principal } from '../principal';
import { TenantsRepository } from '../tenants.repository';
import { TransactionRunner } from '../../database/transaction-runner';

type KeySet = ReturnType<typeof createLocalJWKSet>;

export const ENTRA_TENANT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Entra's own tokens, the "blank Secret Token" mode (entra-scim.md §9): RS256 JWTs with
 * `iss` https://sts.windows.net/<tid>/, `aud` the app id (8adf8e6e-… for every custom app) and
 * `tid` the Entra tenant. Off unless ENTRA_JWT_ISSUER and a JWKS source are configured. A token
 * maps to the one Scimbridge tenant linked to its `tid` (tenants:link-entra); that tenant gets
 * scim:read and scim:write, never admin. Microsoft says this mode is for testing only.
 */
@Injectable()
export class EntraJwtVerifier implements OnModuleInit {
  private keySet?: KeySet;

  constructor(
    private readonly tx: TransactionRunner,
    private readonly tenants: TenantsRepository,
    private readonly clock: Clock,
    @Inject(AUTH_SETTINGS) private readonly settings: AuthSettings,
  ) {}

  get enabled(): boolean {
    return !!this.settings.entra;
  }

  /** Loads the key source at start-up, so a missing or broken JWKS file stops the start. */
  onModuleInit(): void {
    const e = this.settings.entra;
    if (!e) return;
    if (e.jwksUrl) {
      this.keySet = createRemoteJWKSet(new URL(e.jwksUrl), { cooldownDuration: 30_000, cacheMaxAge: 3_600_000 });
      return;
    }
    let jwks: JSONWebKeySet;
    try {
      jwks = JSON.parse(readFileSync(e.jwksFile ?? '', 'utf8')) as JSONWebKeySet;
      this.keySet = createLocalJWKSet(jwks);
    } catch (err) {
      throw new ConfigError(`ENTRA_JWKS_FILE could not be read as a JWK Set: ${(err as Error).message}`);
    }
  }

  async verify(token: string): Promise<Principal | undefined> {
    const e = this.settings.entra;
    if (!e || !this.keySet) return undefined;
    let claims: JWTPayload & { tid?: unknown; oid?: unknown; appid?: unknown };
    try {
      ({ payload: claims } = await jwtVerify(token, this.keySet, {
        algorithms: ['RS256'], audience: e.audience, currentDate: this.clock.now(), clockTolerance: 60, requiredClaims: ['exp', 'iss', 'tid'],
      }));
    } catch {
      return undefined;
    }
    const tid = typeof claims.tid === 'string' ? claims.tid.toLowerCase() : '';
    // The issuer names the Entra tenant too; it must be the very tenant of the `tid` claim.
    if (!ENTRA_TENANT_ID.test(tid) || claims.iss?.toLowerCase() !== e.issuer.replace(/\{tenantid\}/gi, tid).toLowerCase()) return undefined;
    const tenant = await this.tx.read((db) => this.tenants.findByEntraTenant(db, tid));
    if (!tenant || tenant.status !== 'active') return undefined;
    const actor = [claims.oid, claims.appid, claims.sub].find((v): v is string => typeof v === 'string') ?? tid;
    return {
      tenantId: tenant.id, actorId: actor.slice(0, 64), actorName: 'Entra provisioning (Entra-issued token)', actorType: 'entra',
      scopes: new Set(['scim:read', 'scim:write']),
    };
  }
}
