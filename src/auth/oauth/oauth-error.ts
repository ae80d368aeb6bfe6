/** RFC 6749 §5.2 error codes the token endpoint uses (plus §4.1.2.1's temporarily_unavailable). */
export type OAuthErrorCode =
  | 'invalid_request'
  | 'invalid_client'
  | 'unsupported_grant_type'
  | 'invalid_scope'
  | 'temporarily_unavailable'
  | 'server_error';

/**
 * An error of the token endpoint, rendered as OAuth JSON (not a SCIM Error): Entra and every
 * OAuth library parse `error` / `error_description` (RFC 6749 §5.2).
 */
export class OAuthError extends Error {
  constructor(
    readonly error: OAuthErrorCode,
    readonly description: string,
    readonly status = 400,
    readonly headers: Record<string, string> = {},
  ) {
    super(description);
    this.name = 'OAuthError';
  }

  /** RFC 6749 §5.2: a failed client authentication is 401 with a challenge for the scheme used. */
  static invalidClient(): OAuthError {
    return new OAuthError('invalid_client', 'Client authentication failed', 401, { 'www-authenticate': 'Basic realm="oauth", charset="UTF-8"' });
  }

  static tooManyFailures(retryAfterSeconds: number): OAuthError {
    return new OAuthError('temporarily_unavailable', 'Too many failed authentications from this address; retry later', 429,
      { 'retry-after': String(retryAfterSeconds) });
  }
}
