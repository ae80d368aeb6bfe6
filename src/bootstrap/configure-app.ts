import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ScimError } from '@app/scim-core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { LogController, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { AppConfig } from '../config/app-config';
import { assertJsonDepth, BODY_LIMIT_BYTES } from '../common/json-body';
import { SCIM_CONTENT_TYPE, toScimErrorResponse } from '../common/scim-error-response';
import { setupSwagger } from './swagger';
import { AuditService, FailedRequest } from '../audit/audit.service';
import type { Logger } from 'pino';
import { scimClientErrorHandler } from '../observability/client-error-handler';
import { installHttpObservability } from '../observability/http-observability';
import { MetricsService } from '../observability/metrics.service';
import { resolveOpsSettings } from '../observability/ops-settings';

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** A write attempt on a SCIM resource (searches via POST /.search are reads). */
function isScimWrite(req: FastifyRequest): boolean {
  return MUTATING.has(req.method) && req.url.startsWith('/scim/') && !/\/\.search(\?|$)/.test(req.url);
}

function scimTypeOf(payload: unknown): string | undefined {
  if (typeof payload !== 'string' || !payload.includes('scimType')) return undefined;
  try {
    return (JSON.parse(payload) as { scimType?: string }).scimType;
  } catch {
    return undefined;
  }
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Nest would install a Fastify error handler that turns Fastify's coded errors (invalid JSON,
 * 413, 415) into anonymous HttpExceptions; configureApp installs the SCIM one instead, which keeps
 * the code so the scimType is right.
 */
class ScimFastifyAdapter extends FastifyAdapter {
  override setErrorHandler(): ReturnType<FastifyAdapter['setErrorHandler']> {
    return this.getInstance();
  }
}

/**
 * The Fastify adapter with our HTTP limits (reliability-plan.md §6): 1 MiB bodies, request and
 * header timeouts against slow clients, and a request id taken from X-Request-Id or generated.
 */
export function createFastifyAdapter(config?: AppConfig, log?: Logger): FastifyAdapter {
  const ops = resolveOpsSettings(config);
  return new ScimFastifyAdapter({
    bodyLimit: BODY_LIMIT_BYTES,
    requestTimeout: ops.httpRequestTimeoutMs,
    // Slow clients (issue 6): Node enforces the header deadline at each connections check.
    // requireHostHeader off: Node's own 400 for a missing Host has no SCIM body; checkHostHeader answers it.
    http: { headersTimeout: ops.httpHeadersTimeoutMs, connectionsCheckingInterval: ops.httpConnectionsCheckingIntervalMs, requireHostHeader: false },
    // Timeouts, oversized headers and malformed requests answered at the socket get SCIM bodies too.
    clientErrorHandler: scimClientErrorHandler,
    // One JSON logger for the process; the per-request line is ours (src/observability).
    ...(log ? { loggerInstance: log, logController: new LogController({ disableRequestLogging: true }) } : {}),
    keepAliveTimeout: 65_000,
    return503OnClosing: true,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 500 },
    requestIdHeader: false,
    genReqId: (req: { headers: Record<string, string | string[] | undefined> }) => {
      const h = req.headers['x-request-id'];
      return typeof h === 'string' && REQUEST_ID.test(h) ? h : randomUUID();
    },
  });
}

/**
 * JSON for `application/json` and `application/scim+json` (any charset), with a depth limit. Fastify's
 * text/plain parser goes: a SCIM body in any other media type gets 415.
 */
function registerJsonParsers(fastify: FastifyInstance): void {
  const base = fastify.getDefaultJsonParser('error', 'error');
  const parser = (req: FastifyRequest, body: string | Buffer, done: (err: Error | null, value?: unknown) => void) => {
    base(req, body as string, (err: Error | null, value?: unknown) => {
      if (err) return done(err);
      try {
        assertJsonDepth(value);
        done(null, value);
      } catch (e) {
        done(e as Error);
      }
    });
  };
  fastify.removeContentTypeParser(['application/json', 'text/plain']);
  fastify.addContentTypeParser(['application/json', 'application/scim+json'], { parseAs: 'string', bodyLimit: BODY_LIMIT_BYTES }, parser);
}

