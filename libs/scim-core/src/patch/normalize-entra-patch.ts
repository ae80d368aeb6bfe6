import { InvalidPathError, InvalidValueError, NoTargetError } from '../errors/scim-error';
import { canonicalOpName, type NormalizedPatchOperation, type PatchOperation, type PatchOpName } from '../messages/patch-request';
import { findSubAttribute } from '../schema/attribute-lookup';
import { findOwnKey, getOwn, isPlainObject, isPoisonKey } from '../resource/own-properties';
import { extensionUriForKey } from '../resource/resource-keys';
import { formatPatchTarget, resolvePatchTarget, type PatchTarget } from './patch-target';
import type { EntraQuirk, PatchContext } from './patch-types';
import { isClearingValue, normalizeBooleans, QuirkLog } from './normalize-value';
import { isManagerTarget, isRemoveByValue, normalizeManager, splitRemoveByValue } from './normalize-special-forms';
import { canonicalizeFilter, upsertSeed } from './value-filter-rules';

export interface NormalizedPatch {
  operations: NormalizedPatchOperation[];
  /** Entra shapes that were rewritten, once each, in first-seen order (for metrics and audit). */
  quirks: EntraQuirk[];
}

/**
 * Rewrites every Entra PATCH shape (entra-scim.md §2, §4) into RFC 7644 §3.5.2 operations that
 * applyPatch executes, with the same meaning: lower-case ops (Q1), booleans (Q2), one operation
 * per path for path-less values (Q4; the RFC nested form keeps "merge, leave unspecified
 * sub-attributes unchanged", §3.5.2.3), canonical URN-qualified paths and casing (Q5, Q6),
 * member removal by value (Q7), manager forms (Q9), "" / null as clear (Q12). Role values
 * holding stringified JSON (Q10) are kept verbatim: Entra diffs what it sent against our GET.
 * Operations are independent of the stored resource, so this runs before loading it.
 */
export function normalizeEntraPatch(ops: PatchOperation[], ctx: PatchContext): NormalizedPatch {
  const quirks = new QuirkLog();
  const operations = ops.flatMap((op) => normalizeOperation(op, ctx, quirks));
  return { operations, quirks: quirks.list() };
}

function normalizeOperation(op: PatchOperation, ctx: PatchContext, quirks: QuirkLog): NormalizedPatchOperation[] {
  const name = canonicalOpName(op.op);
  if (!name) throw new InvalidValueError(`"${String(op.op)}" is not a PATCH operation (add, replace, remove)`);
  if (name !== op.op) quirks.add('Q1-op-case');
  if (name !== 'remove' && op.value === undefined) {
    throw new InvalidValueError(`"${name}" requires a "value" (RFC 7644 §3.5.2)`);
  }
  if (op.path !== undefined) return normalizePathOp(name, op.path, op.value, ctx, quirks);
  if (name === 'remove') throw new NoTargetError('"remove" requires a "path" (RFC 7644 §3.5.2.2)');
  return splitPathless(name, op.value, ctx, quirks).flatMap((o) =>
    // `id` stays path-less: applyPatch ignores it when it equals the resource's id (some clients
    // echo it) and answers mutability otherwise; only it can see the stored id.
    o.path.toLowerCase() === 'id' ? [{ op: name, value: { id: o.value } }] : normalizePathOp(name, o.path, o.value, ctx, quirks),
  );
}

/**
 * A path-less add/replace (RFC 7644 §3.5.2.1/§3.5.2.3): every key becomes its own operation.
 * Entra's flagged form uses attribute PATHS as keys (`name.givenName`,
 * `urn:…:enterprise:2.0:User:employeeNumber`, Q4); the RFC form nests sub-attributes and
 * extension attributes, and complex values stay merges. `schemas` is server-computed, skipped.
 */
function splitPathless(name: PatchOpName, value: unknown, ctx: PatchContext, quirks: QuirkLog): Array<{ path: string; value: unknown }> {
  if (!isPlainObject(value)) throw new InvalidValueError(`A "${name}" without "path" needs an object "value" (RFC 7644 §3.5.2)`);
  const out: Array<{ path: string; value: unknown }> = [];
  for (const key of Object.keys(value)) {
    if (isPoisonKey(key)) throw new InvalidPathError(`"${key}" is not an attribute name`);
    if (key.toLowerCase() === 'schemas') continue;
    const extension = extensionUriForKey(ctx.registry, ctx.resourceType, key);
    if (extension) {
      out.push(...splitExtensionObject(extension, value[key], ctx));
      continue;
    }
    if (key.includes('.') && !key.includes(':')) quirks.add('Q4-pathless-dotted-keys');
    if (key.includes(':')) quirks.add('Q4-pathless-urn-keys');
    out.push({ path: key, value: value[key] });
  }
  return out;
}

