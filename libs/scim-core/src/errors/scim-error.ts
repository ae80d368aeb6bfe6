/**
 * SCIM errors (RFC 7644 §3.12). One class per scimType, plus HTTP-level errors that carry no
 * scimType. `status` is rendered as a string in the body, as the RFC's examples and Entra require.
 */
export type ScimType =
  | 'invalidFilter'
  | 'tooMany'
  | 'uniqueness'
  | 'mutability'
  | 'invalidSyntax'
  | 'invalidPath'
  | 'noTarget'
  | 'invalidValue'
  | 'invalidVers'
  | 'sensitive';

export const ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error';

export interface ScimErrorBody {
  schemas: [typeof ERROR_SCHEMA];
  status: string;
  scimType?: ScimType;
  detail?: string;
}

export class ScimError extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly scimType?: ScimType,
  ) {
    super(detail);
    this.name = new.target.name;
  }

  toBody(): ScimErrorBody {
    const body: ScimErrorBody = { schemas: [ERROR_SCHEMA], status: String(this.status) };
    if (this.scimType) body.scimType = this.scimType;
    if (this.detail) body.detail = this.detail;
    return body;
  }
}

/** RFC 7644 §3.4.2.2: the filter syntax was invalid or the filter is not supported. */
export class InvalidFilterError extends ScimError {
  constructor(detail: string) { super(400, detail, 'invalidFilter'); }
}
/** RFC 7644 §3.4.2.2: the filter yields more results than the server is willing to return. */
export class TooManyError extends ScimError {
  constructor(detail: string) { super(400, detail, 'tooMany'); }
}
/** RFC 7644 §3.3 / §3.5.1: one or more unique attribute values are already in use (409). */
export class UniquenessError extends ScimError {
  constructor(detail: string) { super(409, detail, 'uniqueness'); }
}
/** RFC 7644 §3.5.2: the operation would modify a readOnly or immutable attribute. */
export class MutabilityError extends ScimError {
  constructor(detail: string) { super(400, detail, 'mutability'); }
}
/** RFC 7644 §3.12: the request body message structure was invalid. */
export class InvalidSyntaxError extends ScimError {
  constructor(detail: string) { super(400, detail, 'invalidSyntax'); }
}
/** RFC 7644 §3.5.2: the "path" attribute was invalid or malformed. */
export class InvalidPathError extends ScimError {
  constructor(detail: string) { super(400, detail, 'invalidPath'); }
}
/** RFC 7644 §3.5.2: the path filter matched no attribute or sub-attribute value. */
export class NoTargetError extends ScimError {
  constructor(detail: string) { super(400, detail, 'noTarget'); }
}
/** RFC 7644 §3.12: a required value was missing or a value was not compatible with its type. */
export class InvalidValueError extends ScimError {
  constructor(detail: string) { super(400, detail, 'invalidValue'); }
}
/** RFC 7644 §3.12: the specified SCIM protocol version is not supported. */
export class InvalidVersError extends ScimError {
  constructor(detail: string) { super(400, detail, 'invalidVers'); }
}
/** RFC 7644 §7.5.2: the request cannot be completed because of sensitive information in the URI. */
export class SensitiveError extends ScimError {
  constructor(detail: string) { super(403, detail, 'sensitive'); }
}

/** RFC 7644 §3.12: authorization failure (401). */
export class UnauthorizedError extends ScimError {
  constructor(detail = 'Authentication required') { super(401, detail); }
}
/** RFC 7644 §3.12: the credential is valid but may not perform this operation (403). */
export class ForbiddenError extends ScimError {
  constructor(detail = 'Operation not permitted') { super(403, detail); }
}
/** RFC 7644 §3.12: the resource does not exist (404). */
export class NotFoundError extends ScimError {
  constructor(detail = 'Resource not found') { super(404, detail); }
}
/** RFC 7644 §3.12: the HTTP method is not supported by the endpoint (405). */
export class MethodNotAllowedError extends ScimError {
  constructor(detail = 'Method not allowed') { super(405, detail); }
}
/** RFC 7644 §3.14: If-Match did not match the current version (412). */
export class PreconditionFailedError extends ScimError {
  constructor(detail = 'Resource version does not match If-Match') { super(412, detail); }
}
/** RFC 7644 §3.12: the request body exceeds the accepted size (413). */
export class PayloadTooLargeError extends ScimError {
  constructor(detail = 'Request body too large') { super(413, detail); }
}
/** The request Content-Type is not JSON (415). */
export class UnsupportedMediaTypeError extends ScimError {
  constructor(detail = 'Unsupported Content-Type; use application/scim+json or application/json') { super(415, detail); }
}
/** Rate limit exceeded (429); the caller sets Retry-After. */
export class TooManyRequestsError extends ScimError {
  constructor(readonly retryAfterSeconds: number, detail = 'Too many requests') { super(429, detail); }
}
/** A dependency (the database) is unavailable (503); the caller sets Retry-After. */
export class ServiceUnavailableError extends ScimError {
  constructor(readonly retryAfterSeconds = 5, detail = 'Service temporarily unavailable') { super(503, detail); }
}
/** RFC 7644 §3.12: an unexpected server error (500). Never carries internal details. */
export class InternalServerError extends ScimError {
  constructor(detail = 'Internal server error') { super(500, detail); }
}
