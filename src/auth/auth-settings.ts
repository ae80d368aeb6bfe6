import { AppConfig, ENTRA_CUSTOM_APP_AUDIENCE } from '../config/app-config';

/** The auth part of AppConfig with its defaults applied (loadConfig validates the ranges). */
export interface AuthSettings {
  publicBaseUrl: string;
  /** `iss` of our access tokens: the service's own base URL. */
  issuer: string;
  accessTokenTtlSeconds: number;
  keyEncryptionSecret?: string;
  failureLimit: number;
  failureWindowMs: number;
  entra?: { issuer: string; audience: string; jwksFile?: string; jwksUrl?: string };
}

/**
 * Signing keys stay published and trusted for this long after they stop signing: the longest
 * access-token lifetime the configuration allows (360 min, issue 4) plus a margin for replicas
 * that still sign with a cached key for a moment after a rotation.
 */
export const KEY_RETIREMENT_GRACE_MS = (360 + 10) * 60_000;

export function resolveAuthSettings(c: AppConfig): AuthSettings {
  const entra = c.entraJwtIssuer
    ? { issuer: c.entraJwtIssuer, audience: c.entraJwtAudience ?? ENTRA_CUSTOM_APP_AUDIENCE, jwksFile: c.entraJwksFile, jwksUrl: c.entraJwksUrl }
    : undefined;
  return {
    publicBaseUrl: c.publicBaseUrl,
    issuer: c.publicBaseUrl,
    accessTokenTtlSeconds: (c.oauthTokenTtlMinutes ?? 60) * 60,
    keyEncryptionSecret: c.oauthKeyEncryptionSecret,
    failureLimit: c.authFailureLimit ?? 20,
    failureWindowMs: (c.authFailureWindowSeconds ?? 60) * 1000,
    entra,
  };
}

export const AUTH_SETTINGS = Symbol('AUTH_SETTINGS');
