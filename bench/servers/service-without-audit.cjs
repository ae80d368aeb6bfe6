#!/usr/bin/env node
// The built service with its audit writes replaced by a no-op, for bench/audit-cost.mjs only: the
// "audit off" side of measuring what writing the audit event costs a request. The service itself
// has no switch to turn auditing off, and must not have one (an identity service whose audit
// trail can be disabled by configuration has no audit trail).
//
// It boots dist/ exactly as dist/src/main.js does (same config from the environment, same root
// logger, process guard, graceful shutdown, migrations, first-start lines, listen), then replaces
// AuditService.recordChange — the diff, the canonical JSON, the hash, the event insert and the
// chain-head update, all inside the caller's transaction — with an async no-op. Authentication,
// the transaction, the attribute index, rendering and the recording of failed requests are
// untouched, so the difference to `node dist/src/main.js` is exactly the audit write of a change.
//
//   node bench/servers/service-without-audit.cjs <dist dir>
'use strict';
const { createRequire } = require('node:module');
const { join, resolve } = require('node:path');

const dist = resolve(process.argv[2] || '');
// Resolve everything from the copy of dist/ the benchmark runs, so the classes are the app's own.
const load = createRequire(join(dist, 'src', 'main.js'));
load('reflect-metadata');
const { ConfigError, loadConfig } = load('./config/app-config');
const { createApp } = load('./bootstrap/create-app');
const { installGracefulShutdown } = load('./health/graceful-shutdown');
const { createRootLogger } = load('./observability/logger');
const { resolveOpsSettings } = load('./observability/ops-settings');
const { installProcessGuard } = load('./observability/process-guard');
const { AuditService } = load('./audit/audit.service');

async function main() {
  const config = loadConfig();
  const log = createRootLogger(config);
  installProcessGuard(log);
  const { app, firstStartLines } = await createApp(config, { rootLogger: log });
  const audit = app.get(AuditService);
  if (typeof audit.recordChange !== 'function') throw new Error('AuditService.recordChange not found: the launcher is out of date');
  // An own property shadows the prototype method on the one singleton every service holds.
  audit.recordChange = async () => undefined;
  installGracefulShutdown(app, resolveOpsSettings(config), log);
  await app.listen({ port: config.port, host: config.host });
  for (const line of firstStartLines) process.stdout.write(`${line}\n`);
  process.stdout.write(`Scimbridge listening on ${config.publicBaseUrl} (${config.dbEngine}); audit writes of changes disabled (benchmark launcher)\n`);
}

main().catch((err) => {
  const msg = err instanceof ConfigError ? `Configuration error: ${err.message}` : `Start-up failed: ${(err && err.stack) || err}`;
  process.stderr.write(`${msg}\n`);
  process.exit(1);
});
