import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { AppModule } from './app.module';
import { OAuthClientsService } from './auth/oauth/oauth-clients.service';
import { SigningKeysService } from './auth/oauth/signing-keys.service';
import { TenantsService } from './auth/tenants.service';
import { TokensService } from './auth/tokens.service';
import { AuditRetentionService } from './audit/audit-retention.service';
import { AuditVerifierService } from './audit/audit-verifier.service';
import { COMMANDS, HELP } from './cli/commands';
import { parseArgs } from './cli/parse-args';
import { ConfigError, loadConfig } from './config/app-config';
import { withStartupLock } from './database/run-migrations';

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const command = COMMANDS[args.command];
  if (!command) {
    process.stdout.write(HELP);
    return args.command === 'help' ? 0 : 2;
  }
  const config = loadConfig();
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), { logger: false, abortOnError: false });
  try {
    await withStartupLock(app.get(DataSource), (migrate) => migrate());
    await command(args, {
      tenants: app.get(TenantsService), tokens: app.get(TokensService), clients: app.get(OAuthClientsService),
      keys: app.get(SigningKeysService), config,
      audit: { verifier: app.get(AuditVerifierService), retention: app.get(AuditRetentionService) }, out: (line) => process.stdout.write(`${line}\n`),
    });
    return 0;
  } finally {
    await app.close();
  }
}

main().then((code) => process.exit(code), (err: unknown) => {
  const e = err as Error & { detail?: string };
  process.stderr.write(`${err instanceof ConfigError ? 'Configuration error' : 'Error'}: ${e.detail ?? e.message}\n`);
  process.exit(1);
});
