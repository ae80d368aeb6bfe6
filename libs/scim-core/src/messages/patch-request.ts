import { InvalidSyntaxError, InvalidValueError } from '../errors/scim-error';
import { getOwn, hasOwn, isPlainObject } from '../resource/own-properties';
import { URN } from './urns';

/** The three PATCH operations of RFC 7644 §3.5.2, in canonical (lower) case. */
export type PatchOpName = 'add' | 'replace' | 'remove';

/**
 * One PATCH operation (RFC 7644 §3.5.2). `op` is kept as sent (Entra sends `Add`, `Replace`,
 * `Remove`, entra-scim.md Q1) so that normalizeEntraPatch can report the quirk; it has been
 * checked to be one of the three names case-insensitively.
 */
export interface PatchOperation {
  op: string;
  path?: string;
  value?: unknown;
}

/** An operation after normalizeEntraPatch: lower-case `op`, RFC-shaped path and value. */
export interface NormalizedPatchOperation extends PatchOperation {
  op: PatchOpName;
}

/** The PatchOp request message (RFC 7644 §3.5.2). */
export interface PatchRequest {
  schemas: string[];
  Operations: PatchOperation[];
}

const OP_NAMES: readonly PatchOpName[] = ['add', 'replace', 'remove'];

/** `Add` → `add`; undefined for anything that is not one of the three operations (Q1). */
export function canonicalOpName(op: unknown): PatchOpName | undefined {
  if (typeof op !== 'string') return undefined;
  const lower = op.toLowerCase();
  return OP_NAMES.find((name) => name === lower);
}

/**
 * Validates a PatchOp body and returns its operations (RFC 7644 §3.5.2). Key order is irrelevant
 * (Entra puts `schemas` after `Operations`, U7). Structure errors → invalidSyntax; an empty
 * `Operations` array, an unknown `op` or a missing `value` for add/replace → invalidValue
 * (RFC 7644 §3.12: "a required value was missing").
 */
export function parsePatchRequest(body: unknown): PatchOperation[] {
  if (!isPlainObject(body)) throw new InvalidSyntaxError('PATCH body must be a JSON object (RFC 7644 §3.5.2)');
  assertPatchOpSchema(getOwn(body, 'schemas'));
  const operations = getOwn(body, 'Operations');
  if (operations === undefined) throw new InvalidSyntaxError('PATCH body is missing "Operations" (RFC 7644 §3.5.2)');
  if (!Array.isArray(operations)) throw new InvalidSyntaxError('"Operations" must be an array (RFC 7644 §3.5.2)');
  if (operations.length === 0) throw new InvalidValueError('"Operations" must contain at least one operation (RFC 7644 §3.5.2)');
  return operations.map((operation, index) => parseOperation(operation, index));
}

function assertPatchOpSchema(schemas: unknown): void {
  if (!Array.isArray(schemas)) {
    throw new InvalidSyntaxError(`PATCH body must have "schemas": ["${URN.PATCH_OP}"] (RFC 7644 §3.5.2)`);
  }
  const wanted = URN.PATCH_OP.toLowerCase();
  if (!schemas.some((s) => typeof s === 'string' && s.toLowerCase() === wanted)) {
    throw new InvalidSyntaxError(`"schemas" must contain "${URN.PATCH_OP}" (RFC 7644 §3.5.2)`);
  }
}

function parseOperation(raw: unknown, index: number): PatchOperation {
  const where = `Operations[${index}]`;
  if (!isPlainObject(raw)) throw new InvalidSyntaxError(`${where} must be a JSON object`);
  const op = getOwn(raw, 'op');
  if (typeof op !== 'string') throw new InvalidSyntaxError(`${where}.op must be a string ("add", "replace" or "remove")`);
  const name = canonicalOpName(op);
  if (!name) throw new InvalidValueError(`${where}.op "${op}" is not one of "add", "replace", "remove" (RFC 7644 §3.5.2)`);
  const operation: PatchOperation = { op };
  const path = getOwn(raw, 'path');
  if (path !== undefined && path !== null) {
    if (typeof path !== 'string') throw new InvalidSyntaxError(`${where}.path must be a string`);
    // An empty path means "no path" (RFC 7644 §3.5.2 makes path optional for add/replace).
    if (path.trim() !== '') operation.path = path;
  }
  if (hasOwn(raw, 'value')) operation.value = getOwn(raw, 'value');
  if (name !== 'remove' && !hasOwn(raw, 'value')) {
    throw new InvalidValueError(`${where}: "${op}" requires a "value" (RFC 7644 §3.5.2.${name === 'add' ? 1 : 3})`);
  }
  return operation;
}
