import { InvalidPathError } from '../errors/scim-error';
import type { PatchOpName } from '../messages/patch-request';
import type { MemberPlan } from './member-plan';
import { memberIdsFromFilter, readMembers } from './member-values';
import type { PatchContext } from './patch-types';
import type { PatchTarget } from './patch-target';
import { canonicalizeFilter } from './value-filter-rules';

/** Group `members` (RFC 7643 §4.2): planned, never applied to an in-memory list (DESIGN.md §5). */
export function isGroupMembers(target: PatchTarget, ctx: PatchContext): boolean {
  return ctx.resourceType.toLowerCase() === 'group' && !target.resolved.isExtension && target.resolved.attribute.name === 'members';
}

/**
 * The member operations Entra and the RFC use (entra-scim.md G5, G6, Q7, Q8):
 * - add members [{value}] → add (idempotent);
 * - replace members [...] → exactly those (validator "Remove Member"); [] or null → remove all;
 * - remove members[value eq "id"] → remove that id; remove members + value list → remove only
 *   the listed ids (unflagged Entra, never a wipe); remove members with no value → remove all.
 * Sub-attribute paths and filters on add/replace are rejected: without the member list they
 * cannot be evaluated.
 */
export function applyMembers(op: PatchOpName, target: PatchTarget, value: unknown, plan: MemberPlan): void {
  const path = target.resolved.canonicalPath;
  if (target.sub) throw new InvalidPathError(`"${path}.${target.sub.name}" cannot be patched; add or remove whole members`);
  if (target.filter && op !== 'remove') {
    throw new InvalidPathError(`"${op}" with a members filter is not supported; use remove with a filter, then add`);
  }
  if (op === 'add') return plan.add(readMembers(value, 'members'));
  if (op === 'replace') return plan.replace(readMembers(value, 'members'));
  if (target.filter) {
    const filter = canonicalizeFilter(target.filter, target.resolved.attribute, { mixedCase: false, stringBoolean: false });
    return plan.remove(memberIdsFromFilter(filter));
  }
  if (value === undefined || value === null) return plan.removeAll();
  plan.remove(readMembers(value, 'members').map((m) => m.value));
}
