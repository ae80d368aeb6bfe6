import fc from 'fast-check';

export interface HeaderCase {
  method: string;
  target: string;
  headers: Array<[string, string]>;
  body?: string;
  /** Raw bytes appended after the framed request (request smuggling attempts). */
  trailing?: string;
  kind: string;
  /** Statuses this case must get; undefined = any status below 500. */
  expect?: number[];
}

export interface HeaderContext { base: string; userId: string; groupId: string; host: string; token: string }

const override = fc.tuple(fc.constantFrom('X-HTTP-Method-Override', 'X-HTTP-Method', 'X-Method-Override', 'x-http-method-override'), fc.constantFrom('DELETE', 'PUT', 'PATCH', 'delete'));
const spoof = fc.constantFrom<[string, string]>(['X-Forwarded-For', '1.2.3.4, 10.0.0.1'], ['X-Forwarded-Host', 'evil.example'], ['X-Forwarded-Proto', 'https'],
  ['Forwarded', 'for=1.2.3.4;host=evil.example;proto=https'], ['X-Real-IP', '9.9.9.9'], ['X-Original-URL', '/scim/v2/Users'], ['X-Rewrite-URL', '/admin'],
  ['X-Forwarded-Prefix', '/evil.example'], ['Origin', 'http://evil.example'], ['Referer', 'http://evil.example/x']);
const conditional = fc.tuple(fc.constantFrom('If-Match', 'If-None-Match', 'If-Modified-Since', 'If-Unmodified-Since', 'If-Range'),
  fc.oneof(fc.constantFrom('*', 'W/"1"', '"1"', 'W/"999", *', 'W/', '', 'garbage', 'W/"1", W/"2"'), fc.string({ maxLength: 20, unit: 'binary-ascii' })));
const negotiation = fc.tuple(fc.constantFrom('Accept', 'Accept-Charset', 'Accept-Encoding', 'Accept-Language', 'Content-Encoding', 'Expect', 'Range', 'TE', 'Upgrade'),
  fc.constantFrom('application/xml', '*/*;q=0', 'latin1', 'gzip, br, zstd', 'gzip', 'br', 'x-unknown', '100-continue', 'nonsense', 'bytes=0-1', 'trailers', 'websocket', 'h2c'));
const misc = fc.tuple(fc.constantFrom('Cookie', 'X-Request-Id', 'User-Agent', 'Content-Type', 'Authorization-Extra', 'X-Api-Key', 'Tenant', 'X-Tenant-Id'),
  fc.oneof(fc.string({ maxLength: 60, unit: 'binary-ascii' }), fc.constantFrom('a='.padEnd(4000, 'x'), '0a0a0a0a-0000-4000-a000-00000000000b', '../../etc/passwd')));
