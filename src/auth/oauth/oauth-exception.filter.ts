import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { OAuthError } from './oauth-error';

/** RFC 6749 §5.1/§5.2: token responses and errors must not be cached. */
export const NO_STORE = { 'cache-control': 'no-store', pragma: 'no-cache' };

/** Errors of the token endpoint leave as OAuth JSON (RFC 6749 §5.2), never as a SCIM Error. */
@Catch()
export class OAuthExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('OAuthExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    let err: OAuthError;
    if (exception instanceof OAuthError) err = exception;
    else {
      const e = exception as Error;
      this.logger.error(`token endpoint failed: ${e?.name ?? 'Error'}: ${e?.message ?? String(exception)}`, e?.stack);
      err = new OAuthError('server_error', 'The token could not be issued', 500);
    }
    if (reply.sent) return;
    void reply.status(err.status).headers({ ...NO_STORE, ...err.headers, 'content-type': 'application/json; charset=utf-8' })
      .send(JSON.stringify({ error: err.error, error_description: err.description }));
  }
}
