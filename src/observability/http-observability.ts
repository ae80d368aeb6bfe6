import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { accessLoggerOf } from './logger';
import type { Principal } from '../auth/principal';
import { MetricsService } from './metrics.service';
import type { OpsSettings } from './ops-settings';
import { outcomeOf, scimOperationOf } from './scim-route-labels';

interface ObservedRequest extends FastifyRequest {
  user?: Principal;
  scimPatch?: { quirks?: string[] };
}

const SCIM_ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error';
/** Probe and scrape traffic arrives every few seconds per pod: logged at debug, not info. */
const QUIET_ROUTES = /^\/(health\/(live|ready|startup)|metrics)\/?$/;

function routeOf(req: FastifyRequest): string {
  // Unmatched URLs (404) are labelled as one series, so random paths cannot explode cardinality.
  return req.routeOptions?.url ?? 'unmatched';
}

/** The scimType of a SCIM Error body (cheap check first: most responses are not errors). */
function scimErrorOf(payload: unknown): { scimType: string } | undefined {
  if (typeof payload !== 'string' || !payload.includes(SCIM_ERROR_SCHEMA)) return undefined;
  try {
    const body = JSON.parse(payload) as { scimType?: unknown };
    return { scimType: typeof body.scimType === 'string' ? body.scimType : 'none' };
  } catch {
    return undefined;
  }
}

function record(metrics: MetricsService, req: ObservedRequest, reply: FastifyReply): void {
  const route = routeOf(req);
  const status = reply.statusCode;
  metrics.httpDuration.observe({ route, method: req.method, status: String(status) }, reply.elapsedTime / 1000);
  // Only an authenticated tenant becomes a label: a path parameter is whatever the caller typed.
  const tenant = req.user?.tenantId ?? 'none';
  const op = scimOperationOf(req.method, req.routeOptions?.url);
  if (op) metrics.scimOperations.inc({ ...op, outcome: outcomeOf(status), tenant });
  for (const quirk of req.scimPatch?.quirks ?? []) metrics.entraQuirks.inc({ quirk, tenant });
}

/**
 * One JSON line per request: who (tenant, actor id), what (method, route pattern), outcome, time.
 * Only these named fields, so it goes through the access logger (no redaction pass) when there is one.
 */
function logLine(access: Logger | undefined, req: ObservedRequest, reply: FastifyReply): void {
  const route = routeOf(req);
  const status = reply.statusCode;
  const level = QUIET_ROUTES.test(route) ? 'debug' : status >= 500 ? 'warn' : 'info';
  if (access && !access.isLevelEnabled(level)) return;
  (access ?? req.log)[level]({
    ...(access ? { reqId: req.id } : {}),
    tenant: req.user?.tenantId,
    actor: req.user?.actorId,
    method: req.method,
    route,
    status,
    durationMs: Math.round(reply.elapsedTime * 10) / 10,
  }, 'request');
}

/**
 * Fastify hooks for logs and metrics. Hooks (not a Nest interceptor) so that requests refused
 * before Nest sees them (413, 415, bad JSON, 404) are logged and measured too, and so the route
 * pattern, principal and normalised PATCH quirks set by later layers are all known at the end.
 */
export function installHttpObservability(fastify: FastifyInstance, metrics: MetricsService, settings: OpsSettings): void {
  if (settings.testSlowRequestMs > 0) {
    // Test-only (TEST_SLOW_REQUEST_MS, refused with NODE_ENV=production): makes SCIM requests
    // slow enough that a shutdown test can have many in flight at once.
    const delay = settings.testSlowRequestMs;
    fastify.addHook('onRequest', async (req) => {
      if (req.url.startsWith('/scim/')) await new Promise((r) => setTimeout(r, delay));
    });
  }
  fastify.addHook('onSend', async (req, reply, payload) => {
    if (reply.statusCode >= 400) {
      const err = scimErrorOf(payload);
      if (err) metrics.scimErrors.inc({ status: String(reply.statusCode), scim_type: err.scimType });
    }
    return payload;
  });
  const access = accessLoggerOf(fastify.log as Logger);
  fastify.addHook('onResponse', async (req, reply) => {
    record(metrics, req as ObservedRequest, reply);
    logLine(access, req as ObservedRequest, reply);
  });
}
