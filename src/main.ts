import 'reflect-metadata';
import { ConfigError, loadConfig } from './config/app-config';
import { createApp } from './bootstrap/create-app';

async function main(): Promise<void> {
  const config = loadConfig();
  const { app, firstStartLines } = await createApp(config);
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
