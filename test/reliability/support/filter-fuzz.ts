import fc from 'fast-check';
import { compileFilter, parseFilter, ScimError, type SchemaRegistry } from '@app/scim-core';
import type { HttpResult } from '../../system/support/http';
import { Json, ScimClient, SEARCH } from './scim-client';

export type ResourceType = 'User' | 'Group';
export interface Target { type: ResourceType; via: 'get' | 'search' }
export type Outcome = { ids: string[] } | { error: string };

export const TARGETS: Target[] = [
  { type: 'User', via: 'get' }, { type: 'User', via: 'search' }, { type: 'Group', via: 'get' }, { type: 'Group', via: 'search' },
];
/** Node refuses request heads over 16 KiB (431) before any handler runs. */
const MAX_URL = 15 * 1024;

/** The in-memory evaluator over the service's own representations: the expected answer for a filter text. */
export function oracle(text: string, type: ResourceType, resources: Json[], registry: SchemaRegistry): Outcome {
  // A blank filter is no filter (messages/search-request.ts: `filter=` is treated as absent).
  if (text.trim() === '') return { ids: resources.map((r) => r.id as string).sort() };
  try {
    const predicate = compileFilter(parseFilter(text), { registry, resourceType: type });
    return { ids: resources.filter((r) => predicate(r)).map((r) => r.id as string).sort() };
  } catch (e) {
    if (e instanceof ScimError) return { error: e.scimType ?? `status ${e.status}` };
    throw e;
  }
}

export interface Answer { res: HttpResult; viaUrl: boolean; lossy?: boolean }

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * encodeURIComponent plus the apostrophe, which the WHATWG URL parser (http.request parses the URL
 * with it) would otherwise encode on the way out (it is in the special-query percent-encode set):
 * the URL whose length is checked against MAX_URL is then the URL sent. Before, a filter full of
 * `' OR '1'='1` passed the check and went out beyond the service's 16 KiB header limit (431).
 */
const encodeComponent = (text: string) => encodeURIComponent(text).replace(/'/g, '%27');

/** Percent-encoding that survives lone surrogates (sent as their 3-byte WTF-8 form, invalid UTF-8). */
function encodeQuery(text: string): string {
  if (!LONE_SURROGATE.test(text)) return encodeComponent(text);
  return [...text].map((ch) => {
    if (!LONE_SURROGATE.test(ch)) return encodeComponent(ch);
    const u = ch.charCodeAt(0);
    return [0xe0 | (u >> 12), 0x80 | ((u >> 6) & 0x3f), 0x80 | (u & 0x3f)].map((b) => `%${b.toString(16).toUpperCase()}`).join('');
  }).join('');
}

/** One filter against the service: GET ?filter= (unless the URL would exceed 16 KiB) or POST /.search. */
export async function ask(c: ScimClient, target: Target, text: string): Promise<Answer> {
  const plural = `${target.type}s`;
  const url = `/${plural}?attributes=id&count=1000&filter=${encodeQuery(text)}`;
  // A lone surrogate cannot travel in a URL as itself: the service sees other text, so only the contract is checked.
  if (target.via === 'get' && url.length < MAX_URL) return { res: await c.send('GET', url), viaUrl: true, lossy: LONE_SURROGATE.test(text) };
  return { res: await c.send('POST', `/${plural}/.search`, { schemas: [SEARCH], filter: text, attributes: ['id'], count: 1000 }), viaUrl: false };
}

/**
 * The contract for any filter: 200 with a ListResponse, 400 invalidFilter or 403 sensitive, always
 * a SCIM Error body; and when the evaluator has an answer, exactly that answer. Returns a problem
 * description, or undefined when the response is right.
 */
export function judge(text: string, expected: Outcome, { res, viaUrl, lossy }: Answer): string | undefined {
  const { status, json } = res;
  if (lossy) return [200, 400, 403].includes(status) && (status === 200 || ['invalidFilter', 'sensitive'].includes(json?.scimType))
    ? undefined : `unexpected ${status} ${res.text.slice(0, 200)}`;
  // PostgreSQL text cannot hold U+0000, so both engines refuse it in any value: 400, never a match.
  const nulRefused = text.includes('\u0000') && status === 400 && (json?.scimType === 'invalidValue' || json?.scimType === 'invalidFilter');
  if (nulRefused) return undefined;
  if (status === 200) {
    if ('error' in expected) return `expected ${expected.error}, got 200 (${json?.totalResults} results)`;
    const ids = ((json?.Resources ?? []) as Json[]).map((r) => r.id as string).sort();
    if (json?.totalResults !== expected.ids.length || JSON.stringify(ids) !== JSON.stringify(expected.ids)) {
      const only = (a: string[], b: string[]) => a.filter((x) => !b.includes(x)).slice(0, 5).join(',');
      return `result differs from the evaluator: total ${json?.totalResults} vs ${expected.ids.length}; only server: ${only(ids, expected.ids)}; only evaluator: ${only(expected.ids, ids)}`;
    }
    return undefined;
  }
  const scimType = json?.scimType as string | undefined;
  const okError = (status === 400 && scimType === 'invalidFilter') || (status === 403 && scimType === 'sensitive');
  const wellFormed = json?.schemas?.[0] === 'urn:ietf:params:scim:api:messages:2.0:Error' && json?.status === String(status);
  if (!okError || !wellFormed) return `unexpected ${status}${viaUrl ? '' : ' (body)'} ${res.text.slice(0, 200)}`;
  if ('ids' in expected) return `evaluator matched ${expected.ids.length}, service said ${status} ${scimType}`;
  if (expected.error !== scimType) return `evaluator said ${expected.error}, service ${scimType}`;
  return undefined;
}

const METAS = ['"', '\\', '\\"', '(', ')', '[', ']', "'", '%', '_', '*', ')(', ' and ', ' or ', 'not ', ' pr', '\u0000', '😀', '\u202e',
  '%00', "' OR '1'='1", '; DROP TABLE scim_user; --', '*)(uid=*', '\\u0022', '.', ':', 'eq', ' ', '\t', '\n', '日本'];
const HOSTILE_ATTRS = ['__proto__', 'constructor', 'constructor.prototype', 'prototype', '__proto__.polluted', 'toString', 'password',
  'emails.__proto__', 'urn:unknown:schema:2.0:User:attr', 'urn:ietf:params:scim:schemas:core:2.0:User:password', 'meta.version',
  'urn:ietf:params:scim:schemas:extension:Nope:2.0:User:x', 'hasOwnProperty', 'members.password'];

type Mutation = (s: string) => string;
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.nat().map((at) => (s: string) => s.slice(0, at % (s.length + 1))),
  fc.tuple(fc.nat(), fc.constantFrom(...METAS)).map(([at, m]) => (s: string) => s.slice(0, at % (s.length + 1)) + m + s.slice(at % (s.length + 1))),
  fc.tuple(fc.nat(), fc.integer({ min: 1, max: 4 })).map(([at, n]) => (s: string) => s.slice(0, at % (s.length + 1)) + s.slice((at % (s.length + 1)) + n)),
  fc.tuple(fc.constantFrom(...HOSTILE_ATTRS), fc.constantFrom('eq "x"', 'pr', 'co "%"', 'gt 1', 'eq null'), fc.constantFrom(' and ', ' or '))
    .map(([attr, rest, join]) => (s: string) => `${attr} ${rest}${join}(${s})`),
  fc.integer({ min: 20, max: 40 }).map((d) => (s: string) => `${'('.repeat(d)}${s}${')'.repeat(d)}`),
  // Term-count chains around the 200-term cap (kept under ~64 KiB of text).
  fc.integer({ min: 150, max: 260 }).map((n) => (s: string) => (s.length * n > 65_536 ? s : Array.from({ length: n }, () => `(${s})`).join(' or '))),
);

