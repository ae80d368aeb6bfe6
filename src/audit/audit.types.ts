/** The contract between the SCIM services and the audit trail (issue 5). */
export type AuditResourceType = 'User' | 'Group';

/** What the request did, in protocol terms; the audit module derives the action name from it. */
export type AuditKind = 'create' | 'replace' | 'patch' | 'delete';

/**
 * A successful change, recorded in the SAME transaction as the change (so a rolled-back write
 * never appears as a success). `before`/`after` are full SCIM resources without `meta`
 * (undefined on create / delete).
 */
export interface AuditChange {
  kind: AuditKind;
  resourceType: AuditResourceType;
  resourceId: string;
  status: number;
  before?: Record<string, unknown>;
  after?: Record<string, unknown>;
  /** Group membership changes of this request (member ids). */
  members?: { added: string[]; removed: string[]; removedAll: boolean; skipped: string[] };
}
