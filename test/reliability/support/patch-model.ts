import { isDeepStrictEqual } from 'node:util';
import {
  applyPatch, coerceResource, createDefaultRegistry, normalizeEntraPatch, parsePatchRequest, projectResource, recomputeSchemas, ScimError,
} from '@app/scim-core';
import type { Json } from './scim-client';

// fastify's JSON parser as configured by the service (protoAction/constructorAction 'error').
// eslint-disable-next-line @typescript-eslint/no-require-imports
const sjson = require('secure-json-parse') as { parse(text: string, reviver: null, opts: Record<string, string>): unknown };

export const registry = createDefaultRegistry();
const SERVER_KEYS = new Set(['id', 'meta', 'schemas', 'groups', 'members']);

export type Type = 'User' | 'Group';
/** What the service must answer: the new state, or an error with the state unchanged. */
export type Expected =
  | { kind: 'ok'; changed: boolean; resource: Json; members?: string[] }
  | { kind: 'error'; status: number; scimType?: string };

/** The stored document of a representation (common/resource-doc.ts toDoc). */
export function docOf(resource: Json): Json {
  return Object.fromEntries(Object.entries(resource).filter(([k]) => !SERVER_KEYS.has(k)));
}

/** The representation GET gives for a document (toScimResource + projection), without meta and members. */
function render(id: string, doc: Json, type: Type): Json {
  const resource = recomputeSchemas({ schemas: [], id, ...docOf(doc) }, registry, type);
  return projectResource(resource, {}, { registry, resourceType: type });
}

export function comparable(resource: Json): Json {
  const { meta: _meta, members: _members, ...rest } = resource;
  return rest;
}

/**
 * The model: the service's own pipeline (body parser rules → parsePatchRequest →
 * normalizeEntraPatch → applyPatch → coerceResource) run locally on the current state. Member
 * changes are applied to the model's member set; ids outside `known` are skipped like the service does.
 */
export function expectPatch(type: Type, current: Json, members: string[], bodyText: string, known: Set<string>): Expected {
  try {
    sjson.parse(bodyText, null, { protoAction: 'error', constructorAction: 'error' });
  } catch {
    return { kind: 'error', status: 400, scimType: 'invalidSyntax' };
  }
  try {
    const ctx = { registry, resourceType: type };
    const ops = normalizeEntraPatch(parsePatchRequest(JSON.parse(bodyText)), ctx).operations;
    const result = applyPatch({ id: current.id, ...docOf(current) }, ops, ctx);
    let nextMembers = members;
    if (type === 'Group') {
      const ch = result.memberChanges;
      const kept = ch.replace || ch.removeAll ? [] : members.filter((m) => !ch.remove.includes(m));
      const added = (ch.replace ?? ch.add).map((m) => m.value).filter((v) => known.has(v) && v !== current.id);
      nextMembers = [...new Set([...kept, ...added])].sort();
    }
    if (!result.changed) return { kind: 'ok', changed: false, resource: comparable(current), members };
    const coerced = coerceResource(result.resource, { ...ctx, mode: 'replace' }).resource;
    return { kind: 'ok', changed: true, resource: render(current.id, coerced, type), members: nextMembers };
  } catch (e) {
    if (e instanceof ScimError) return { kind: 'error', status: e.status, scimType: e.scimType };
    throw e;
  }
}

/** Keys that would betray prototype pollution or unfiltered input anywhere in a representation. */
export function poisonKeys(value: unknown, path = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => poisonKeys(v, `${path}[${i}]`));
  if (typeof value !== 'object' || value === null) return [];
  return Object.keys(value).flatMap((k) => [
    ...(['__proto__', 'constructor', 'prototype', 'polluted'].includes(k) ? [`${path}.${k}`] : []),
    ...poisonKeys((value as Json)[k], `${path}.${k}`),
  ]);
}

export const same = (a: unknown, b: unknown) => isDeepStrictEqual(JSON.parse(JSON.stringify(a)), JSON.parse(JSON.stringify(b)));
