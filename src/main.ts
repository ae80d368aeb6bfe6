import 'reflect-metadata';
import { ConfigError, loadConfig } from './config/app-config';
import { createApp } from './bootstrap/create-app';
import { installGracefulShutdown } from './health/graceful-shutdown';
import { runMigrationsOnly } from './health/migrate-only';
import { createRootLogger } from './observability/logger';
import { resolveOpsSettings } from './observability/ops-settings';
import { installProcessGuard } from './observability/process-guard';

async function main(): Promise<void> {
  const config = loadConfig();
  const log = createRootLogger(config);
  // The Kubernetes migration Job (deploy/k8s/migrate-job.yaml): migrate under the lock, then exit.
  if (config.migrateOnly) return runMigrationsOnly(config, log);
  installProcessGuard(log);
  const { app, firstStartLines } = await createApp(config, { rootLogger: log });
  installGracefulShutdown(app, resolveOpsSettings(config), log);
  await app.listen({ port: config.port, host: config.host });
  // Printed once, on the first start only: the credentials an admin pastes into Entra.
  for (const line of firstStartLines) process.stdout.write(`${line}\n`);
  process.stdout.write(`Scimbridge listening on ${config.publicBaseUrl} (${config.dbEngine})\n`);
}

main().catch((err: unknown) => {
  const msg = err instanceof ConfigError ? `Configuration error: ${err.message}` : `Start-up failed: ${(err as Error)?.stack ?? err}`;
  process.stderr.write(`${msg}\n`);
  process.exit(1);
});
