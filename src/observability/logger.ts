import { hostname } from 'node:os';
import type { LoggerService } from '@nestjs/common';
import pino, { Logger } from 'pino';
import type { AppConfig } from '../config/app-config';

/**
 * Defence in depth: our own log lines never carry headers or bodies, but an error object or a
 * third-party log call might. These paths are censored wherever they appear (one level deep).
 */
export const REDACT_PATHS = [
  'authorization', '*.authorization', 'headers.authorization', '*.headers.authorization', 'req.headers.authorization',
  'headers.cookie', '*.headers.cookie', 'token', '*.token', 'secret', '*.secret', 'client_secret', '*.client_secret',
  'password', '*.password', 'body', '*.body', 'parameters', '*.parameters', 'query', '*.query',
];

/**
 * Errors are reduced to what helps on call (type, code, message, stack): pino's default
 * serializer copies every enumerable property, and TypeORM's QueryFailedError carries the SQL
 * parameters, which hold resource values.
 */
export function serializeError(err: unknown): Record<string, unknown> {
  if (!(err instanceof Error)) return { type: typeof err, message: String(err).slice(0, 500) };
  const code = (err as { code?: unknown }).code;
  return { type: err.name, message: err.message, ...(typeof code === 'string' ? { code } : {}), stack: err.stack };
}

const accessLoggers = new WeakMap<Logger, Logger>();

/** The one JSON logger of the process: Fastify's request logger and Nest's logger both write here. */
export function createRootLogger(config: Pick<AppConfig, 'logLevel'>, destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level: config.logLevel,
    // hostname is the pod name on Kubernetes: which replica wrote the line.
    base: { pid: process.pid, hostname: hostname(), service: 'scimbridge' },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
  };
  // process.stdout rather than a raw fd: synchronous for files and pipes on Linux (nothing is lost
  // at process.exit) and visible to anything that wraps process.stdout (the log-hygiene specs).
  const out = destination ?? process.stdout;
  const root = pino({ ...options, redact: { paths: REDACT_PATHS, censor: '[redacted]' }, serializers: { err: serializeError } }, out);
  accessLoggers.set(root, pino(options, out));
  return root;
}

/**
 * The same logger without the redaction pass, for the one line per request only: that line is
 * built from named scalar fields (http-observability.ts `logLine`), never from headers, bodies or
 * error objects, so there is nothing to censor, and walking the redaction paths on every request
 * cost ≈ 3% of a lookup's CPU (docs/BENCHMARKS.md). Undefined for a logger not made here.
 */
export function accessLoggerOf(logger: Logger): Logger | undefined {
  // Fastify's `fastify.log` is a child of the instance it was given: pino children have their
  // parent as prototype, so the root is on the chain.
  for (let o: object | null = logger; o !== null; o = Object.getPrototypeOf(o)) {
    const access = accessLoggers.get(o as Logger);
    if (access) return access;
  }
  return undefined;
}

/** Nest's own start-up chatter (one line per module and route) is debug, not info. */
const FRAMEWORK_CONTEXTS = new Set(['NestFactory', 'InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestApplication']);

/** Splits Nest's `(message, stack?, context?)` convention. */
function split(rest: unknown[], isError: boolean): { context?: string; stack?: string } {
  const strings = rest.filter((r): r is string => typeof r === 'string');
  if (strings.length >= 2) return { stack: strings[0], context: strings[strings.length - 1] };
  if (strings.length === 1) {
    return isError && /\n\s+at /.test(strings[0]) ? { stack: strings[0] } : { context: strings[0] };
  }
  return {};
}

/** Nest's LoggerService on the root pino logger, so framework and application logs are JSON too. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly root: Logger) {}

  log(message: unknown, ...rest: unknown[]): void {
    const { context } = split(rest, false);
    const level = context && FRAMEWORK_CONTEXTS.has(context) ? 'debug' : 'info';
    this.write(level, message, { context });
  }

  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, split(rest, true));
  }

  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, split(rest, false));
  }

  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, split(rest, false));
  }

  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('trace', message, split(rest, false));
  }

  fatal(message: unknown, ...rest: unknown[]): void {
    this.write('fatal', message, split(rest, true));
  }

  private write(level: pino.Level, message: unknown, fields: { context?: string; stack?: string }): void {
    if (!this.root.isLevelEnabled(level)) return;
    if (message instanceof Error) this.root[level]({ context: fields.context, err: message }, message.message);
    else if (typeof message === 'object' && message !== null) this.root[level]({ context: fields.context, stack: fields.stack, ...message });
    else this.root[level]({ context: fields.context, stack: fields.stack }, String(message));
  }
}
