import { HttpException } from '@nestjs/common';
import {
  InternalServerError, InvalidSyntaxError, InvalidValueError, MethodNotAllowedError, NotFoundError,
  PayloadTooLargeError, ScimError, ServiceUnavailableError, TooManyRequestsError, UnauthorizedError,
  UniquenessError, UnsupportedMediaTypeError, ForbiddenError,
} from '@app/scim-core';
import { isDatabaseUnavailable, isInvalidText, isUniqueViolation } from '../database/database-errors';

export const SCIM_CONTENT_TYPE = 'application/scim+json; charset=utf-8';
export const WWW_AUTHENTICATE = 'Bearer realm="scim"';

export interface ScimErrorResponse {
  error: ScimError;
  headers: Record<string, string>;
  /** True for errors that indicate a bug or an outage, logged at error level. */
  unexpected: boolean;
}

/** node-postgres' client-side query_timeout fired (a hung server): it carries no code, only this text. */
function isQueryReadTimeout(err: unknown): boolean {
  return err instanceof Error && /^Query read timeout/.test(err.message);
}

/**
 * PostgreSQL 54000 (program_limit_exceeded), e.g. an attribute value too large for its index row:
 * the client sent a value we cannot store, so 400, never 500 (found by the 1 MiB body spec).
 */
function isValueTooLarge(err: unknown): boolean {
  const e = err as { code?: unknown; driverError?: { code?: unknown } } | undefined;
  return e?.code === '54000' || e?.driverError?.code === '54000';
}

/** Fastify's own errors (body parsing, limits) carry a code and a statusCode. */
function fromFastify(err: { code?: string; statusCode?: number; message?: string }): ScimError | undefined {
  switch (err.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE': return new UnsupportedMediaTypeError();
    case 'FST_ERR_CTP_BODY_TOO_LARGE': return new PayloadTooLargeError('Request body exceeds 1 MiB');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY': return new InvalidSyntaxError('Request body is empty');
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH': return new InvalidSyntaxError('Content-Length does not match the body');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_TYPE': return new InvalidSyntaxError('Request body is not valid JSON');
  }
  if (err.statusCode === 400 && err instanceof SyntaxError) return new InvalidSyntaxError('Request body is not valid JSON');
  if (err.statusCode === 413) return new PayloadTooLargeError();
  if (err.statusCode === 415) return new UnsupportedMediaTypeError();
  return undefined;
}

function fromHttpException(err: HttpException): ScimError {
  const status = err.getStatus();
  const message = (err.getResponse() as { message?: unknown })?.message;
  const detail = Array.isArray(message) ? message.join('; ') : typeof message === 'string' ? message : err.message;
  switch (status) {
    case 401: return new UnauthorizedError();
    case 403: return new ForbiddenError();
    case 404: return new NotFoundError('Resource not found');
    case 405: return new MethodNotAllowedError();
    case 413: return new PayloadTooLargeError();
    case 415: return new UnsupportedMediaTypeError();
    case 400: return new InvalidValueError(detail);
    case 503: return new ServiceUnavailableError(5, 'Service not ready');
  }
  return status >= 500 ? new InternalServerError() : new ScimError(status, detail);
}

/**
 * Maps anything thrown while serving a request to a SCIM Error (RFC 7644 §3.12): status as a
 * string, the right scimType, never internal details. Shared by the Nest exception filter and
 * Fastify's error handler (which sees body-parsing errors before Nest does).
 */
export function toScimErrorResponse(err: unknown): ScimErrorResponse {
  const headers: Record<string, string> = {};
  let error: ScimError;
  let unexpected = false;
  if (err instanceof ScimError) error = err;
  else if (err instanceof HttpException) error = fromHttpException(err);
  else if (isUniqueViolation(err)) error = new UniquenessError('A resource with that unique attribute already exists');
  else if (isInvalidText(err)) error = new InvalidValueError('A value contains characters that cannot be stored');
  else if (isValueTooLarge(err)) error = new InvalidValueError('A value is too large to be stored');
  else if (isDatabaseUnavailable(err) || isQueryReadTimeout(err)) {
    error = new ServiceUnavailableError(5, 'The database is temporarily unavailable; retry later');
    unexpected = true;
  } else {
    const fastify = fromFastify((err ?? {}) as { code?: string; statusCode?: number });
    error = fastify ?? new InternalServerError();
    unexpected = !fastify;
  }
  if (error.status === 401) headers['www-authenticate'] = WWW_AUTHENTICATE;
  if (error instanceof TooManyRequestsError || error instanceof ServiceUnavailableError) {
    headers['retry-after'] = String(error.retryAfterSeconds);
  }
  return { error, headers, unexpected: unexpected || error.status >= 500 };
}
