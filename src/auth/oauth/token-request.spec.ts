import { OAuthError } from './oauth-error';
import { parseForm } from './token-form-parser';
import { parseTokenRequest } from './token-request';

const FORM = 'application/x-www-form-urlencoded';
const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;

function errorOf(fn: () => unknown): OAuthError {
  try {
    fn();
  } catch (e) {
    if (e instanceof OAuthError) return e;
    throw e;
  }
  throw new Error('expected an OAuthError');
}

// RFC 6749 §2.3.1 (client authentication), §3.2 (parameters once), §4.4.2 (the request).
describe('parseTokenRequest (RFC 6749 §4.4.2)', () => {
  it('client_secret_basic: form-decoded id and secret from the header', () => {
    const r = parseTokenRequest(FORM, basic('my client', 's:e+c%ret'), parseForm('grant_type=client_credentials&scope=scim%3Aread'));
    expect(r).toEqual({ grantType: 'client_credentials', scope: 'scim:read', clientId: 'my client', clientSecret: 's:e+c%ret', method: 'client_secret_basic' });
  });

  it('client_secret_post: id and secret from the body; charset parameter accepted', () => {
    const r = parseTokenRequest(`${FORM}; charset=UTF-8`, undefined, parseForm('grant_type=client_credentials&client_id=a&client_secret=b'));
    expect(r).toMatchObject({ clientId: 'a', clientSecret: 'b', method: 'client_secret_post', scope: undefined });
  });

  it.each([
    ['JSON content type', 'application/json', undefined, { grant_type: 'client_credentials' }, 'invalid_request'],
    ['no content type', undefined, undefined, {}, 'invalid_request'],
    ['no grant_type', FORM, basic('a', 'b'), parseForm('scope=x'), 'invalid_request'],
    ['grant_type twice', FORM, basic('a', 'b'), parseForm('grant_type=client_credentials&grant_type=password'), 'invalid_request'],
    ['two authentication methods', FORM, basic('a', 'b'), parseForm('grant_type=client_credentials&client_secret=b'), 'invalid_request'],
    ['client_id differs from Basic', FORM, basic('a', 'b'), parseForm('grant_type=client_credentials&client_id=z'), 'invalid_request'],
    ['no credentials at all', FORM, undefined, parseForm('grant_type=client_credentials'), 'invalid_client'],
    ['only client_id', FORM, undefined, parseForm('grant_type=client_credentials&client_id=a'), 'invalid_client'],
    ['Bearer instead of Basic', FORM, 'Bearer abc', parseForm('grant_type=client_credentials'), 'invalid_client'],
    ['Basic without a colon', FORM, `Basic ${Buffer.from('abc').toString('base64')}`, parseForm('grant_type=client_credentials'), 'invalid_client'],
    ['Basic with bad percent-encoding', FORM, `Basic ${Buffer.from('%zz:b').toString('base64')}`, parseForm('grant_type=client_credentials'), 'invalid_client'],
    ['Basic not base64', FORM, 'Basic !!!', parseForm('grant_type=client_credentials'), 'invalid_client'],
  ])('%s → %s', (_label, ct, auth, body, code) => {
    const e = errorOf(() => parseTokenRequest(ct, auth, body));
    expect(e.error).toBe(code);
    if (code === 'invalid_client') {
      expect(e.status).toBe(401);
      expect(e.headers['www-authenticate']).toMatch(/^Basic realm=/);
    } else expect(e.status).toBe(400);
  });

  it('parseForm: null prototype, repeated keys become arrays, __proto__ is just a key', () => {
    const f = parseForm('a=1&a=2&__proto__=x&b=%20c+d');
    expect(Object.getPrototypeOf(f)).toBeNull();
    expect(f.a).toEqual(['1', '2']);
    expect(f.b).toBe(' c d');
    expect(Object.hasOwn(f, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
});
