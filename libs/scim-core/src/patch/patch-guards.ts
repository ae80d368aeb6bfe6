import { InvalidValueError, MutabilityError } from '../errors/scim-error';
import { getOwn, isPlainObject, jsonEqual, findOwnKey, type JsonObject } from '../resource/own-properties';
import type { PatchTarget } from './patch-target';

/**
 * RFC 7644 §3.5.2: "a client MUST NOT modify an attribute that has mutability readOnly".
 * Covers `id`, `meta` and its sub-attributes, `groups`, `manager.displayName`, and `schemas`,
 * which this server always recomputes from the data (resource-schemas.ts).
 */
export function assertWritable(target: PatchTarget): void {
  const { attribute, isExtension } = target.resolved;
  if (!isExtension && attribute.name === 'schemas') {
    throw new MutabilityError('"schemas" is maintained by the server and cannot be patched');
  }
  if (attribute.mutability === 'readOnly') {
    throw new MutabilityError(`Attribute "${target.resolved.canonicalPath}" is readOnly (RFC 7643 §2.2)`);
  }
  if (target.sub?.mutability === 'readOnly') {
    throw new MutabilityError(`Attribute "${target.resolved.canonicalPath}.${target.sub.name}" is readOnly (RFC 7643 §2.2)`);
  }
}

/** The target attribute's current value in its container (resource or extension object). */
export function readAttribute(resource: JsonObject, target: PatchTarget): unknown {
  const { schemaId, isExtension, attribute } = target.resolved;
  let container: unknown = resource;
  if (isExtension) {
    const key = findOwnKey(resource, schemaId);
    container = key === undefined ? undefined : resource[key];
  }
  if (!isPlainObject(container)) return undefined;
  const key = findOwnKey(container, attribute.name);
  return key === undefined ? undefined : getOwn(container, key);
}

/**
 * Checks one operation's effect on its attribute (RFC 7644 §3.5.2, RFC 7643 §2.2):
 * - immutable: may be set when it had no value, never changed afterwards → mutability;
 * - required: removing it or leaving it unassigned → mutability (RFC 7644 §3.5.2.2);
 *   an empty string is no value for a required string (userName MUST be non-empty, §4.1.1).
 */
export function assertEffectAllowed(target: PatchTarget, before: unknown, after: unknown): void {
  const { attribute, canonicalPath } = target.resolved;
  if (attribute.mutability === 'immutable' && before !== undefined && !jsonEqual(before, after)) {
    throw new MutabilityError(`Attribute "${canonicalPath}" is immutable and already has a value (RFC 7643 §2.2)`);
  }
  if (!attribute.required) return;
  if (after === undefined && before !== undefined) {
    throw new MutabilityError(`Attribute "${canonicalPath}" is required and cannot be removed (RFC 7644 §3.5.2.2)`);
  }
  if (after === '') throw new InvalidValueError(`Attribute "${canonicalPath}" is required and must not be empty`);
}
