import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApp } from '../../src/bootstrap/create-app';
import { AppConfig } from '../../src/config/app-config';
import { SCIM_JSON } from '../setup/test-app';
import { createTestDatabase, TEST_ENGINE, TestDatabase } from '../setup/test-database';
import { CORE_USER } from './auth-support';

// Issue 4 check / reliability-plan.md §5.5 H1: no secret token, client secret or access token
// appears in anything the service writes — stdout, stderr, Nest's logger, console — nor in any
// database row (the audit trail included), while requests succeed and fail with those secrets.
describe(`no secret reaches a log line or a stored row (${TEST_ENGINE})`, () => {
  const captured: string[] = [];
  const restore: Array<() => void> = [];
  let app: NestFastifyApplication;
  let db: TestDatabase;
  let firstStart: string[];

  function capture(): void {
    for (const stream of [process.stdout, process.stderr]) {
      const original = stream.write.bind(stream);
      stream.write = ((chunk: unknown, ...rest: unknown[]) => {
        const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8');
        captured.push(text);
        // The service's own lines are kept out of the test output; anything else (Jest) passes through.
        if (/^(\{"level"|\[Nest\]|\(node:)/.test(text)) return true;
        return (original as (...a: unknown[]) => boolean)(chunk, ...rest);
      }) as typeof stream.write;
      restore.push(() => (stream.write = original as typeof stream.write));
    }
    for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      const spy = jest.spyOn(console, level).mockImplementation((...args: unknown[]) => void captured.push(args.map(String).join(' ')));
      restore.push(() => spy.mockRestore());
    }
  }

  beforeAll(async () => {
    capture();
    db = await createTestDatabase();
    const config = { port: 0, host: '127.0.0.1', publicBaseUrl: 'http://scim.test', tokenTtlDays: 365, maxResults: 100, logLevel: 'debug',
      authFailureLimit: 10, ...db.config } as AppConfig;
    ({ app, firstStartLines: firstStart } = await createApp(config)); // the service's own logger settings, not the tests' silence
  });
  afterAll(async () => {
    await app.close();
    await db.drop();
    restore.forEach((r) => r());
  });

  it('exercises every credential, successfully and not, then finds none of them in the output or the database', async () => {
    const http = request(app.getHttpServer());
    // The first start's two lines are meant for the operator's terminal (main.ts prints them), not for a log.
    const base = new URL(firstStart[0].replace('Tenant URL: ', '')).pathname;
    const bootToken = firstStart[1].replace('Secret Token: ', '');
    const secrets: string[] = [bootToken];
    const auth = { Authorization: `Bearer ${bootToken}` };

    const tenant = (await http.post('/api/v1/tenants').set(auth).send({ name: 'Logged' })).body;
    const issued = (await http.post(`/api/v1/tenants/${tenant.id}/tokens`).set(auth).send({})).body;
    const created = (await http.post(`/api/v1/tenants/${tenant.id}/clients`).set(auth).send({})).body;
    secrets.push(issued.secretToken, created.clientSecret);
    const basic = Buffer.from(`${created.client.clientId}:${created.clientSecret}`).toString('base64');
    const tokenRes = await http.post('/oauth/token').type('form').set('Authorization', `Basic ${basic}`).send({ grant_type: 'client_credentials' });
    expect(tokenRes.status).toBe(200);
    const access = tokenRes.body.access_token as string;
    secrets.push(access);

    const tb = `/scim/v2/${tenant.id}`;
    for (const token of [issued.secretToken, access]) {
      const res = await http.post(`${tb}/Users`).set('Authorization', `Bearer ${token}`).set('Content-Type', SCIM_JSON)
        .send(JSON.stringify({ schemas: [CORE_USER], userName: `log.${token.length}@example.com` }));
      expect(res.status).toBe(201);
      await http.get(`${tb}/Users?filter=${encodeURIComponent('userName eq "x"')}`).set('Authorization', `Bearer ${token}`).expect(200);
      await http.get(`${base}/Users`).set('Authorization', `Bearer ${token}`).expect(401); // another tenant's URL
      await http.get(`${tb}/Users`).set('Authorization', `Bearer ${token}x`).expect(401);
      await http.get(`${tb}/Users?access_token=${encodeURIComponent(token)}`).expect(401); // never read from the URL
    }
    await http.post('/oauth/token').type('form').send({ grant_type: 'client_credentials', client_id: created.client.clientId, client_secret: `${created.clientSecret}x` }).expect(401);
    await http.post('/oauth/token').type('form').send({ grant_type: 'password', client_id: created.client.clientId, client_secret: created.clientSecret }).expect(400);
    await http.post('/oauth/token').type('form').set('Authorization', `Basic ${basic}`).send({ grant_type: 'client_credentials', scope: 'admin' }).expect(400);
    await http.post('/oauth/token').send({ grant_type: 'client_credentials', client_secret: created.clientSecret }).expect(400);
    for (let i = 0; i < 8; i++) await http.get(`${tb}/Users`).set('Authorization', `Bearer ${issued.secretToken}${i}`); // into the 429s
    await http.get(`${tb}/Users`).set('Authorization', `Bearer ${issued.secretToken}`).expect(200);
    await http.delete(`/api/v1/tenants/${tenant.id}/tokens/${issued.token.id}`).set(auth).expect(204);
    await http.get(`${tb}/Users`).set('Authorization', `Bearer ${issued.secretToken}`).expect(429);

    const output = captured.join('\n');
    const ds = app.get(DataSource);
    const rows: string[] = [];
    for (const meta of ds.entityMetadatas) rows.push(JSON.stringify(await ds.query(`SELECT * FROM ${meta.tableName}`)));
    const stored = rows.join('\n');
    for (const secret of secrets) {
      for (const needle of [secret, secret.slice(-24), encodeURIComponent(secret), Buffer.from(secret).toString('base64')]) {
        expect([secret.slice(0, 8), output.includes(needle)]).toEqual([secret.slice(0, 8), false]);
        expect([secret.slice(0, 8), stored.includes(needle)]).toEqual([secret.slice(0, 8), false]);
      }
    }
    expect(output).not.toMatch(/authorization/i);
    expect(basic.length).toBeGreaterThan(0);
    expect(output).not.toContain(basic);
  });
});
