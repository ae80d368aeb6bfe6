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
  };
}

export const APP_CONFIG = Symbol('APP_CONFIG');
