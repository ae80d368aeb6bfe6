import { InvalidPathError, InvalidValueError, NoTargetError, ScimError } from '../errors/scim-error';
import { canonicalOpName, type PatchOperation, type PatchOpName } from '../messages/patch-request';
import { cloneJson, findOwnKey, getOwn, isPlainObject, isPoisonKey, jsonEqual, setOwn, type JsonObject } from '../resource/own-properties';
import { extensionUriForKey } from '../resource/resource-keys';
import { recomputeSchemas } from '../resource/resource-schemas';
import { applyFiltered } from './apply-filtered';
import { applyMembers, isGroupMembers } from './apply-members';
import { applyUnfiltered } from './apply-unfiltered';
import { MemberPlan } from './member-plan';
import { assertEffectAllowed, assertWritable, readAttribute } from './patch-guards';
import { resolvePatchTarget, type PatchTarget } from './patch-target';
import type { PatchContext, PatchResult } from './patch-types';

/**
 * Applies PATCH operations (RFC 7644 §3.5.2) to a resource, in order and atomically: the work is
 * done on a deep copy, so either the patched copy is returned or a ScimError is thrown and the
 * input is untouched ("the original SCIM resource MUST be restored"). Operations are expected in
 * RFC shape (normalizeEntraPatch); op names are still matched case-insensitively. Group
 * `members` operations are returned as a plan in `memberChanges` (the Group resource passed in
 * has no members). Only own properties are read, only schema-defined keys are written, and
 * `__proto__` / `constructor` / `prototype` are rejected wherever they appear.
 */
export function applyPatch(resource: JsonObject, operations: PatchOperation[], ctx: PatchContext): PatchResult {
  const working = cloneJson(resource);
  const plan = new MemberPlan();
  operations.forEach((operation, index) => {
    try {
      applyOperation(working, operation, ctx, plan);
    } catch (error) {
      throw withOperationIndex(error, index);
    }
  });
  const changed = plan.hasChanges() || !jsonEqual(resource, working);
  return { resource: recomputeSchemas(working, ctx.registry, ctx.resourceType), memberChanges: plan.toChanges(), changed };
}

function applyOperation(resource: JsonObject, operation: PatchOperation, ctx: PatchContext, plan: MemberPlan): void {
  const op = canonicalOpName(operation.op);
  if (!op) throw new InvalidValueError(`"${String(operation.op)}" is not a PATCH operation (add, replace, remove)`);
  if (op !== 'remove' && operation.value === undefined) {
    throw new InvalidValueError(`"${op}" requires a "value" (RFC 7644 §3.5.2)`);
  }
  if (operation.path === undefined) {
    if (op === 'remove') throw new NoTargetError('"remove" requires a "path" (RFC 7644 §3.5.2.2)');
    return applyPathless(resource, op, operation.value, ctx, plan);
  }
  applyToTarget(resource, op, resolvePatchTarget(operation.path, ctx), operation.value, ctx, plan);
}

/**
 * No path (RFC 7644 §3.5.2.1, §3.5.2.3): each key of `value` is an attribute (or, as Entra sends
 * them, an attribute path, Q4); an extension URN key holds that extension's attributes.
 * `schemas` is recomputed, so it is skipped; an `id` equal to the resource's own is harmless.
 */
function applyPathless(resource: JsonObject, op: PatchOpName, value: unknown, ctx: PatchContext, plan: MemberPlan): void {
  if (!isPlainObject(value)) throw new InvalidValueError(`A "${op}" without "path" needs an object "value" (RFC 7644 §3.5.2)`);
  for (const key of Object.keys(value)) {
    if (isPoisonKey(key)) throw new InvalidPathError(`"${key}" is not an attribute name`);
    const item = value[key];
    const lower = key.toLowerCase();
    if (lower === 'schemas' || (lower === 'id' && item === getOwn(resource, 'id'))) continue;
    const extension = extensionUriForKey(ctx.registry, ctx.resourceType, key);
    if (!extension) {
      applyToTarget(resource, op, resolvePatchTarget(key, ctx), item, ctx, plan);
      continue;
    }
    if (!isPlainObject(item)) throw new InvalidValueError(`"${extension}" must be an object of extension attributes`);
    for (const sub of Object.keys(item)) {
      if (isPoisonKey(sub)) throw new InvalidPathError(`"${sub}" is not an attribute name`);
      applyToTarget(resource, op, resolvePatchTarget(`${extension}:${sub}`, ctx), item[sub], ctx, plan);
    }
  }
}

function applyToTarget(resource: JsonObject, op: PatchOpName, target: PatchTarget, value: unknown, ctx: PatchContext, plan: MemberPlan): void {
  if (isGroupMembers(target, ctx)) return applyMembers(op, target, value, plan);
  assertWritable(target);
  const before = cloneJson(readAttribute(resource, target));
  const container = containerFor(resource, target, op !== 'remove');
  if (!container) return;
  if (target.filter) applyFiltered(container, op, target, value);
  else applyUnfiltered(container, op, target, value);
  if (container !== resource && Object.keys(container).length === 0) {
    delete resource[findOwnKey(resource, target.resolved.schemaId) as string];
  }
  assertEffectAllowed(target, before, readAttribute(resource, target));
}

/** The resource itself, or the object under the extension URN (created for add/replace). */
function containerFor(resource: JsonObject, target: PatchTarget, create: boolean): JsonObject | undefined {
  if (!target.resolved.isExtension) return resource;
  const uri = target.resolved.schemaId;
  const key = findOwnKey(resource, uri);
  const existing = key === undefined ? undefined : resource[key];
  if (isPlainObject(existing)) return existing;
  if (!create) return undefined;
  if (key !== undefined) delete resource[key];
  const created: JsonObject = {};
  setOwn(resource, uri, created);
  return created;
}

/** Prefixes the detail with the failing operation, keeping the error class (RFC 7644 §3.12). */
function withOperationIndex(error: unknown, index: number): unknown {
  if (!(error instanceof ScimError) || error.scimType === undefined) return error;
  const Type = error.constructor as new (detail: string) => ScimError;
  return new Type(`Operations[${index}]: ${error.detail}`);
}