/**
 * RFC 9112 §3.2: an HTTP/1.1 request without a Host header, or with more than one, gets 400. Node
 * would answer a missing one itself with an empty body; here both get a SCIM Error (found by the
 * reliability suite, test/reliability/f4-headers).
 */
async function checkHostHeader(req: FastifyRequest, reply: FastifyReply): Promise<void> {
  if (req.raw.httpVersion !== '1.1') return;
  const hosts = req.raw.rawHeaders.filter((h, i) => i % 2 === 0 && h.toLowerCase() === 'host').length;
  if (hosts === 1) return;
  const body = JSON.stringify(new ScimError(400, 'Malformed HTTP request: exactly one Host header is required').toBody());
  await reply.status(400).headers({ 'content-type': SCIM_CONTENT_TYPE, connection: 'close' }).send(body);
}

/** Node answers an Expect other than 100-continue with an empty 417; this one carries a SCIM Error. */
function answerExpectation(_req: IncomingMessage, res: ServerResponse): void {
  const body = JSON.stringify(new ScimError(417, 'Unsupported Expect header; only 100-continue is supported').toBody());
  res.writeHead(417, { 'content-type': SCIM_CONTENT_TYPE, 'content-length': Buffer.byteLength(body), connection: 'close' }).end(body);
}

function sendScimError(err: unknown, req: FastifyRequest, reply: FastifyReply): void {
  const { error, headers, unexpected } = toScimErrorResponse(err);
  if (unexpected) req.log.error({ err }, 'request failed before reaching a handler');
  void reply.status(error.status).headers({ ...headers, 'content-type': SCIM_CONTENT_TYPE }).send(JSON.stringify(error.toBody()));
}

/**
 * Everything the running service and the e2e tests share: parsers, SCIM content type on every
 * SCIM response, error bodies for failures Fastify raises before Nest sees the request
 * (body too large, bad JSON, wrong media type), the request id echo, and Swagger.
 */
export async function configureApp(app: NestFastifyApplication, config: AppConfig): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance() as unknown as FastifyInstance;
  registerJsonParsers(fastify);
  fastify.setErrorHandler((err, req, reply) => sendScimError(err, req, reply));
  fastify.decorateRequest('publicBaseUrl', '');
  fastify.addHook('onRequest', checkHostHeader);
  fastify.addHook('onRequest', async (req, reply) => {
    (req as unknown as { publicBaseUrl: string }).publicBaseUrl = config.publicBaseUrl;
    void reply.header('x-request-id', req.id);
  });
  const audit = app.get(AuditService);
  fastify.addHook('onSend', async (req, reply, payload) => {
    // Failed write attempts join the audit trail, whichever layer refused them (issue 5).
    // A 503 means the database is unavailable: the failure event could not be written either.
    if (reply.statusCode >= 400 && reply.statusCode !== 503 && isScimWrite(req)) {
      await audit.recordFailure(req as unknown as FailedRequest, reply.statusCode, scimTypeOf(payload));
    }
    if (req.url.startsWith('/scim/') && reply.statusCode !== 204) {
      const ct = String(reply.getHeader('content-type') ?? '');
      if (!ct || ct.startsWith('application/json')) void reply.header('content-type', SCIM_CONTENT_TYPE);
    }
    return payload;
  });
  installHttpObservability(fastify, app.get(MetricsService), resolveOpsSettings(config));
  // No app.enableShutdownHooks(): Nest would close the database before the HTTP server drains and
  // exit with 143. main.ts installs the ordered handler (src/health/graceful-shutdown.ts).
  setupSwagger(app, config);
  await app.init();
  await fastify.ready();
  const server = app.getHttpServer();
  server.headersTimeout = resolveOpsSettings(config).httpHeadersTimeoutMs;
  server.on('checkExpectation', answerExpectation);
}
