import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { SCIM_CONTENT_TYPE, toScimErrorResponse } from './scim-error-response';

/**
 * The global exception filter (APP_FILTER): every error leaves as a SCIM Error body with
 * `application/scim+json`, including 401/404/405/413/415/429/5xx (DESIGN.md §4).
 */
@Catch()
export class ScimExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('ScimExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const { error, headers, unexpected } = toScimErrorResponse(exception);
    if (unexpected) {
      const e = exception as Error;
      this.logger.error(`${error.status} ${e?.name ?? 'Error'}: ${e?.message ?? String(exception)}`, e?.stack);
    }
    if (reply.sent) return;
    reply.status(error.status).headers({ ...headers, 'content-type': SCIM_CONTENT_TYPE }).send(JSON.stringify(error.toBody()));
  }
}