function splitExtensionObject(uri: string, value: unknown, ctx: PatchContext): Array<{ path: string; value: unknown }> {
  if (value === null) {
    const schema = ctx.registry.schema(uri);
    return (schema?.attributes ?? []).filter((a) => a.mutability !== 'readOnly').map((a) => ({ path: `${uri}:${a.name}`, value: null }));
  }
  if (!isPlainObject(value)) throw new InvalidValueError(`"${uri}" must be an object of extension attributes`);
  return Object.keys(value).map((key) => {
    if (isPoisonKey(key)) throw new InvalidPathError(`"${key}" is not an attribute name`);
    return { path: `${uri}:${key}`, value: value[key] };
  });
}

function normalizePathOp(name: PatchOpName, pathText: string, value: unknown, ctx: PatchContext, quirks: QuirkLog): NormalizedPatchOperation[] {
  const target = resolvePatchTarget(pathText, ctx);
  canonicalizeTargetFilter(target, quirks);
  if (target.mixedCase) quirks.add('Q5-mixed-case-subattr');
  if (isManagerTarget(target)) return normalizeManager(name, target, value, quirks);
  if (target.unqualifiedExtension) quirks.add('Q6-unqualified-extension-attr');
  if (isRemoveByValue(name, target, value)) return splitRemoveByValue(target, value, quirks);
  const path = formatPatchTarget(target);
  if (name === 'remove') return [{ op: 'remove', path }];
  return normalizeWrite(name, target, path, value, quirks);
}

function canonicalizeTargetFilter(target: PatchTarget, quirks: QuirkLog): void {
  if (!target.filter) return;
  const notes = { mixedCase: false, stringBoolean: false };
  target.filter = canonicalizeFilter(target.filter, target.resolved.attribute, notes);
  if (notes.mixedCase) target.mixedCase = true;
  if (notes.stringBoolean) quirks.add('Q2-string-boolean');
}

/** add / replace with a path. */
function normalizeWrite(name: PatchOpName, target: PatchTarget, path: string, value: unknown, quirks: QuirkLog): NormalizedPatchOperation[] {
  const attr = target.resolved.attribute;
  const wholeMultiValued = attr.multiValued && !target.filter && !target.sub;
  if (isClearingValue(value) || (wholeMultiValued && Array.isArray(value) && value.length === 0)) {
    if (isClearingValue(value)) quirks.add('Q12-empty-clears');
    // Adding "nothing" to a multi-valued attribute changes nothing; clearing it is a replace.
    return wholeMultiValued && name === 'add' ? [] : [{ op: 'remove', path }];
  }
  if (target.filter && upsertSeed(target.filter, attr)) quirks.add('Q5-filter-upsert');
  if (name === 'add' && !attr.multiValued && attr.type !== 'complex') quirks.add('Q3-add-single-valued');
  if (attr.name === 'roles' && hasStringifiedJsonValue(value)) quirks.add('Q10-stringified-role-value');
  const def = target.sub ?? attr;
  const asElement = Boolean(target.filter) && !target.sub;
  if (!attr.multiValued && attr.type === 'complex' && !target.sub && isPlainObject(value)) {
    return flattenComplex(name, target, path, value, quirks);
  }
  return [{ op: name, path, value: normalizeBooleans(def, value, quirks, asElement) }];
}

/**
 * A complex single-valued value (`name: {givenName, familyName: ""}`) becomes one operation per
 * sub-attribute, so "" / null can clear one sub-attribute (Q12) while the others are set; the
 * meaning is the RFC merge (RFC 7644 §3.5.2.3). Unknown and readOnly sub-attributes are dropped.
 */
function flattenComplex(name: PatchOpName, target: PatchTarget, path: string, value: Record<string, unknown>, quirks: QuirkLog): NormalizedPatchOperation[] {
  const out: NormalizedPatchOperation[] = [];
  for (const key of Object.keys(value)) {
    if (isPoisonKey(key)) throw new InvalidValueError(`"${key}" is not an attribute name`);
    const sub = findSubAttribute(target.resolved.attribute, key);
    // Unknown and readOnly sub-attributes inside a value are ignored, as applyPatch would.
    if (!sub || sub.mutability === 'readOnly') continue;
    if (sub.name !== key) quirks.add('Q5-mixed-case-subattr');
    const subPath = `${path}.${sub.name}`;
    if (isClearingValue(value[key])) {
      quirks.add('Q12-empty-clears');
      out.push({ op: 'remove', path: subPath });
    } else {
      out.push({ op: name, path: subPath, value: normalizeBooleans(sub, value[key], quirks) });
    }
  }
  return out;
}

function hasStringifiedJsonValue(value: unknown): boolean {
  const items = Array.isArray(value) ? value : [value];
  return items.some((item) => {
    const inner = isPlainObject(item) ? getOwn(item, findOwnKey(item, 'value') ?? 'value') : item;
    return typeof inner === 'string' && inner.trim().startsWith('{');
  });
}
