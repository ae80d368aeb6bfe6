import { ArgumentsHost, Catch, ExceptionFilter, HttpException } from '@nestjs/common';
import type { FastifyReply } from 'fastify';

/**
 * Probes answer in Terminus' own JSON (`{"status":"error","error":{"database":{"status":"down",
 * "reason":"unreachable"}}}`), not as SCIM Errors: their callers are the kubelet and operators,
 * not SCIM clients, and the up/down per check is what they need. The reasons are fixed strings of
 * ours (never driver messages), so nothing internal leaks.
 */
@Catch()
export class HealthProbeFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const status = exception instanceof HttpException ? exception.getStatus() : 503;
    const response = exception instanceof HttpException ? exception.getResponse() : undefined;
    const body = response && typeof response === 'object' && 'status' in response ? response : { status: 'error' };
    if (reply.sent) return;
    void reply.status(status).header('content-type', 'application/json; charset=utf-8').header('cache-control', 'no-store').send(body);
  }
}
