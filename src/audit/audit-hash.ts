import { createHash } from 'node:crypto';

/** prev_hash of a tenant's first event: 64 zeros. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * JSON with object keys sorted (recursively) and JSON.stringify's rules otherwise (undefined
 * properties omitted, undefined array items as null), so the same content always hashes the same.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const parts = Object.keys(obj).sort()
    .filter((k) => obj[k] !== undefined && typeof obj[k] !== 'function')
    .map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`);
  return `{${parts.join(',')}}`;
}

/** The stored columns of an event, as the hash sees them (everything but `hash` itself). */
export interface HashedEventColumns {
  id: string;
  tenant_id: string;
  seq: number;
  occurred_at: string;
  actor_id: string | null;
  actor_type: string;
  actor_name: string | null;
  source_ip: string | null;
  request_id: string | null;
  method: string;
  route: string;
  resource_type: string | null;
  resource_id: string | null;
  action: string;
  outcome: string;
  status: number;
  scim_type: string | null;
  changes: string | null;
  members: string | null;
  quirks: string | null;
  prev_hash: string;
}

const HASHED_COLUMNS: ReadonlyArray<Exclude<keyof HashedEventColumns, 'prev_hash'>> = [
  'id', 'tenant_id', 'seq', 'occurred_at', 'actor_id', 'actor_type', 'actor_name', 'source_ip', 'request_id', 'method',
  'route', 'resource_type', 'resource_id', 'action', 'outcome', 'status', 'scim_type', 'changes', 'members', 'quirks',
];

/** The canonical JSON of an event's content (all hashed columns but prev_hash, which is chained). */
export function eventCanonical(row: Omit<HashedEventColumns, 'prev_hash'>): string {
  const content: Record<string, unknown> = {};
  for (const c of HASHED_COLUMNS) content[c] = row[c] ?? null;
  return canonicalJson(content);
}

/**
 * SHA-256 over the previous hash, a newline and the canonical JSON of the event's columns. The
 * columns are taken exactly as stored (JSON columns as their text), so verification needs no
 * re-parsing and a database that round-trips text cannot change the result. `seq` and
 * `tenant_id` are covered: moving an event to another position or tenant breaks the chain.
 */
export function eventHash(row: HashedEventColumns): string {
  return sha256Hex(`${row.prev_hash}\n${eventCanonical(row)}`);
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

const SEQ_SENTINEL = -1;

/**
 * The canonical JSON split around the value of `seq` (`prefix + seq + suffix`), so PostgreSQL can
 * hash an event whose seq it assigns in the same statement. Unambiguous: inside JSON string
 * values every `"` is escaped, so the unescaped key `"seq":-1` occurs exactly once.
 */
export function canonicalAroundSeq(row: Omit<HashedEventColumns, 'prev_hash' | 'seq'>): { prefix: string; suffix: string } {
  const text = eventCanonical({ ...row, seq: SEQ_SENTINEL });
  const marker = `"seq":${SEQ_SENTINEL}`;
  const at = text.indexOf(marker);
  return { prefix: text.slice(0, at + marker.length - String(SEQ_SENTINEL).length), suffix: text.slice(at + marker.length) };
}
