import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { decodeProtectedHeader } from 'jose';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { SigningKeysService } from '../../src/auth/oauth/signing-keys.service';
import { TenantsService } from '../../src/auth/tenants.service';
import { createApp } from '../../src/bootstrap/create-app';
import { AppConfig } from '../../src/config/app-config';
import { createTestDatabase, TEST_ENGINE, TestDatabase } from '../setup/test-database';

const SECRET = 'k3Jd9sLq0ZpX7vW2mN5bT8yR1cF4hG6uE0aS';

// Issue 4 §4: signing keys live in the database so stateless replicas share them; a rotation on
// one replica is honoured by the others at once; private keys can be encrypted at rest.
describe(`signing keys shared by replicas (${TEST_ENGINE})`, () => {
  let db: TestDatabase;
  let one: NestFastifyApplication;
  let two: NestFastifyApplication;
  let tenantId: string;
  let client: { clientId: string; clientSecret: string };

  beforeAll(async () => {
    db = await createTestDatabase();
    const config = { port: 0, host: '127.0.0.1', publicBaseUrl: 'http://scim.test', tokenTtlDays: 365, maxResults: 100, logLevel: 'silent',
      oauthKeyEncryptionSecret: SECRET, ...db.config } as AppConfig;
    one = (await createApp(config, { logger: false })).app;
    two = (await createApp(config, { logger: false })).app;
    tenantId = (await one.get(TenantsService).list())[0].id;
    const created = await one.get(TenantsService).createClient(tenantId, {});
    client = { clientId: created.client.clientId, clientSecret: created.clientSecret };
  });
  afterAll(async () => {
    await one.close();
    await two.close();
    await db.drop();
  });

  const token = async (app: NestFastifyApplication) => {
    const res = await request(app.getHttpServer()).post('/oauth/token').type('form')
      .send({ grant_type: 'client_credentials', client_id: client.clientId, client_secret: client.clientSecret });
    expect(res.status).toBe(200);
    return res.body.access_token as string;
  };
  const use = (app: NestFastifyApplication, accessToken: string) =>
    request(app.getHttpServer()).get(`/scim/v2/${tenantId}/Users`).set('Authorization', `Bearer ${accessToken}`);

  it('a token from one replica is accepted by the other, before and right after a rotation on the first', async () => {
    const before = await token(one);
    expect((await use(two, before)).status).toBe(200);
    const { kid } = await one.get(SigningKeysService).rotate();
    const after = await token(one);
    expect(decodeProtectedHeader(after).kid).toBe(kid);
    expect((await use(two, after)).status).toBe(200); // unknown kid → the second replica reloads the keys
    expect((await use(two, before)).status).toBe(200);
    expect((await use(one, await token(two))).status).toBe(200);
  });

  it('with OAUTH_KEY_ENCRYPTION_SECRET the private keys are stored as AES-256-GCM envelopes', async () => {
    const rows: Array<{ private_jwk: string; public_jwk: string }> = await one.get(DataSource).query('SELECT private_jwk, public_jwk FROM signing_key');
    expect(rows.length).toBeGreaterThanOrEqual(2);
    for (const r of rows) {
      expect(JSON.parse(r.private_jwk)).toEqual({ enc: 'A256GCM', iv: expect.any(String), tag: expect.any(String), ct: expect.any(String) });
      expect(JSON.parse(r.public_jwk).d).toBeUndefined();
    }
  });
});