const randomHeader = fc.tuple(fc.stringMatching(/^[A-Za-z0-9#$%&'*+.^_`|~-][A-Za-z0-9!#$%&'*+.^_`|~-]{0,23}$/), fc.string({ maxLength: 40, unit: 'binary' }).map((s) => s.replace(/[\r\n]/g, '')));
const extra = fc.oneof(override, spoof, conditional, negotiation, misc, randomHeader);

type Route = (x: HeaderContext) => Pick<HeaderCase, 'method' | 'target' | 'body'>;
const ROUTES: Route[] = [
  (x) => ({ method: 'GET', target: `${x.base}/Users?count=1` }),
  (x) => ({ method: 'GET', target: `${x.base}/Users/${x.userId}` }),
  (x) => ({ method: 'GET', target: `${x.base}/Groups/${x.groupId}` }),
  (x) => ({ method: 'POST', target: `${x.base}/Users/.search`, body: '{"schemas":["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],"count":1}' }),
  (x) => ({ method: 'PATCH', target: `${x.base}/Users/${x.userId}`, body: '{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","path":"title","value":"Protected"}]}' }),
];

/** A valid request on one route with up to six extra headers (never a real DELETE). */
export const headerCase: fc.Arbitrary<(x: HeaderContext) => HeaderCase> = fc.tuple(fc.nat(ROUTES.length - 1), fc.array(extra, { maxLength: 6 }))
  .map(([r, extras]) => (x: HeaderContext) => {
    const route = ROUTES[r](x);
    const headers: Array<[string, string]> = [['Host', x.host], ['Authorization', `Bearer ${x.token}`], ['Connection', 'close'],
      ...(route.body ? [['Content-Type', 'application/scim+json'] as [string, string]] : []), ...extras];
    return { ...route, headers, kind: extras.map(([k]) => k).join(',') || 'plain' };
  });

/** Fixed framing and size attacks (reliability-plan.md F4, L1): each with its required answer. */
export function headerCorpus(x: HeaderContext): HeaderCase[] {
  const base: Array<[string, string]> = [['Host', x.host], ['Authorization', `Bearer ${x.token}`], ['Connection', 'close']];
  const get = `${x.base}/Users?count=1`;
  const body = '{"schemas":["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],"count":1}';
  const smuggled = `GET ${x.base}/Users/${x.userId} HTTP/1.1\r\nHost: ${x.host}\r\nAuthorization: Bearer ${x.token}\r\n\r\n`;
  const search = `${x.base}/Users/.search`;
  const json: [string, string] = ['Content-Type', 'application/scim+json'];
  return [
    { kind: '17 KiB header', method: 'GET', target: get, headers: [...base, ['X-Padding', 'p'.repeat(17 * 1024)]], expect: [431] },
    { kind: '1000 headers', method: 'GET', target: get, headers: [...base, ...Array.from({ length: 1000 }, (_, i): [string, string] => [`X-H-${i}`, 'v'])] },
    { kind: 'CL + TE', method: 'POST', target: search, headers: [...base, json, ['Content-Length', String(body.length)], ['Transfer-Encoding', 'chunked']],
      body: `${body.length.toString(16)}\r\n${body}\r\n0\r\n\r\n`, trailing: smuggled, expect: [400] },
    { kind: 'TE + CL', method: 'POST', target: search, headers: [...base, json, ['Transfer-Encoding', 'chunked'], ['Content-Length', '4']],
      body: `0\r\n\r\n`, trailing: smuggled, expect: [400] },
    { kind: 'two Content-Length', method: 'POST', target: search, headers: [...base, json, ['Content-Length', String(body.length)], ['Content-Length', '0']], body, trailing: smuggled, expect: [400] },
    { kind: 'TE obfuscated', method: 'POST', target: search, headers: [...base, json, ['Transfer-Encoding', ' chunked, identity']], body: `0\r\n\r\n`, trailing: smuggled, expect: [400] },
    { kind: 'negative CL', method: 'POST', target: search, headers: [...base, json, ['Content-Length', '-1']], body, expect: [400] },
    { kind: 'no Host', method: 'GET', target: get, headers: base.filter(([k]) => k !== 'Host'), expect: [400] },
    { kind: 'two Host', method: 'GET', target: get, headers: [...base, ['Host', 'evil.example']], expect: [400] },
    { kind: 'obs-fold', method: 'GET', target: get, headers: [...base, ['X-Folded', 'a\r\n folded']], expect: [400] },
    { kind: 'NUL in value', method: 'GET', target: get, headers: [...base, ['X-Nul', 'a\u0000b']], expect: [400] },
    { kind: 'space before colon', method: 'GET', target: get, headers: [...base, ['X-Space ', 'b']], expect: [400] },
    { kind: 'no colon', method: 'GET', target: get, headers: [...base, ['!X-No-Colon-Here', '']], expect: [400] },
    { kind: 'unknown method', method: 'FOO', target: get, headers: base },
    { kind: 'absolute-form', method: 'GET', target: `http://evil.example${get}`, headers: base },
    { kind: 'dot segments', method: 'GET', target: `${x.base}/Users/../Users/%2e%2e/${x.userId}`, headers: base },
    { kind: 'encoded NUL path', method: 'GET', target: `${x.base}/Users/%00`, headers: base },
  ];
}
