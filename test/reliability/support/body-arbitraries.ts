import fc from 'fast-check';
import { CORE_GROUP, CORE_USER, PATCHOP, SEARCH } from './scim-client';

export interface BodyCase {
  route: string;
  contentType?: string;
  body: Buffer;
  kind: string;
}

const MiB = 1024 * 1024;
export const ROUTES = ['POST /Users', 'POST /Groups', 'PUT /Users/$U', 'PUT /Groups/$G', 'PATCH /Users/$U', 'PATCH /Groups/$G', 'POST /Users/.search', 'POST /Groups/.search'];

/** A valid body for a route, the starting point of most mutations. */
export function validBody(route: string, n: number): Record<string, unknown> {
  if (route.startsWith('PATCH')) return { schemas: [PATCHOP], Operations: [{ op: 'replace', path: route.includes('Users') ? 'title' : 'externalId', value: `v${n}` }] };
  if (route.endsWith('.search')) return { schemas: [SEARCH], filter: 'displayName pr', count: 2 };
  if (route.includes('Groups')) return { schemas: [CORE_GROUP], displayName: `f3 group ${n}` };
  return { schemas: [CORE_USER], userName: `f3.${n}@example.com`, displayName: `F3 ${n}` };
}

const nest = (depth: number, open: string, close: string, leaf = '1') => `${open.repeat(depth - 1)}${leaf}${close.repeat(depth - 1)}`;
const JSON_TYPES = ['application/scim+json', 'application/json', 'application/scim+json; charset=utf-8', 'APPLICATION/SCIM+JSON', 'application/json; charset=latin1'];
const OTHER_TYPES = ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', 'application/jsonx',
  'application/scim+json; charset=utf-16', 'text/json', '*/*', 'application/json;;;', undefined];

type Mutate = (text: string, n: number, route: string) => [kind: string, body: Buffer];
const utf8 = (s: string) => Buffer.from(s, 'utf8');
const mutations: fc.Arbitrary<Mutate> = fc.oneof(
  fc.constant<Mutate>((t) => ['valid', utf8(t)]),
  fc.nat().map<Mutate>((at) => (t) => ['truncated', utf8(t.slice(0, at % t.length))]),
  fc.constant<Mutate>((t) => ['bom', utf8(`\ufeff${t}`)]),
  fc.tuple(fc.nat(), fc.constantFrom([0xff], [0xfe, 0xff], [0xc3], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80], [0x00]))
    .map<Mutate>(([at, bytes]) => (t) => { const b = utf8(t); const i = at % b.length; return ['invalid utf-8', Buffer.concat([b.subarray(0, i), Buffer.from(bytes), b.subarray(i)])]; }),
  fc.constantFrom('"userName":"dup1@example.com","userName":"dup2@example.com",', '"displayName":1,"displayName":"x",', '"schemas":[],"schemas":"x",')
    .map<Mutate>((dup) => (t) => ['duplicate keys', utf8(t.replace('{', `{${dup}`))]),
  fc.constantFrom('1e400', '-1e400', '9007199254740993', '-0', '1.0e-400', '123456789012345678901234567890', 'NaN', 'Infinity', '0x10', '01')
    .map<Mutate>((num) => (t) => ['numbers', utf8(t.replace('{', `{"externalId":${num},"active":${num},"id":${num},`))]),
  fc.constantFrom('[1,2,3]', '"a string"', 'null', 'true', '0', '[]', '{}', '[{}]', '{"Operations":{}}', '{"schemas":"x"}', '""')
    .map<Mutate>((s) => () => ['wrong shape', utf8(s)]),
  fc.tuple(fc.constantFrom(31, 32, 33, 64, 5_000, 50_000), fc.boolean())
    .map<Mutate>(([d, arr]) => (t) => [`depth ${d}`, utf8(t.replace('{', `{"x":${arr ? nest(d, '[', ']') : nest(d, '{"a":', '}')},`))]),
  fc.constantFrom('"__proto__":{"polluted":1}', '"constructor":{"prototype":{"polluted":1}}', '"emails":[{"value":"p@x","__proto__":{"polluted":1}}]',
    '"name":{"__proto__":{"polluted":1}}', '"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"__proto__":{"x":1}}')
    .map<Mutate>((p) => (t) => ['proto keys', utf8(t.replace('{', `{${p},`))]),
  fc.constant<Mutate>((t) => ['server-owned', utf8(t.replace('{', '{"id":"attacker-chosen-id","meta":{"version":"W/\\"999\\"","created":"1999-01-01T00:00:00Z"},"groups":[{"value":"x"}],'))]),
  fc.jsonValue({ maxDepth: 4 }).map<Mutate>((v) => () => ['random JSON', utf8(JSON.stringify(v) ?? 'null')]),
  fc.uint8Array({ maxLength: 64 }).map<Mutate>((b) => () => ['random bytes', Buffer.from(b)]),
  fc.constant<Mutate>(() => ['empty', Buffer.alloc(0)]),
);

/** F3: a route, a Content-Type and a malformed (or sometimes valid) body. */
export const bodyCase: fc.Arbitrary<(n: number) => BodyCase> = fc.tuple(
  fc.constantFrom(...ROUTES), fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...JSON_TYPES) }, { weight: 1, arbitrary: fc.constantFrom(...OTHER_TYPES) }), mutations,
).map(([route, contentType, mutate]) => (n: number) => {
  const [kind, body] = mutate(JSON.stringify(validBody(route, n)), n, route);
  return { route, contentType, body, kind };
});

/** Fixed cases per route: the sizes and framings of reliability-plan.md F3 / L1. */
export function bodyCorpus(n: number): BodyCase[] {
  return ROUTES.flatMap((route, i) => {
    const valid = JSON.stringify(validBody(route, n + i));
    const pad = (size: number) => utf8(valid.replace('{', `{"pad":"${'x'.repeat(size - Buffer.byteLength(valid) - 9)}",`));
    return [
      { route, contentType: 'application/scim+json', body: pad(MiB + 1), kind: '1 MiB + 1' },
      { route, contentType: 'application/json', body: utf8(valid.replace('{', `{"x":${nest(33, '{"a":', '}')},`)), kind: 'depth 33' },
      { route, contentType: 'application/json', body: utf8(valid.replace('{', `{"x":${nest(50_000, '[', ']')},`)), kind: 'depth 50000' },
      { route, contentType: 'text/plain', body: utf8(valid), kind: 'text/plain' },
      { route, contentType: undefined, body: utf8(valid), kind: 'no content type' },
    ];
  });
}
