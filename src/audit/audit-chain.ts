import type { Db } from '../database/transaction-runner';
import { canonicalAroundSeq, eventHash, GENESIS_HASH, HashedEventColumns, sha256Hex } from './audit-hash';

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

type Link = { seq: number; prev_hash: string; hash: string };
const DRAFT_COLUMNS = EVENT_COLUMNS.filter((c) => c !== 'seq' && c !== 'prev_hash' && c !== 'hash') as Array<keyof AuditEventDraft>;
const draftValue = (c: keyof AuditEventDraft) => (c === 'status' ? 'CAST(? AS INTEGER)' : '?');

/**
 * PostgreSQL, one round trip: lock the head, insert the event with the next seq and its hash
 * (computed by the database from the canonical text around the seq, see canonicalAroundSeq),
 * and move the head. Returns nothing when the tenant has no head yet.
 */
const PG_APPEND = `WITH prev AS (SELECT seq, hash FROM audit_chain_head WHERE tenant_id = ? FOR UPDATE),
ins AS (INSERT INTO audit_event (${DRAFT_COLUMNS.join(', ')}, seq, prev_hash, hash)
  SELECT ${DRAFT_COLUMNS.map(draftValue).join(', ')}, prev.seq + 1, prev.hash,
    encode(sha256(convert_to(prev.hash || ? || CAST(prev.seq + 1 AS TEXT) || ?, 'UTF8')), 'hex') FROM prev
  RETURNING seq, prev_hash, hash)
UPDATE audit_chain_head SET seq = ins.seq, hash = ins.hash, updated_at = ? FROM ins WHERE audit_chain_head.tenant_id = ?
RETURNING ins.seq AS seq, ins.prev_hash AS prev_hash, ins.hash AS hash`;

/**
 * Sent as a named prepared statement: each pooled connection parses and plans the append once
 * instead of on every write (≈ 0.25 ms of the ≈ 0.6 ms round trip, docs/BENCHMARKS.md "Audit cost").
 * The database's hash is checked against the same pieces hashed here, so an event whose stored
 * hash would not verify (an encoding difference, say) is never committed.
 */
async function appendPostgres(db: Db, draft: AuditEventDraft, now: string): Promise<AuditEventRow | undefined> {
  const { prefix, suffix } = canonicalAroundSeq(draft);
  const params = [draft.tenant_id, ...DRAFT_COLUMNS.map((c) => draft[c]), `\n${prefix}`, suffix, now, draft.tenant_id];
  const link = (await db.query<Link>(PG_APPEND, params, { prepareAs: 'scimbridge_audit_append' }))[0];
  if (!link) return undefined;
  if (sha256Hex(`${link.prev_hash}\n${prefix}${link.seq}${suffix}`) !== link.hash) {
    throw new Error(`audit event ${draft.id}: the hash PostgreSQL stored does not match its content`);
  }
  return completed(draft, Number(link.seq), link.prev_hash, link.hash);
}

/** The draft completed in place into the stored row (it is the caller's own object, built for this append). */
function completed(draft: AuditEventDraft, seq: number, prevHash: string, hash?: string): AuditEventRow {
  const row = draft as AuditEventRow;
  row.seq = seq;
  row.prev_hash = prevHash;
  row.hash = hash ?? eventHash(row);
  return row;
}

/** SQLite: writes are serialised in-process, and statements cost microseconds; keep it plain. */
async function appendSqlite(db: Db, draft: AuditEventDraft, now: string): Promise<AuditEventRow | undefined> {
  const head = await db.one<{ seq: number; hash: string }>('SELECT seq, hash FROM audit_chain_head WHERE tenant_id = ?', [draft.tenant_id]);
  if (!head) return undefined;
  const row = completed(draft, Number(head.seq) + 1, head.hash);
  const params = new Array<unknown>(EVENT_COLUMNS.length);
  for (let i = 0; i < EVENT_COLUMNS.length; i++) params[i] = row[EVENT_COLUMNS[i]];
  await db.execute(INSERT_EVENT, params);
  await db.execute('UPDATE audit_chain_head SET seq = ?, hash = ?, updated_at = ? WHERE tenant_id = ?', [row.seq, row.hash, now, row.tenant_id]);
  return row;
}

/**
 * Appends an event to its tenant's chain: one indexed insert and one head-row update (a single
 * statement on PostgreSQL). The head row is created on the tenant's first event. On PostgreSQL,
 * where the database computed the hash, appendPostgres checks it (a mismatch throws, and the
 * caller's change rolls back with it); on SQLite the stored hash is the one computed here.
 * The draft is the caller's to give away: it is completed into the returned row.
 */
export async function appendEvent(db: Db, draft: AuditEventDraft, now: string): Promise<AuditEventRow> {
  const append = db.dialect === 'postgres' ? appendPostgres : appendSqlite;
  const row = await append(db, draft, now);
  if (row) return row;
  await lockChainHead(db, draft.tenant_id, now);
  const created = await append(db, draft, now);
  if (!created) throw new Error(`audit chain head of tenant ${draft.tenant_id} is missing after it was created`);
  return created;
}
