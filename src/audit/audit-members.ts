import type { AuditChange } from './audit.types';

/** At most this many ids of each list are kept; counts are always exact. */
export const MEMBER_IDS_KEPT = 1000;

/** The membership part of an event (a 100k-member PUT must not write a 4 MB audit row). */
export interface AuditMembers {
  added: string[];
  removed: string[];
  skipped: string[];
  /** Every existing member was removed first (PUT, or PATCH remove of `members`). */
  removedAll: boolean;
  addedCount: number;
  removedCount: number;
  skippedCount: number;
  /** True when some id list was cut to MEMBER_IDS_KEPT. */
  truncated: boolean;
}

export function auditMembers(members: AuditChange['members']): AuditMembers | undefined {
  if (!members) return undefined;
  const { added, removed, skipped, removedAll } = members;
  if (!added.length && !removed.length && !skipped.length && !removedAll) return undefined;
  return {
    added: added.slice(0, MEMBER_IDS_KEPT),
    removed: removed.slice(0, MEMBER_IDS_KEPT),
    skipped: skipped.slice(0, MEMBER_IDS_KEPT),
    removedAll,
    addedCount: added.length,
    removedCount: removed.length,
    skippedCount: skipped.length,
    truncated: [added, removed, skipped].some((l) => l.length > MEMBER_IDS_KEPT),
  };
}
