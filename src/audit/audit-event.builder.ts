import { randomUUID } from 'node:crypto';
import type { Principal } from '../auth/principal';
import type { ScimCall } from '../common/scim-call';
import type { AttributeChange } from './audit-diff';
import type { AuditEventDraft } from './audit-chain';
import { canonicalJson } from './audit-hash';
import type { FailedRequest, FailureTarget } from './audit-failure';
import type { AuditMembers } from './audit-members';

/** Cuts text to its column's length: an over-long header must not fail the write it records. */
function clip(value: string | undefined | null, max: number): string | null {
  if (value === undefined || value === null || value === '') return null;
  return value.length > max ? value.slice(0, max) : value;
}

const json = (v: unknown): string | null => (v === undefined ? null : canonicalJson(v));
const quirksOf = (q: readonly string[] | undefined): string | null => (q && q.length ? canonicalJson([...new Set(q)]) : null);

function actorColumns(p: Principal | undefined) {
  return p
    ? { actor_id: clip(p.actorId, 200), actor_type: p.actorType, actor_name: clip(p.actorName, 200) }
    : { actor_id: null, actor_type: 'anonymous', actor_name: null };
}

export interface ChangeFacts {
  resourceType: string;
  resourceId: string;
  status: number;
  action: string;
  diff: AttributeChange[];
  members?: AuditMembers;
}

export function changeDraft(call: ScimCall, facts: ChangeFacts, now: string): AuditEventDraft {
  return {
    id: randomUUID(), tenant_id: call.principal.tenantId, occurred_at: now, ...actorColumns(call.principal),
    source_ip: clip(call.ip, 64), request_id: clip(call.requestId, 128), method: clip(call.method, 8) ?? 'POST',
    route: clip(call.route, 300) ?? '', resource_type: facts.resourceType, resource_id: clip(facts.resourceId, 512),
    action: facts.action, outcome: 'success', status: facts.status, scim_type: null,
    changes: json(facts.diff), members: json(facts.members), quirks: quirksOf(call.quirks),
  };
}

export interface FailureFacts {
  tenantId: string;
  principal?: Principal;
  target: FailureTarget;
  action: string;
  status: number;
  scimType?: string;
}

export function failureDraft(req: FailedRequest, facts: FailureFacts, now: string): AuditEventDraft {
  return {
    id: randomUUID(), tenant_id: facts.tenantId, occurred_at: now, ...actorColumns(facts.principal),
    source_ip: clip(req.ip, 64), request_id: clip(req.id, 128), method: clip(req.method.toUpperCase(), 8) ?? 'POST',
    route: clip(facts.target.route, 300) ?? '', resource_type: facts.target.resourceType ?? null,
    resource_id: clip(facts.target.resourceId, 512), action: facts.action, outcome: 'failure', status: facts.status,
    scim_type: clip(facts.scimType, 40), changes: null, members: null, quirks: quirksOf(req.scimPatch?.quirks),
  };
}
