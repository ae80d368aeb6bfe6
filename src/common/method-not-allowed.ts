import { MethodNotAllowedError } from '@app/scim-core';

/** Handler body for verbs an endpoint does not support (RFC 7644 §3.12: 405). */
export function methodNotAllowed(): never {
  throw new MethodNotAllowedError('This endpoint does not support this HTTP method');
}
