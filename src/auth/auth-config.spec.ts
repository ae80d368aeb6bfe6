import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, ENTRA_CUSTOM_APP_AUDIENCE, loadConfig } from '../config/app-config';
import { resolveAuthSettings } from './auth-settings';

const jwksFile = (content: string) => {
  const f = join(mkdtempSync(join(tmpdir(), 'cfg-')), 'jwks.json');
  writeFileSync(f, content);
  return f;
};

// Issue 4: OAuth lifetime 60–360 min, no empty or default secret accepted, Entra mode all-or-nothing.
describe('auth configuration', () => {
  it('defaults: 60-minute access tokens, 20 failures per 60 s, Entra mode off', () => {
    const s = resolveAuthSettings(loadConfig({}));
    expect(s).toMatchObject({ accessTokenTtlSeconds: 3600, failureLimit: 20, failureWindowMs: 60_000, entra: undefined });
  });

  it.each(['59', '361', '0', '90.5', 'abc'])('OAUTH_TOKEN_TTL_MINUTES=%s is refused at start-up', (v) => {
    expect(() => loadConfig({ OAUTH_TOKEN_TTL_MINUTES: v })).toThrow(ConfigError);
  });

  it.each(['60', '360', '120'])('OAUTH_TOKEN_TTL_MINUTES=%s is accepted', (v) => {
    expect(resolveAuthSettings(loadConfig({ OAUTH_TOKEN_TTL_MINUTES: v })).accessTokenTtlSeconds).toBe(Number(v) * 60);
  });

  it.each(['', 'short', 'changeme-changeme-changeme-changeme', 'x'.repeat(40), 'secret'.repeat(8)])(
    'OAUTH_KEY_ENCRYPTION_SECRET=%j (empty, short or default) is refused', (v) => {
      expect(() => loadConfig({ OAUTH_KEY_ENCRYPTION_SECRET: v })).toThrow(ConfigError);
    });

  it('a random OAUTH_KEY_ENCRYPTION_SECRET is accepted', () => {
    expect(loadConfig({ OAUTH_KEY_ENCRYPTION_SECRET: 'pQ7xV2mL9sK4dR8tY1wZ6cB3nH5jF0gA' }).oauthKeyEncryptionSecret).toHaveLength(32);
  });

  it('Entra mode: issuer + exactly one JWKS source; the default audience is the custom-app id', () => {
    const file = jwksFile(JSON.stringify({ keys: [{ kty: 'RSA', n: 'x', e: 'AQAB' }] }));
    const s = resolveAuthSettings(loadConfig({ ENTRA_JWT_ISSUER: 'https://sts.windows.net/{tenantid}/', ENTRA_JWKS_FILE: file }));
    expect(s.entra).toEqual({ issuer: 'https://sts.windows.net/{tenantid}/', audience: ENTRA_CUSTOM_APP_AUDIENCE, jwksFile: file, jwksUrl: undefined });
    expect(loadConfig({ ENTRA_JWT_ISSUER: 'https://sts.windows.net/{tenantid}/', ENTRA_JWKS_URL: 'https://login.microsoftonline.com/common/discovery/keys' })
      .entraJwksUrl).toBeDefined();
  });

  it.each([
    ['issuer without a JWKS source', { ENTRA_JWT_ISSUER: 'https://sts.windows.net/{tenantid}/' }],
    ['JWKS without an issuer', { ENTRA_JWKS_URL: 'https://login.microsoftonline.com/common/discovery/keys' }],
    ['both JWKS sources', { ENTRA_JWT_ISSUER: 'https://sts.windows.net/{tenantid}/', ENTRA_JWKS_URL: 'https://a.example/keys', ENTRA_JWKS_FILE: '/tmp/x' }],
    ['an http JWKS URL', { ENTRA_JWT_ISSUER: 'https://sts.windows.net/{tenantid}/', ENTRA_JWKS_URL: 'http://a.example/keys' }],
    ['an http issuer', { ENTRA_JWT_ISSUER: 'http://sts.windows.net/{tenantid}/', ENTRA_JWKS_URL: 'https://a.example/keys' }],
    ['a missing JWKS file', { ENTRA_JWT_ISSUER: 'https://sts.windows.net/{tenantid}/', ENTRA_JWKS_FILE: '/nonexistent/jwks.json' }],
    ['a JWKS file that is not JSON', { ENTRA_JWT_ISSUER: 'https://sts.windows.net/{tenantid}/', ENTRA_JWKS_FILE: jwksFile('nope') }],
    ['a JWKS file without keys', { ENTRA_JWT_ISSUER: 'https://sts.windows.net/{tenantid}/', ENTRA_JWKS_FILE: jwksFile('{"keys":[]}') }],
  ])('%s is refused at start-up', (_label, env) => {
    expect(() => loadConfig(env as NodeJS.ProcessEnv)).toThrow(ConfigError);
  });

  it('BOOTSTRAP_TOKEN still refuses empty and default values', () => {
    expect(() => loadConfig({ BOOTSTRAP_TOKEN: '' })).toThrow(ConfigError);
    expect(() => loadConfig({ BOOTSTRAP_TOKEN: 'changeme'.repeat(5) })).toThrow(ConfigError);
  });
});
