import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * Typed configuration, read once from the environment and validated at start-up: a bad value
 * fails fast with a message naming the variable (DESIGN.md §2 "config").
 */
export type DbEngine = 'sqlite' | 'postgres';

export interface AppConfig {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string;
  dbEngine: DbEngine;
  publicBaseUrl: string;
  bootstrapToken?: string;
  /** Token lifetime for newly issued secret tokens, in days (0 = no expiry). */
  tokenTtlDays: number;
  /** Page size cap (RFC 7644 §3.4.2.4), advertised as filter.maxResults. */
  maxResults: number;
  /** Path of a JSON file with custom extension schemas (Entra `urn:…:extension:<Name>:2.0:User`). */
  customSchemasFile?: string;
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  // --- Auth (issue 4). Optional in the type so hand-built test configs keep working; read them
  // through resolveAuthSettings (src/auth/auth-settings.ts), which applies the defaults below.
  /** Lifetime of OAuth access tokens in minutes, 60–360 (OAUTH_TOKEN_TTL_MINUTES, default 60). */
  oauthTokenTtlMinutes?: number;
  /** Optional secret that encrypts OAuth signing keys at rest (OAUTH_KEY_ENCRYPTION_SECRET). */
  oauthKeyEncryptionSecret?: string;
  /** Failed authentications per client address per window before 429 (AUTH_FAILURE_LIMIT, default 20). */
  authFailureLimit?: number;
  /** Window of the failed-authentication limiter, seconds (AUTH_FAILURE_WINDOW_SECONDS, default 60). */
  authFailureWindowSeconds?: number;
  /** Entra-issued tokens ("blank Secret Token" mode): on when an issuer and a JWKS source are set. */
  entraJwtIssuer?: string;
  entraJwtAudience?: string;
  entraJwksFile?: string;
  entraJwksUrl?: string;
  // --- Audit (issue 5). Optional for hand-built test configs; read through resolveAuditSettings.
  /** Audit events older than this are pruned, in days; 0 = keep forever (AUDIT_RETENTION_DAYS, default 365). */
  auditRetentionDays?: number;
  /** Interval of the in-process pruning job, minutes; 0 = CLI only (AUDIT_PRUNE_INTERVAL_MINUTES, default 60). */
  auditPruneIntervalMinutes?: number;
  // --- Operations (issue 6, docs/operations.md). Optional so hand-built test configs keep working;
  // read them through resolveOpsSettings (src/observability/ops-settings.ts), which applies defaults.
  /** After SIGTERM, keep serving this long with readiness 503 so load balancers stop routing (SHUTDOWN_DRAIN_MS). */
  shutdownDrainMs?: number;
  /** Hard limit from SIGTERM to exit; past it the process exits 1 (SHUTDOWN_GRACE_MS). */
  shutdownGraceMs?: number;
  /** Slow-client limits: all headers within (HTTP_HEADERS_TIMEOUT_MS), whole request within (HTTP_REQUEST_TIMEOUT_MS). */
  httpHeadersTimeoutMs?: number;
  httpRequestTimeoutMs?: number;
  /** Per-tenant sustained requests/second (RATE_LIMIT_PER_TENANT_RPS, 0 = off) and bucket size (RATE_LIMIT_BURST). */
  rateLimitPerTenantRps?: number;
  rateLimitBurst?: number;
  /** Shares the rate limit across replicas (REDIS_URL, redis:// or rediss://). */
  redisUrl?: string;
  /** When set, GET /metrics needs `Authorization: Bearer <METRICS_TOKEN>`. */
  metricsToken?: string;
  /** Test-only artificial delay for every SCIM request (TEST_SLOW_REQUEST_MS); refused when NODE_ENV=production. */
  testSlowRequestMs?: number;
  /** MIGRATE_ONLY=1: apply migrations (under the start-up lock) and exit, for a Kubernetes Job. */
  migrateOnly?: boolean;
}

export class ConfigError extends Error {}

function int(env: NodeJS.ProcessEnv, name: string, def: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return def;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new ConfigError(`${name} must be an integer between ${min} and ${max}, got "${raw}"`);
  }
  return n;
}

