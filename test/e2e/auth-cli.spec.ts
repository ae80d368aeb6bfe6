import { OAuthClientsService } from '../../src/auth/oauth/oauth-clients.service';
import { SigningKeysService } from '../../src/auth/oauth/signing-keys.service';
import { TenantsService } from '../../src/auth/tenants.service';
import { TokensService } from '../../src/auth/tokens.service';
import { COMMANDS } from '../../src/cli/commands';
import { parseArgs } from '../../src/cli/parse-args';
import { startTestApp, TestApp } from '../setup/test-app';
import { TEST_ENGINE } from '../setup/test-database';
import { bearer, tokenRequest } from './auth-support';

// Issue 4 §6: the operator CLI's commands (the same functions `npm run cli` runs, on the same
// database), their output lines, and that what they create works over HTTP.
describe(`operator CLI commands (${TEST_ENGINE})`, () => {
  let t: TestApp;
  const cli = async (...argv: string[]): Promise<string[]> => {
    const lines: string[] = [];
    const args = parseArgs(argv);
    await COMMANDS[args.command](args, {
      tenants: t.app.get(TenantsService), tokens: t.app.get(TokensService), clients: t.app.get(OAuthClientsService),
      keys: t.app.get(SigningKeysService), config: t.config, out: (l) => lines.push(l),
    });
    return lines;
  };
  const value = (lines: string[], label: string) => lines.find((l) => l.startsWith(`${label}: `))?.slice(label.length + 2) ?? '';

  beforeAll(async () => {
    t = await startTestApp({ authFailureLimit: 1000 });
  });
  afterAll(() => t.close());

  it('tenants:create prints Tenant ID; tokens:issue prints Tenant URL and Secret Token, which work', async () => {
    const tenantId = value(await cli('tenants:create', 'Contoso', 'Ltd'), 'Tenant ID');
    expect(tenantId).toMatch(/^[0-9a-f-]{36}$/);
    const lines = await cli('tokens:issue', '--tenant', tenantId, '--scopes', 'scim:read', '--expires-in', '90d', '--name', 'Read only');
    expect(lines).toEqual([`Tenant URL: http://scim.test/scim/v2/${tenantId}`, expect.stringMatching(/^Secret Token: scimb_[A-Za-z0-9_-]{43}$/)]);
    const token = value(lines, 'Secret Token');
    expect((await t.http.get(`/scim/v2/${tenantId}/Users`).set(bearer(token))).status).toBe(200);
    expect((await t.http.post(`/scim/v2/${tenantId}/Users`).set(bearer(token)).send({})).status).toBe(403);
    const list = await cli('tokens:list', '--tenant', tenantId);
    expect(list).toHaveLength(1);
    expect(list[0]).toContain('scim:read');
    expect(list.join('\n')).not.toContain(token);
    const expires = /expires=(\S+)/.exec(list[0])?.[1] ?? '';
    expect(Math.round((Date.parse(expires) - Date.now()) / 86_400_000)).toBe(90);
    await cli('tokens:revoke', '--tenant', tenantId, list[0].split('\t')[0]);
    expect((await t.http.get(`/scim/v2/${tenantId}/Users`).set(bearer(token))).status).toBe(401);
  });

  it('clients:create prints Client ID and Client Secret, which obtain tokens; clients:revoke stops them', async () => {
    const lines = await cli('clients:create', '--tenant', t.tenantId);
    expect(lines.map((l) => l.split(': ')[0])).toEqual(['Tenant URL', 'Token URL', 'Client ID', 'Client Secret']);
    const client = { clientId: value(lines, 'Client ID'), clientSecret: value(lines, 'Client Secret') };
    expect((await tokenRequest(t, client)).status).toBe(200);
    expect((await cli('clients:list', '--tenant', t.tenantId)).join('\n')).toContain(client.clientId);
    await cli('clients:revoke', '--tenant', t.tenantId, client.clientId);
    expect((await tokenRequest(t, client)).status).toBe(401);
  });

  it('keys:rotate prints the new signing key; the JWKS lists it', async () => {
    await cli('keys:list');
    const kid = value(await cli('keys:rotate'), 'Signing key');
    const jwks = (await t.http.get('/.well-known/jwks.json')).body.keys.map((k: { kid: string }) => k.kid);
    expect(jwks).toContain(kid);
    expect(await cli('keys:list')).toContainEqual(expect.stringContaining(kid));
  });

  it('tenants:link-entra, tenants:disable / enable, and errors for bad input', async () => {
    const tenantId = value(await cli('tenants:create', 'Linked'), 'Tenant ID');
    expect(await cli('tenants:link-entra', tenantId, '72F988BF-86F1-41AF-91AB-2D7CD011DB47')).toEqual(['Linked Entra tenant: 72f988bf-86f1-41af-91ab-2d7cd011db47']);
    expect(await cli('tenants:link-entra', tenantId, 'none')).toEqual(['Entra tenant unlinked']);
    await expect(cli('tenants:link-entra', tenantId, 'not-a-guid')).rejects.toThrow(/GUID/);
    expect(await cli('tenants:disable', tenantId)).toEqual(['disabled']);
    expect((await cli('tenants:list')).find((l) => l.startsWith(tenantId))).toContain('disabled');
    expect(await cli('tenants:enable', tenantId)).toEqual(['enabled']);
    await expect(cli('tokens:issue')).rejects.toThrow(/--tenant is required/);
    await expect(cli('tokens:issue', '--tenant', tenantId, '--scopes', 'root')).rejects.toThrow(/Unknown scope/);
    await expect(cli('tokens:issue', '--tenant', tenantId, '--expires-in', 'soon')).rejects.toThrow(/expires-in/);
    await expect(cli('tokens:issue', '--tenant', '00000000-0000-4000-8000-000000000000')).rejects.toThrow(/not found/);
    await expect(cli('tenants:create', '   ')).rejects.toThrow(/name/);
  });
});
