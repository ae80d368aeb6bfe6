import { Injectable } from '@nestjs/common';
import type { Db } from '../database/transaction-runner';
import { AuditEventRow, ChainHead, EVENT_COLUMNS } from './audit-chain';

const SELECT_EVENT = `SELECT ${EVENT_COLUMNS.join(', ')} FROM audit_event`;

/** Filters of the event list; all optional, all ANDed; times are ISO-8601 UTC strings. */
export interface EventFilter {
  resourceId?: string;
  resourceType?: string;
  action?: string;
  actorId?: string;
  outcome?: string;
  from?: string;
  to?: string;
}

const FILTER_COLUMNS: ReadonlyArray<[keyof EventFilter, string]> = [
  ['resourceId', 'resource_id = ?'], ['resourceType', 'resource_type = ?'], ['action', 'action = ?'],
  ['actorId', 'actor_id = ?'], ['outcome', 'outcome = ?'], ['from', 'occurred_at >= ?'], ['to', 'occurred_at < ?'],
];

function whereOf(tenantId: string, filter: EventFilter): { sql: string; params: unknown[] } {
  const clauses = ['tenant_id = ?'];
  const params: unknown[] = [tenantId];
  for (const [key, clause] of FILTER_COLUMNS) {
    if (filter[key] === undefined) continue;
    clauses.push(clause);
    params.push(filter[key]);
  }
  return { sql: clauses.join(' AND '), params };
}

/**
 * Reads of the audit trail. Every query is tenant-scoped and walks an index in seq order with a
 * keyset bound (never OFFSET), so a page costs the same on the first day and after a million events.
 */
@Injectable()
export class AuditEventsRepository {
  /** Newest first, below `beforeSeq`. */
  listNewestFirst(db: Db, tenantId: string, filter: EventFilter, beforeSeq: number | undefined, limit: number): Promise<AuditEventRow[]> {
    const w = whereOf(tenantId, filter);
    const seq = beforeSeq === undefined ? '' : ' AND seq < ?';
    const params = beforeSeq === undefined ? w.params : [...w.params, beforeSeq];
    return db.query<AuditEventRow>(`${SELECT_EVENT} WHERE ${w.sql}${seq} ORDER BY seq DESC LIMIT ?`, [...params, limit]);
  }

  /** Oldest first, above `afterSeq` and at most `maxSeq` (export snapshots, chain verification). */
  listOldestFirst(db: Db, tenantId: string, filter: EventFilter, afterSeq: number, limit: number, maxSeq?: number): Promise<AuditEventRow[]> {
    const w = whereOf(tenantId, filter);
    const upper = maxSeq === undefined ? '' : ' AND seq <= ?';
    const params = maxSeq === undefined ? [...w.params, afterSeq] : [...w.params, afterSeq, maxSeq];
    return db.query<AuditEventRow>(`${SELECT_EVENT} WHERE ${w.sql} AND seq > ?${upper} ORDER BY seq ASC LIMIT ?`, [...params, limit]);
  }

  /** Counts by action and outcome over a time range (uses the tenant+time index). */
  summary(db: Db, tenantId: string, filter: Pick<EventFilter, 'from' | 'to'>): Promise<Array<{ action: string; outcome: string; count: number }>> {
    const w = whereOf(tenantId, filter);
    return db.query(`SELECT action, outcome, CAST(COUNT(*) AS INTEGER) AS count FROM audit_event WHERE ${w.sql} GROUP BY action, outcome ORDER BY action, outcome`, w.params);
  }

  head(db: Db, tenantId: string): Promise<ChainHead | undefined> {
    return db.one<ChainHead>('SELECT seq, hash, anchor_seq, anchor_hash FROM audit_chain_head WHERE tenant_id = ?', [tenantId]);
  }

  /** Tenants that have an audit trail (every tenant with an event has a chain head). */
  async tenantsWithTrail(db: Db): Promise<string[]> {
    return (await db.query<{ tenant_id: string }>('SELECT tenant_id FROM audit_chain_head ORDER BY tenant_id')).map((r) => r.tenant_id);
  }

  /** seq, time and hash of the oldest events after the anchor: what pruning decides on. */
  oldest(db: Db, tenantId: string, afterSeq: number, limit: number): Promise<Array<{ seq: number; occurred_at: string; hash: string }>> {
    return db.query('SELECT seq, occurred_at, hash FROM audit_event WHERE tenant_id = ? AND seq > ? ORDER BY seq ASC LIMIT ?', [tenantId, afterSeq, limit]);
  }

  /** Deletes events up to `seq` and moves the anchor to it, in the caller's transaction. */
  async pruneThrough(db: Db, tenantId: string, seq: number, hash: string, now: string): Promise<number> {
    const n = await db.execute('DELETE FROM audit_event WHERE tenant_id = ? AND seq <= ?', [tenantId, seq]);
    await db.execute('UPDATE audit_chain_head SET anchor_seq = ?, anchor_hash = ?, updated_at = ? WHERE tenant_id = ?', [seq, hash, now, tenantId]);
    return n;
  }
}