/** A grammar-valid filter text with one to three mutations applied. */
export function mutatedFilter(valid: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc.tuple(valid, fc.array(mutation, { minLength: 1, maxLength: 3 })).map(([s, ms]) => ms.reduce((acc, m) => m(acc), s));
}

/** Fixed hostile inputs of reliability-plan.md F1, sent to every target. */
export function hostileCorpus(canaryPassword: string): string[] {
  const chain = (n: number, term: string) => Array.from({ length: n }, () => term).join(' or ');
  return [
    `${'('.repeat(5000)}userName eq "a"${')'.repeat(5000)}`, chain(10_000, 'userName eq "x"'), chain(201, 'userName eq "x"'),
    chain(200, 'userName eq "x"'), `${'('.repeat(33)}userName eq "a"${')'.repeat(33)}`, `${'('.repeat(32)}userName pr${')'.repeat(32)}`,
    'x'.repeat(5000), `userName eq "${'a'.repeat(4090)}"`, 'userName co "%"', 'userName co "_"', 'userName sw "\\\\"', 'userName ew "%_"',
    'displayName co "100%"', 'title co "\\\\"', 'userName co "\'"', 'userName eq "\' OR \'1\'=\'1"', 'userName eq "x"; DROP TABLE scim_user; --',
    '(&(uid=*))', '*', ')(', 'userName eq *', '__proto__ eq "x"', '__proto__.polluted pr', 'constructor.prototype.polluted eq 1',
    'urn:unknown:schema:2.0:User:attr eq "x"', 'urn:ietf:params:scim:schemas:core:2.0:User:password eq "x"',
    `password eq "${canaryPassword}"`, 'password pr', 'emails[value pr] and password eq "x"', 'meta.version eq "W/\\"1\\""',
    'userName eq "\u202eevil"', 'userName eq "😀"', 'userName eq "a\u0000b"', 'emails[type eq "work" and value co "@"]',
    'not (userName pr)', 'members[value eq "x"].display pr', 'userName eq "\\u0041"', '', ' ', 'userName eq', 'and', 'userName Eq "A"',
    // Apostrophes travel as %27: measured before encodeComponent this was a 6 KiB URL and went out
    // as 18 KiB (431 from the header limit instead of the filter's 400; full tier, seed 626647382).
    "'".repeat(6000),
  ];
}
