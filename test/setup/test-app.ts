import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { createApp } from '../../src/bootstrap/create-app';
import { AppConfig } from '../../src/config/app-config';
import { createTestDatabase, TestDatabase } from './test-database';

export const SCIM_JSON = 'application/scim+json; charset=utf-8';

export interface TestApp {
  app: NestFastifyApplication;
  http: TestAgent;
  config: AppConfig;
  db: TestDatabase;
  tenantId: string;
  token: string;
  /** `/scim/v2/<tenantId>` — the Tenant URL path. */
  base: string;
  auth: { Authorization: string };
  close(): Promise<void>;
}

/**
 * The real service (createApp → configureApp, real Fastify, real database, real migrations and
 * first-start bootstrap) on a fresh test database, driven over HTTP with supertest.
 */
export async function startTestApp(overrides: Partial<AppConfig> = {}): Promise<TestApp> {
  const db = await createTestDatabase();
  const config: AppConfig = {
    port: 0, host: '127.0.0.1', publicBaseUrl: 'http://scim.test', tokenTtlDays: 365, maxResults: 100, logLevel: 'silent',
    ...db.config, ...overrides,
  } as AppConfig;
  const { app, firstStartLines } = await createApp(config, { logger: false });
  const tenantUrl = firstStartLines[0]?.replace(/^Tenant URL: /, '') ?? '';
  const token = firstStartLines[1]?.replace(/^Secret Token: /, '') ?? '';
  const tenantId = tenantUrl.split('/').pop() ?? '';
  const http = request(app.getHttpServer());
  return {
    app, http, config, db, tenantId, token, base: `/scim/v2/${tenantId}`, auth: { Authorization: `Bearer ${token}` },
    close: async () => {
      await app.close();
      await db.drop();
    },
  };
}