function engineOf(url: string | undefined): DbEngine {
  if (!url) return 'sqlite';
  if (/^postgres(ql)?:\/\//i.test(url)) return 'postgres';
  throw new ConfigError('DATABASE_URL must be a postgres:// or postgresql:// URL (unset it for the embedded SQLite)');
}

function baseUrl(env: NodeJS.ProcessEnv, host: string, port: number): string {
  const raw = env.PUBLIC_BASE_URL;
  if (!raw) return `http://${host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host}:${port}`;
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new ConfigError(`PUBLIC_BASE_URL is not a valid URL: "${raw}"`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new ConfigError('PUBLIC_BASE_URL must be http(s)');
  return raw.replace(/\/+$/, '');
}

function bootstrapToken(env: NodeJS.ProcessEnv): string | undefined {
  const t = env.BOOTSTRAP_TOKEN;
  if (t === undefined) return undefined;
  // An empty or guessable bootstrap secret would let anyone in (reliability-plan.md §0.9, ToolJet).
  if (t.length < 32 || /^(changeme|secret|token|password|test)/i.test(t)) {
    throw new ConfigError('BOOTSTRAP_TOKEN must be at least 32 characters of random data (or unset to generate one)');
  }
  return t;
}

/**
 * A secret from the environment: unset is fine (the feature falls back), but an empty, short or
 * default-looking value is refused, so no configuration accepts a guessable secret (ToolJet, V11).
 */
function strongSecret(env: NodeJS.ProcessEnv, name: string, fallback: string): string | undefined {
  const t = env[name];
  if (t === undefined) return undefined;
  // An empty or guessable secret would let anyone in (reliability-plan.md §0.9, ToolJet).
  if (t.length < 32 || /^(changeme|change-me|default|secret|token|password|test|example)/i.test(t) || /^(.)\1*$/.test(t)) {
    throw new ConfigError(`${name} must be at least 32 characters of random data (or unset to ${fallback})`);
  }
  return t;
}

/** Entra's app id, the `aud` of its tokens for every custom (non-gallery) app (entra-scim.md §9). */
export const ENTRA_CUSTOM_APP_AUDIENCE = '8adf8e6e-67b2-4cf2-a259-e3dc5476c621';

function httpsUrl(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const raw = env[name];
  if (!raw) return undefined;
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new ConfigError(`${name} is not a valid URL: "${raw}"`);
  }
  if (u.protocol !== 'https:') throw new ConfigError(`${name} must be an https:// URL`);
  return raw;
}

/** A JWKS file must be a JSON object with a `keys` array (RFC 7517 §5), or the start fails here. */
function jwksFileCheck(file: string): void {
  let keys: unknown;
  try {
    keys = (JSON.parse(readFileSync(file, 'utf8')) as { keys?: unknown }).keys;
  } catch (e) {
    throw new ConfigError(`ENTRA_JWKS_FILE could not be read as JSON: ${(e as Error).message}`);
  }
  if (!Array.isArray(keys) || keys.length === 0) throw new ConfigError('ENTRA_JWKS_FILE must be a JWK Set with at least one key');
}

/** The optional Entra-issued-token mode: all or nothing, so a half configuration fails fast. */
function entraSettings(env: NodeJS.ProcessEnv): Pick<AppConfig, 'entraJwtIssuer' | 'entraJwtAudience' | 'entraJwksFile' | 'entraJwksUrl'> {
  const issuer = env.ENTRA_JWT_ISSUER || undefined;
  const file = env.ENTRA_JWKS_FILE || undefined;
  const url = httpsUrl(env, 'ENTRA_JWKS_URL');
  if (!issuer) {
    if (file || url) throw new ConfigError('ENTRA_JWKS_FILE / ENTRA_JWKS_URL need ENTRA_JWT_ISSUER (e.g. https://sts.windows.net/{tenantid}/)');
    return {};
  }
  if (!/^https:\/\/[^\s]+$/.test(issuer)) throw new ConfigError('ENTRA_JWT_ISSUER must be an https:// issuer, e.g. https://sts.windows.net/{tenantid}/');
  if (!file === !url) throw new ConfigError('With ENTRA_JWT_ISSUER set exactly one of ENTRA_JWKS_FILE or ENTRA_JWKS_URL is required');
  if (file) jwksFileCheck(file);
  return { entraJwtIssuer: issuer, entraJwtAudience: env.ENTRA_JWT_AUDIENCE || ENTRA_CUSTOM_APP_AUDIENCE, entraJwksFile: file, entraJwksUrl: url };
}

function redisUrl(env: NodeJS.ProcessEnv): string | undefined {
  const raw = env.REDIS_URL;
  if (!raw) return undefined;
  if (!/^rediss?:\/\/[^\s]+$/.test(raw)) throw new ConfigError('REDIS_URL must be a redis:// or rediss:// URL');
  return raw;
}

function flag(env: NodeJS.ProcessEnv, name: string): boolean {
  const raw = (env[name] ?? '').toLowerCase();
  if (raw === '' || raw === '0' || raw === 'false') return false;
  if (raw === '1' || raw === 'true') return true;
  throw new ConfigError(`${name} must be 1/true or 0/false, got "${env[name]}"`);
}

/** Probes, shutdown, HTTP limits, rate limit and metrics (issue 6; defaults in reliability-plan.md §6). */
function operationsSettings(env: NodeJS.ProcessEnv): Partial<AppConfig> {
  const httpRequestTimeoutMs = int(env, 'HTTP_REQUEST_TIMEOUT_MS', 30_000, 100, 600_000);
  const httpHeadersTimeoutMs = int(env, 'HTTP_HEADERS_TIMEOUT_MS', 15_000, 100, 600_000);
  // Node refuses a header deadline longer than the whole-request deadline.
  if (httpHeadersTimeoutMs > httpRequestTimeoutMs) throw new ConfigError('HTTP_HEADERS_TIMEOUT_MS must not exceed HTTP_REQUEST_TIMEOUT_MS');
  const shutdownDrainMs = int(env, 'SHUTDOWN_DRAIN_MS', 5_000, 0, 120_000);
  const shutdownGraceMs = int(env, 'SHUTDOWN_GRACE_MS', 25_000, 1_000, 600_000);
  if (shutdownDrainMs >= shutdownGraceMs) throw new ConfigError('SHUTDOWN_DRAIN_MS must be shorter than SHUTDOWN_GRACE_MS');
  const rateLimitPerTenantRps = int(env, 'RATE_LIMIT_PER_TENANT_RPS', 100, 0, 100_000);
  const testSlowRequestMs = int(env, 'TEST_SLOW_REQUEST_MS', 0, 0, 60_000) || undefined;
  // A test hook must never slow production down by accident.
  if (testSlowRequestMs && env.NODE_ENV === 'production') throw new ConfigError('TEST_SLOW_REQUEST_MS is for tests only and is refused when NODE_ENV=production');
  return {
    shutdownDrainMs, shutdownGraceMs, httpHeadersTimeoutMs, httpRequestTimeoutMs, rateLimitPerTenantRps,
    rateLimitBurst: int(env, 'RATE_LIMIT_BURST', Math.max(1, rateLimitPerTenantRps * 2), 1, 1_000_000),
    redisUrl: redisUrl(env),
    metricsToken: strongSecret(env, 'METRICS_TOKEN', 'serve /metrics without a token'),
    testSlowRequestMs,
    migrateOnly: flag(env, 'MIGRATE_ONLY'),
  };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const port = int(env, 'PORT', 3000, 0, 65535);
  const host = env.HOST || '0.0.0.0';
  const databaseUrl = env.DATABASE_URL || undefined;
  const level = (env.LOG_LEVEL || 'info') as AppConfig['logLevel'];
  if (!['debug', 'info', 'warn', 'error', 'silent'].includes(level)) {
    throw new ConfigError(`LOG_LEVEL must be one of debug, info, warn, error, silent; got "${level}"`);
  }
  return {
    port,
    host,
    dataDir: resolve(env.DATA_DIR || './data'),
    databaseUrl,
    dbEngine: engineOf(databaseUrl),
    publicBaseUrl: baseUrl(env, host, port),
    bootstrapToken: bootstrapToken(env),
    tokenTtlDays: int(env, 'TOKEN_TTL_DAYS', 365, 0, 3650),
    maxResults: int(env, 'SCIM_MAX_RESULTS', 100, 1, 1000),
    customSchemasFile: env.CUSTOM_SCHEMAS_FILE || undefined,
    logLevel: level,
    oauthTokenTtlMinutes: int(env, 'OAUTH_TOKEN_TTL_MINUTES', 60, 60, 360),
    oauthKeyEncryptionSecret: strongSecret(env, 'OAUTH_KEY_ENCRYPTION_SECRET', 'keep signing keys unencrypted'),
    authFailureLimit: int(env, 'AUTH_FAILURE_LIMIT', 20, 1, 100_000),
    authFailureWindowSeconds: int(env, 'AUTH_FAILURE_WINDOW_SECONDS', 60, 1, 3600),
    auditRetentionDays: int(env, 'AUDIT_RETENTION_DAYS', 365, 0, 36_500),
    auditPruneIntervalMinutes: int(env, 'AUDIT_PRUNE_INTERVAL_MINUTES', 60, 0, 10_080),
    ...entraSettings(env),
    ...operationsSettings(env),
  };
}

export const APP_CONFIG = Symbol('APP_CONFIG');
