import { OAuthError } from './oauth-error';

/** A token request (RFC 6749 §4.4.2) with the client credentials it carried (§2.3.1). */
export interface TokenRequest {
  grantType: string;
  scope?: string;
  clientId: string;
  clientSecret: string;
  method: 'client_secret_basic' | 'client_secret_post';
}

const FORM = /^application\/x-www-form-urlencoded(\s*;.*)?$/i;
const KNOWN = ['grant_type', 'scope', 'client_id', 'client_secret'] as const;

/** RFC 6749 §2.3.1: client id and secret are form-encoded before they go into Basic credentials. */
function formDecode(s: string): string {
  return decodeURIComponent(s.replace(/\+/g, ' '));
}

function basicCredentials(header: string): { id: string; secret: string } {
  const m = /^basic[ ]+([A-Za-z0-9+/]+={0,2})[ ]*$/i.exec(header);
  if (!m) throw OAuthError.invalidClient();
  const decoded = Buffer.from(m[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) throw OAuthError.invalidClient();
  try {
    return { id: formDecode(decoded.slice(0, colon)), secret: formDecode(decoded.slice(colon + 1)) };
  } catch {
    throw OAuthError.invalidClient();
  }
}

/** The named form parameters; each at most once (RFC 6749 §3.2: "MUST NOT be included more than once"). */
function formParams(contentType: string | undefined, body: unknown): Partial<Record<(typeof KNOWN)[number], string>> {
  if (!contentType || !FORM.test(contentType) || !body || typeof body !== 'object') {
    throw new OAuthError('invalid_request', 'The token request must be application/x-www-form-urlencoded (RFC 6749 §4.4.2)');
  }
  const out: Partial<Record<(typeof KNOWN)[number], string>> = {};
  for (const name of KNOWN) {
    if (!Object.hasOwn(body, name)) continue;
    const v = (body as Record<string, unknown>)[name];
    if (typeof v !== 'string') throw new OAuthError('invalid_request', `Parameter ${name} must appear exactly once`);
    out[name] = v;
  }
  return out;
}

/** Reads a token request, refusing malformed ones and ones that use two client authentication methods (§2.3). */
export function parseTokenRequest(contentType: string | undefined, authorization: string | undefined, body: unknown): TokenRequest {
  const p = formParams(contentType, body);
  if (!p.grant_type) throw new OAuthError('invalid_request', 'grant_type is required');
  const scope = p.scope?.trim() ? p.scope : undefined;
  if (authorization !== undefined) {
    if (p.client_secret !== undefined) throw new OAuthError('invalid_request', 'Use one client authentication method, not two (RFC 6749 §2.3)');
    const { id, secret } = basicCredentials(authorization);
    if (p.client_id !== undefined && p.client_id !== id) throw new OAuthError('invalid_request', 'client_id does not match the Authorization header');
    return { grantType: p.grant_type, scope, clientId: id, clientSecret: secret, method: 'client_secret_basic' };
  }
  if (!p.client_id || !p.client_secret) throw OAuthError.invalidClient();
  return { grantType: p.grant_type, scope, clientId: p.client_id, clientSecret: p.client_secret, method: 'client_secret_post' };
}
