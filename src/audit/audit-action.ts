import type { AttributeChange } from './audit-diff';
import type { AuditChange, AuditResourceType } from './audit.types';

type Json = Record<string, unknown>;

const NOUN: Record<AuditResourceType, string> = { User: 'user', Group: 'group' };

/**
 * The action name of a successful change (issue 5), derived from what changed rather than from
 * the HTTP verb, so a PATCH and a PUT that disable a user both read `user.disabled`.
 */
export function actionOfChange(change: AuditChange, diff: AttributeChange[]): string {
  const noun = NOUN[change.resourceType];
  if (change.kind === 'create') return `${noun}.created`;
  if (change.kind === 'delete') return `${noun}.deleted`;
  return change.resourceType === 'User' ? userAction(change.before, change.after) : groupAction(change, diff);
}

function userAction(before: Json | undefined, after: Json | undefined): string {
  // A user without `active` counts as enabled: that is how the service creates users.
  const was = before?.active !== false;
  const now = after?.active !== false;
  if (was && !now) return 'user.disabled';
  if (!was && now) return 'user.enabled';
  return 'user.updated';
}

function groupAction(change: AuditChange, diff: AttributeChange[]): string {
  if (diff.some((c) => c.attribute === 'displayName')) return 'group.renamed';
  if (diff.length > 0) return 'group.updated';
  const m = change.members;
  const added = (m?.added.length ?? 0) > 0;
  const removed = (m?.removed.length ?? 0) > 0 || m?.removedAll === true;
  if (added && removed) return 'group.members_changed';
  if (added) return 'group.members_added';
  if (removed) return 'group.members_removed';
  return 'group.updated';
}

const VERB: Record<string, string> = { POST: 'created', PUT: 'updated', PATCH: 'updated', DELETE: 'deleted' };

/**
 * The action a refused request attempted, from its method and route: `POST /Users` →
 * `user.created`, `PATCH /Groups/{id}` → `group.updated`. A route that names no resource type
 * (an unknown path) is `resource.<verb>`.
 */
export function actionOfFailure(method: string, resourceType: AuditResourceType | undefined): string {
  const noun = resourceType ? NOUN[resourceType] : 'resource';
  return `${noun}.${VERB[method.toUpperCase()] ?? 'updated'}`;
}
