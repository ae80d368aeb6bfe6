import { NestFactory } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { AppModule } from '../app.module';
import { AppConfig } from '../config/app-config';
import { TenantsService, tenantUrl } from '../auth/tenants.service';
import { withStartupLock } from '../database/run-migrations';
import { LifecycleService } from '../health/lifecycle.service';
import { configureApp, createFastifyAdapter } from './configure-app';
import type { Logger } from 'pino';
import { createRootLogger, PinoNestLogger } from '../observability/logger';

export interface CreatedApp {
  app: NestFastifyApplication;
  /** The two lines printed on a first start (empty when the database already had a tenant). */
  firstStartLines: string[];
  /** The process' JSON logger (Fastify request logs and Nest logs both go through it). */
  log: Logger;
}

/**
 * Builds the whole service (shared by main.ts and the e2e tests): Nest app on Fastify, migrations
 * applied, and on an empty database the default tenant with its first token.
 */
export async function createApp(config: AppConfig, opts: { logger?: false | undefined; rootLogger?: Logger } = {}): Promise<CreatedApp> {
  const log = opts.rootLogger ?? createRootLogger(opts.logger === false ? { logLevel: 'silent' } : config);
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), createFastifyAdapter(config, log), {
    logger: opts.logger === false ? false : new PinoNestLogger(log),
    abortOnError: false,
    // Body parsing is ours (configureApp): JSON and SCIM JSON with a depth limit.
    bodyParser: false,
  });
  await configureApp(app, config);
  const ds = app.get(DataSource);
  const tenants = app.get(TenantsService);
  const boot = await withStartupLock(ds, async (runMigrations) => {
    await runMigrations();
    return tenants.bootstrapIfEmpty();
  });
  app.get(LifecycleService).markStarted();
  const firstStartLines = boot ? [`Tenant URL: ${tenantUrl(config, boot.tenant.id)}`, `Secret Token: ${boot.token}`] : [];
  return { app, firstStartLines, log };
}
