import type { Db } from '../database/transaction-runner';
import { eventHash, GENESIS_HASH, HashedEventColumns } from './audit-hash';

/** An audit_event row as stored. */
export type AuditEventRow = HashedEventColumns & { hash: string };
/** An event before the chain gives it its place (seq) and link (prev_hash). */
export type AuditEventDraft = Omit<HashedEventColumns, 'seq' | 'prev_hash'>;

export const EVENT_COLUMNS: ReadonlyArray<keyof AuditEventRow> = [
  'id', 'tenant_id', 'seq', 'occurred_at', 'actor_id', 'actor_type', 'actor_name', 'source_ip', 'request_id', 'method',
  'route', 'resource_type', 'resource_id', 'action', 'outcome', 'status', 'scim_type', 'changes', 'members', 'quirks',
  'prev_hash', 'hash',
];
const INSERT_EVENT = `INSERT INTO audit_event (${EVENT_COLUMNS.join(', ')}) VALUES (${EVENT_COLUMNS.map(() => '?').join(', ')})`;

export interface ChainHead {
  seq: number;
  hash: string;
  anchor_seq: number;
  anchor_hash: string;
}

/**
 * The tenant's chain head, locked for the rest of the transaction. On PostgreSQL `FOR UPDATE`
 * makes concurrent writers of one tenant (any replica) queue here, so two events can never take
 * the same seq or link to the same predecessor; on SQLite TransactionRunner already serialises
 * writes. The row is created on the tenant's first event; `ON CONFLICT DO NOTHING` lets two
 * first writers race safely (the loser then waits on the winner's lock).
 */
export async function lockChainHead(db: Db, tenantId: string, now: string): Promise<ChainHead> {
  const select = `SELECT seq, hash, anchor_seq, anchor_hash FROM audit_chain_head WHERE tenant_id = ?${db.dialect === 'postgres' ? ' FOR UPDATE' : ''}`;
  const head = await db.one<ChainHead>(select, [tenantId]);
  if (head) return head;
  await db.execute(
    'INSERT INTO audit_chain_head (tenant_id, seq, hash, anchor_seq, anchor_hash, updated_at) VALUES (?, 0, ?, 0, ?, ?) ON CONFLICT (tenant_id) DO NOTHING',
    [tenantId, GENESIS_HASH, GENESIS_HASH, now],
  );
  const created = await db.one<ChainHead>(select, [tenantId]);
  if (!created) throw new Error(`audit chain head of tenant ${tenantId} could not be created`);
  return created;
}

/** Appends an event to its tenant's chain: one indexed insert and one head-row update. */
export async function appendEvent(db: Db, draft: AuditEventDraft, now: string): Promise<AuditEventRow> {
  const head = await lockChainHead(db, draft.tenant_id, now);
  const linked: HashedEventColumns = { ...draft, seq: head.seq + 1, prev_hash: head.hash };
  const row: AuditEventRow = { ...linked, hash: eventHash(linked) };
  await db.execute(INSERT_EVENT, EVENT_COLUMNS.map((c) => row[c]));
  await db.execute('UPDATE audit_chain_head SET seq = ?, hash = ?, updated_at = ? WHERE tenant_id = ?', [row.seq, row.hash, now, row.tenant_id]);
  return row;
}
