import { OAuthClientsService } from '../auth/oauth/oauth-clients.service';
import { SigningKeysService } from '../auth/oauth/signing-keys.service';
import { Scope } from '../auth/principal';
import { TenantsService, tenantUrl } from '../auth/tenants.service';
import { TokensService } from '../auth/tokens.service';
import { AppConfig } from '../config/app-config';
import { AUDIT_COMMANDS, AUDIT_HELP, AuditCliServices } from '../audit/audit.cli';
import { parseDuration, ParsedArgs } from './parse-args';

export interface CliContext {
  tenants: TenantsService;
  tokens: TokensService;
  clients: OAuthClientsService;
  keys: SigningKeysService;
  config: AppConfig;
  /** Optional so contexts built by other commands' tests need not provide it. */
  audit?: AuditCliServices;
  out: (line: string) => void;
}

export type Command = (a: ParsedArgs, c: CliContext) => Promise<void>;

function flag(a: ParsedArgs, name: string): string {
  const v = a.flags[name];
  if (typeof v !== 'string' || !v) throw new Error(`--${name} is required`);
  return v;
}

function optional(a: ParsedArgs, name: string): string | undefined {
  const v = a.flags[name];
  if (v === true) throw new Error(`--${name} needs a value`);
  return v;
}

function positional(a: ParsedArgs, i: number, what: string): string {
  const v = a.positional[i];
  if (!v) throw new Error(`${what} is required`);
  return v;
}

/** --name, --scopes a,b and --expires-in 90d: the options every credential-creating command takes. */
function credentialOptions(a: ParsedArgs) {
  const scopes = optional(a, 'scopes')?.split(/[ ,]+/).filter(Boolean) as Scope[] | undefined;
  const expiresIn = optional(a, 'expires-in');
  return { name: optional(a, 'name'), scopes, expiresInDays: expiresIn === undefined ? undefined : parseDuration(expiresIn) };
}

const when = (v: string | null, none = '-') => v ?? none;

/**
 * The operator commands. Commands that create a credential print it in the same `Label: value`
 * lines as the first start, so scripts can read them with one sed expression.
 */
export const COMMANDS: Record<string, Command> = {
  'tenants:create': async (a, c) => c.out(`Tenant ID: ${(await c.tenants.create(a.positional.join(' '))).id}`),
  'tenants:list': async (_a, c) => (await c.tenants.list()).forEach((t) =>
    c.out(`${t.id}\t${t.status}\t${t.isOperator ? 'operator' : '-'}\tentra=${when(t.entraTenantId)}\t${t.createdAt}\t${t.name}`)),
  'tenants:disable': async (a, c) => c.tenants.setStatus(positional(a, 0, 'tenantId'), 'disabled').then(() => c.out('disabled')),
  'tenants:enable': async (a, c) => c.tenants.setStatus(positional(a, 0, 'tenantId'), 'active').then(() => c.out('enabled')),
  'tenants:link-entra': async (a, c) => {
    const entra = positional(a, 1, 'entraTenantId (or "none")');
    const t = await c.tenants.update(positional(a, 0, 'tenantId'), { entraTenantId: entra === 'none' ? null : entra });
    c.out(t.entraTenantId ? `Linked Entra tenant: ${t.entraTenantId}` : 'Entra tenant unlinked');
  },
  'tokens:issue': async (a, c) => {
    const tenantId = flag(a, 'tenant');
    const issued = await c.tenants.issueToken(tenantId, credentialOptions(a));
    c.out(`Tenant URL: ${tenantUrl(c.config, tenantId)}`);
    c.out(`Secret Token: ${issued.token}`);
  },
  'tokens:list': async (a, c) => (await c.tokens.list(flag(a, 'tenant'))).forEach((t) =>
    c.out(`${t.id}\t${t.hint}\t${t.scopes.join(',')}\texpires=${when(t.expiresAt, 'never')}\trevoked=${when(t.revokedAt)}\tlastUsed=${when(t.lastUsedAt)}\t${t.name}`)),
  'tokens:revoke': async (a, c) => c.tokens.revoke(flag(a, 'tenant'), positional(a, 0, 'tokenId')).then(() => c.out('revoked')),
  'clients:create': async (a, c) => {
    const tenantId = flag(a, 'tenant');
    const created = await c.tenants.createClient(tenantId, credentialOptions(a));
    c.out(`Tenant URL: ${tenantUrl(c.config, tenantId)}`);
    c.out(`Token URL: ${c.config.publicBaseUrl}/oauth/token`);
    c.out(`Client ID: ${created.client.clientId}`);
    c.out(`Client Secret: ${created.clientSecret}`);
  },
  'clients:list': async (a, c) => (await c.clients.list(flag(a, 'tenant'))).forEach((k) =>
    c.out(`${k.clientId}\t${k.secretHint}\t${k.scopes.join(',')}\texpires=${when(k.expiresAt, 'never')}\trevoked=${when(k.revokedAt)}\tlastUsed=${when(k.lastUsedAt)}\t${k.name}`)),
  'clients:revoke': async (a, c) => c.clients.revoke(flag(a, 'tenant'), positional(a, 0, 'clientId')).then(() => c.out('revoked')),
  'keys:rotate': async (_a, c) => {
    const r = await c.keys.rotate();
    c.out(`Signing key: ${r.kid}`);
    if (r.retired.length) c.out(`Retired (still verify until their tokens expire): ${r.retired.join(', ')}`);
    if (r.removed) c.out(`Removed ${r.removed} long-retired key(s)`);
  },
  'keys:list': async (_a, c) => (await c.keys.jwks()).keys.forEach((k) => c.out(`${k.kid}\t${k.alg}`)),
  ...AUDIT_COMMANDS,
};

export const HELP = `Scimbridge operator CLI (same database and environment as the service)

  npm run cli -- tenants:create <name>                          prints Tenant ID
  npm run cli -- tenants:list
  npm run cli -- tenants:disable <tenantId> | tenants:enable <tenantId>
  npm run cli -- tenants:link-entra <tenantId> <entraTenantId|none>
                                     accept Entra-issued tokens of that Entra tenant (ENTRA_JWT_ISSUER mode)
  npm run cli -- tokens:issue --tenant <id> [--name n] [--scopes scim:read,scim:write] [--expires-in 90d|never]
                                     prints Tenant URL and Secret Token (shown once)
  npm run cli -- tokens:list --tenant <id>
  npm run cli -- tokens:revoke --tenant <id> <tokenId>
  npm run cli -- clients:create --tenant <id> [--name n] [--scopes …] [--expires-in 365d|never]
                                     prints Tenant URL, Token URL, Client ID and Client Secret (shown once)
  npm run cli -- clients:list --tenant <id>
  npm run cli -- clients:revoke --tenant <id> <clientId>
  npm run cli -- keys:rotate         a new key signs access tokens; old keys verify until their tokens expire
  npm run cli -- keys:list
${AUDIT_HELP}
Scopes: scim:read scim:write audit:read admin
`;
