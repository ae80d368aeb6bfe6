import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { SCIM_JSON, startTestApp, TestApp } from '../setup/test-app';
import { TEST_ENGINE } from '../setup/test-database';
import { CORE_USER, createGroup, createUser, expectUniform401, PATCHOP, UNAUTHORIZED_BODY } from './auth-support';

// reliability-plan.md §5.5 A1 / issue 4 checks: a corpus of malformed Authorization headers on
// every authenticated route never yields a 5xx; each invalid variant is the same 401.
describe(`malformed Authorization headers (${TEST_ENGINE})`, () => {
  let t: TestApp;
  let userId: string;
  let groupId: string;
  beforeAll(async () => {
    t = await startTestApp({ authFailureLimit: 100_000 });
    userId = (await createUser(t, t, 'corpus.user@example.com')).body.id;
    groupId = (await createGroup(t, t, 'Corpus Group')).body.id;
  });
  afterAll(() => t.close());

  const routes = (): Array<[string, string, unknown?]> => [
    ['GET', `${t.base}/Users`], ['GET', `${t.base}/Users/${userId}`], ['POST', `${t.base}/Users`, { schemas: [CORE_USER], userName: 'never@example.com' }],
    ['PUT', `${t.base}/Users/${userId}`, { schemas: [CORE_USER], userName: 'corpus.user@example.com' }],
    ['PATCH', `${t.base}/Users/${userId}`, { schemas: [PATCHOP], Operations: [{ op: 'replace', path: 'displayName', value: 'x' }] }],
    ['DELETE', `${t.base}/Users/${userId}`], ['POST', `${t.base}/Users/.search`, { schemas: ['urn:ietf:params:scim:api:messages:2.0:SearchRequest'] }],
    ['GET', `${t.base}/Groups`], ['GET', `${t.base}/Groups/${groupId}`],
    ['PATCH', `${t.base}/Groups/${groupId}`, { schemas: [PATCHOP], Operations: [{ op: 'replace', path: 'displayName', value: 'x' }] }],
    ['DELETE', `${t.base}/Groups/${groupId}`], ['GET', '/scim/v2/Users'], ['GET', '/scim/v2/Groups'],
    ['GET', '/api/v1/tenants'], ['GET', `/api/v1/tenants/${t.tenantId}/tokens`],
  ];

  const invalid = (): Array<[string, string | undefined]> => [
    ['missing', undefined],
    ['empty', ''],
    ['"Bearer"', 'Bearer'],
    ['"Bearer " + spaces', 'Bearer      '],
    ['Basic', 'Basic dXNlcjpwYXNzd29yZA=='],
    ['Basic with the valid token', `Basic ${Buffer.from(`x:${t.token}`).toString('base64')}`],
    ['the token without a scheme', t.token],
    ['tab separator', `Bearer\t${t.token}`],
    ['two spaces', `Bearer  ${t.token}`],
    ['valid token + trailing garbage', `Bearer ${t.token} garbage`],
    ['valid token + appended chars', `Bearer ${t.token}x`],
    ['10 KB token', `Bearer scimb_${'A'.repeat(10 * 1024)}`],
    ['10 KB JWT-shaped', `Bearer ${'eyJh'.repeat(1000)}.${'a'.repeat(4000)}.${'b'.repeat(2000)}`],
    ['JWT-shaped garbage', 'Bearer a.b.c'],
    ['a JWT header over garbage', `Bearer ${Buffer.from('{"alg":"ES256","typ":"at+jwt","kid":"x"}').toString('base64url')}.e30.AAAA`],
    ['alg none', `Bearer ${Buffer.from('{"alg":"none","typ":"at+jwt"}').toString('base64url')}.${Buffer.from('{"sub":"x"}').toString('base64url')}.`],
    ['Latin-1 token', 'Bearer t\u00f6k\u00e9n\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9'],
    ['"null"', 'Bearer null'],
    ['SQL-ish', "Bearer scimb_' OR '1'='1' --xxxxxxxxxxxxxxxxxxxxxxxx"],
    ['Bearer with a comma list', `Bearer ${t.token}, Bearer other`],
  ];

  function send(method: string, path: string, body: unknown, authorization: string | undefined) {
    let req = t.http[method.toLowerCase() as 'get'](path);
    if (authorization !== undefined) req = req.set('Authorization', authorization);
    return body === undefined ? req : req.set('Content-Type', SCIM_JSON).send(JSON.stringify(body));
  }

  it('every invalid variant on every route → the uniform 401, never a 5xx', async () => {
    for (const [label, header] of invalid()) {
      for (const [method, path, body] of routes()) {
        const res = await send(method, path, body, header);
        try {
          expectUniform401(res);
        } catch (e) {
          throw new Error(`${label} on ${method} ${path}: ${res.status} ${res.text.slice(0, 200)} — ${(e as Error).message}`);
        }
      }
    }
  });

  it('the scheme is case-insensitive (RFC 6750 §2.1 / RFC 7235 §2.1): lowercase and uppercase "bearer <valid>" → 200', async () => {
    for (const scheme of ['bearer', 'BEARER', 'bEaReR']) {
      expect((await t.http.get(`${t.base}/Users`).set('Authorization', `${scheme} ${t.token}`)).status).toBe(200);
    }
  });

  it('raw bytes: UTF-8 tokens, control characters and two Authorization headers never give a 5xx', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = t.app.getHttpServer().address() as AddressInfo;
    const raw = (headers: string) => new Promise<string>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => socket.write(`GET ${t.base}/Users HTTP/1.1\r\nHost: x\r\n${headers}Connection: close\r\n\r\n`, 'latin1'));
      // Not end(): a half-closed socket may be dropped before a slower (PostgreSQL) answer is written.
      let data = '';
      socket.on('data', (d) => (data += d.toString('latin1')));
      socket.on('end', () => resolve(data));
      socket.on('error', reject);
    });
    const utf8 = Buffer.from('Bearer ключ-токен-日本語-scimb_xxxxxxxxxxxxxxxxxxxxxxx', 'utf8').toString('latin1');
    const cases = [
      `Authorization: ${utf8}\r\n`,
      `Authorization: Bearer \x01\x02\x7f${'x'.repeat(40)}\r\n`,
      `Authorization: Bearer ${t.token}\r\nAuthorization: Bearer wrong-${'x'.repeat(40)}\r\n`,
      `Authorization: Bearer wrong-${'x'.repeat(40)}\r\nAuthorization: Bearer ${t.token}\r\n`,
      `Authorization: Bearer\r\nAuthorization: Basic Og==\r\n`,
    ];
    for (const headers of cases) {
      const response = await raw(headers);
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(response)?.[1]);
      expect([JSON.stringify(headers), status < 500 ? 'ok' : response]).toEqual([JSON.stringify(headers), 'ok']);
      if (status === 401) expect(response.endsWith(JSON.stringify(UNAUTHORIZED_BODY))).toBe(true);
    }
  });
});
