import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '../database/transaction-runner';
import type { AuditEventRow, ChainHead } from './audit-chain';
import { eventHash, GENESIS_HASH } from './audit-hash';
import { AuditEventsRepository } from './audit-events.repository';
import type { AuditVerifyView, ChainBreakView } from './audit-responses.view';

const BATCH = 1000;

/**
 * The first link that fails, for an event found at the expected position: a gap in seq means
 * deleted events; a prev_hash that is not the previous event's hash means an event was
 * reordered, replaced or its link edited; a hash that does not match the content means the
 * content was edited.
 */
export function checkLink(row: AuditEventRow, expectedSeq: number, prevHash: string): ChainBreakView | undefined {
  const seq = Number(row.seq);
  if (seq > expectedSeq) {
    const range = seq - 1 > expectedSeq ? `${expectedSeq}–${seq - 1}` : `${expectedSeq}`;
    return { seq: expectedSeq, eventId: null, problem: 'missing', detail: `event(s) ${range} missing: deleted (the next event present is ${seq}, ${row.id})` };
  }
  if (row.prev_hash !== prevHash) {
    return { seq, eventId: row.id, problem: 'link', detail: 'prev_hash is not the hash of the previous event: reordered, replaced, or its link edited' };
  }
  if (eventHash(row) !== row.hash) {
    return { seq, eventId: row.id, problem: 'content', detail: 'content does not match its hash: the event was edited' };
  }
  return undefined;
}

/** The chain must end where the head says, else events at the end were deleted (or the head edited). */
function checkHead(head: ChainHead, lastSeq: number, lastHash: string): ChainBreakView | undefined {
  if (head.seq > lastSeq) {
    const range = head.seq > lastSeq + 1 ? `${lastSeq + 1}–${head.seq}` : `${head.seq}`;
    return { seq: lastSeq + 1, eventId: null, problem: 'missing', detail: `event(s) ${range} missing: deleted from the end of the chain` };
  }
  if (head.seq !== lastSeq || head.hash !== lastHash) {
    return { seq: head.seq, eventId: null, problem: 'head', detail: 'the chain head does not match the newest event: the head row was edited' };
  }
  return undefined;
}

/** Verifies a tenant's hash chain from its anchor (genesis, or the last pruned event) to its head. */
@Injectable()
export class AuditVerifierService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly repo: AuditEventsRepository,
  ) {}

  /** A break seen while a pruner moved the anchor is re-checked once from the new anchor. */
  async verify(tenantId: string): Promise<AuditVerifyView> {
    const first = await this.verifyOnce(tenantId);
    if (first.ok) return first;
    const head = await this.tx.read((db) => this.repo.head(db, tenantId));
    return head && Number(head.anchor_seq) !== first.anchor.seq ? this.verifyOnce(tenantId) : first;
  }

  private async verifyOnce(tenantId: string): Promise<AuditVerifyView> {
    const stored = await this.tx.read((db) => this.repo.head(db, tenantId));
    const head = stored ? { ...stored, seq: Number(stored.seq), anchor_seq: Number(stored.anchor_seq) }
      : { seq: 0, hash: GENESIS_HASH, anchor_seq: 0, anchor_hash: GENESIS_HASH };
    let expected = head.anchor_seq + 1;
    let prevHash = head.anchor_hash;
    let checked = 0;
    const result = (firstBroken?: ChainBreakView): AuditVerifyView => ({
      tenantId, ok: !firstBroken, checked, anchor: { seq: head.anchor_seq, hash: head.anchor_hash },
      head: { seq: head.seq, hash: head.hash }, ...(firstBroken ? { firstBroken } : {}),
    });
    for (;;) {
      // Bounded by the head read above: events appended meanwhile are not this check's business.
      const rows = await this.tx.read((db) => this.repo.listOldestFirst(db, tenantId, {}, expected - 1, BATCH, head.seq));
      for (const row of rows) {
        const broken = checkLink(row, expected, prevHash);
        if (broken) return result(broken);
        checked++;
        expected = Number(row.seq) + 1;
        prevHash = row.hash;
      }
      if (rows.length < BATCH) break;
    }
    return result(checkHead(head, expected - 1, prevHash));
  }
}
