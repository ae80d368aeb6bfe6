import { Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';

export const TOKEN_PATH = '/oauth/token';
/** A token request is a few short parameters; nothing larger is read. */
const FORM_BODY_LIMIT = 16 * 1024;

/**
 * Parses `application/x-www-form-urlencoded` (RFC 6749 §4.4.2) into own string properties on a
 * null-prototype object; a repeated parameter becomes an array so the token endpoint can refuse
 * it (§3.2). Exported for unit tests.
 */
export function parseForm(body: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = Object.create(null);
  for (const [k, v] of new URLSearchParams(body)) {
    const prev = out[k];
    out[k] = prev === undefined ? v : ([] as string[]).concat(prev, v);
  }
  return out;
}

/**
 * The service parses JSON only (reliability-plan.md §6: urlencoded off), but the OAuth token
 * endpoint must take form bodies. This parser serves that one route; a form body anywhere else
 * is refused with the same 415 as any unsupported media type.
 */
@Injectable()
export class TokenFormParser implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance?.() as FastifyInstance | undefined;
    if (!fastify?.addContentTypeParser) return; // the CLI runs without HTTP
    const contentType = 'application/x-www-form-urlencoded';
    if (fastify.hasContentTypeParser(contentType)) fastify.removeContentTypeParser(contentType);
    fastify.addContentTypeParser(contentType, { parseAs: 'string', bodyLimit: FORM_BODY_LIMIT },
      (req: FastifyRequest, body: string | Buffer, done: (err: Error | null, value?: unknown) => void) => {
        if (req.routeOptions?.url !== TOKEN_PATH) {
          return done(Object.assign(new Error('Unsupported Media Type'), { statusCode: 415, code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE' }));
        }
        done(null, parseForm(String(body)));
      });
  }
}
