import { InvalidValueError } from '../errors/scim-error';
import { URN } from '../messages/urns';
import type { NormalizedPatchOperation, PatchOpName } from '../messages/patch-request';
import { findOwnKey, getOwn, isPlainObject } from '../resource/own-properties';
import { formatPatchTarget, type PatchTarget } from './patch-target';
import { isClearingValue, type QuirkLog } from './normalize-value';

/** The enterprise `manager` (RFC 7643 §4.3), the one reference attribute Entra sends in 4 shapes. */
export function isManagerTarget(target: PatchTarget): boolean {
  return target.resolved.schemaId === URN.ENTERPRISE_USER && target.resolved.attribute.name === 'manager';
}

/**
 * Entra's manager forms (entra-scim.md Q9) → RFC operations on `urn:…:enterprise:2.0:User:manager`:
 * - `Add manager [{"$ref": …, "value": id}]` (S1 Example 5), `Add urn:…:manager "id"`,
 *   `replace manager {value}` → remove + add of `{value, $ref?}`: a new manager replaces the
 *   whole reference, so a stale `$ref` never survives (a complex replace would merge);
 * - `Replace manager ""` / null / [] (the "remove" step of the MS manager test) → remove;
 * - `remove manager[value eq "id"]` → remove manager (a filter on a single-valued attribute,
 *   which strict libraries reject, scim-patch #453);
 * - `manager.value` with a string → kept; with "" / null → remove manager.
 */
export function normalizeManager(op: PatchOpName, target: PatchTarget, value: unknown, quirks: QuirkLog): NormalizedPatchOperation[] {
  const path = target.resolved.canonicalPath;
  const wholeValueForm = !target.sub && (typeof value === 'string' || Array.isArray(value));
  const entraForm = target.unqualifiedExtension || Boolean(target.filter) || wholeValueForm;
  if (entraForm || (!target.sub && isClearingValue(value))) quirks.add('Q9-manager-form');
  else if (op !== 'remove' && isClearingValue(value)) quirks.add('Q12-empty-clears');
  if (op === 'remove') return [{ op: 'remove', path: target.sub ? `${path}.${target.sub.name}` : path }];
  if (target.sub) {
    if (target.sub.name === 'value' && isClearingValue(value)) return [{ op: 'remove', path }];
    const subPath = `${path}.${target.sub.name}`;
    return isClearingValue(value) ? [{ op: 'remove', path: subPath }] : [{ op, path: subPath, value }];
  }
  const reference = managerReference(value);
  if (!reference) return [{ op: 'remove', path }];
  const add: NormalizedPatchOperation = { op: 'add', path, value: reference };
  // An RFC-shaped `add urn:…:manager {…}` keeps its RFC meaning (merge); that is also what this
  // function emits, so normalizing twice changes nothing.
  return op === 'add' && !entraForm ? [add] : [{ op: 'remove', path }, add];
}

function managerReference(value: unknown): Record<string, string> | undefined {
  let item = value;
  if (Array.isArray(value)) {
    if (value.length > 1) throw new InvalidValueError('manager is single-valued: send at most one {"value": "<id>"}');
    item = value[0];
  }
  if (item === undefined || isClearingValue(item)) return undefined;
  if (typeof item === 'string') return { value: item };
  if (!isPlainObject(item)) throw new InvalidValueError('manager must be a user id or {"value": "<id>", "$ref": "<uri>"}');
  const idKey = findOwnKey(item, 'value');
  const id = idKey === undefined ? undefined : getOwn(item, idKey);
  if (id === undefined || isClearingValue(id)) return undefined;
  if (typeof id !== 'string') throw new InvalidValueError('manager.value must be a string (the manager\'s id)');
  const reference: Record<string, string> = { value: id };
  const refKey = findOwnKey(item, '$ref');
  const ref = refKey === undefined ? undefined : getOwn(item, refKey);
  if (typeof ref === 'string' && ref !== '') reference.$ref = ref;
  return reference;
}

/**
 * `Remove members` WITH a value array (entra-scim.md G6/Q7, unflagged): remove only the listed
 * values, never the whole attribute (agent-bom#3687 wiped groups that way). Becomes one
 * `remove attr[value eq "<id>"]` per item, the flagged form; an empty list is a no-op.
 */
export function splitRemoveByValue(target: PatchTarget, value: unknown, quirks: QuirkLog): NormalizedPatchOperation[] {
  quirks.add(target.resolved.attribute.name === 'members' ? 'Q7-remove-members-by-value' : 'Q7-remove-by-value');
  const items = Array.isArray(value) ? value : [value];
  const base = formatPatchTarget(target);
  return items
    .filter((item) => item !== null && item !== undefined)
    .map((item) => ({ op: 'remove' as const, path: `${base}[value eq ${JSON.stringify(removalId(item))}]` }));
}

function removalId(item: unknown): string {
  const id = isPlainObject(item) ? getOwn(item, findOwnKey(item, 'value') ?? 'value') : item;
  if (typeof id === 'string') return id;
  throw new InvalidValueError('Each value of a remove-by-value operation must be {"value": "<id>"}');
}

/** Whether `remove attr` carries a value list that names the elements to remove (Q7). */
export function isRemoveByValue(op: PatchOpName, target: PatchTarget, value: unknown): boolean {
  const attr = target.resolved.attribute;
  const hasValueSub = attr.type === 'complex' && (attr.subAttributes ?? []).some((s) => s.name === 'value');
  return op === 'remove' && attr.multiValued && hasValueSub && !target.filter && !target.sub && value !== undefined && value !== null;
}
