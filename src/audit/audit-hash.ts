import { createHash } from 'node:crypto';

/** prev_hash of a tenant's first event: 64 zeros. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * JSON with object keys sorted (recursively) and JSON.stringify's rules otherwise (undefined
 * properties omitted, undefined array items as null), so the same content always hashes the same.
 * Written as one pass into one string (no per-level arrays of parts): it runs for every audited
 * write (docs/BENCHMARKS.md "Audit cost").
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out += ',';
      const item: unknown = value[i];
      out += item === undefined ? 'null' : canonicalJson(item);
    }
    return `${out}]`;
  }
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj);
  if (keys.length > 1) keys.sort();
  let out = '{';
  let first = true;
  for (const k of keys) {
    const v = obj[k];
    if (v === undefined || typeof v === 'function') continue;
    out += `${first ? '' : ','}${JSON.stringify(k)}:${canonicalJson(v)}`;
    first = false;
  }
  return `${out}}`;
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

/** HASHED_COLUMNS in canonicalJson's key order, each with its `"key":` prefix. */
const CANONICAL_ORDER = [...HASHED_COLUMNS].sort().map((column) => ({ column, prefix: `${JSON.stringify(column)}:` }));

/** `"column":value` of the i-th column in canonical order (columns are strings, numbers or null). */
function canonicalMember(row: Partial<HashedEventColumns>, i: number): string {
  const { column, prefix } = CANONICAL_ORDER[i];
  const v: unknown = row[column];
  return `${prefix}${v === undefined || v === null ? 'null' : typeof v === 'object' ? canonicalJson(v) : (JSON.stringify(v) ?? 'null')}`;
}

/**
 * The canonical JSON of an event's content (all hashed columns but prev_hash, which is chained):
 * exactly `canonicalJson` of the object of those columns (absent ones as null), written in one pass
 * over the pre-sorted column list.
 */
export function eventCanonical(row: Omit<HashedEventColumns, 'prev_hash'>): string {
  let out = '{';
  for (let i = 0; i < CANONICAL_ORDER.length; i++) out += `${i > 0 ? ',' : ''}${canonicalMember(row, i)}`;
  return `${out}}`;
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

/** Where `seq` falls in CANONICAL_ORDER. */
const SEQ_AT = CANONICAL_ORDER.findIndex((c) => c.column === 'seq');

/**
 * The canonical JSON split around the value of `seq` (`prefix + seq + suffix` = eventCanonical of
 * the event with that seq), so PostgreSQL can hash an event whose seq it assigns in the same
 * statement. Written in the same single pass as eventCanonical.
 */
export function canonicalAroundSeq(row: Omit<HashedEventColumns, 'prev_hash' | 'seq'>): { prefix: string; suffix: string } {
  let prefix = '{';
  for (let i = 0; i < SEQ_AT; i++) prefix += `${canonicalMember(row, i)},`;
  prefix += CANONICAL_ORDER[SEQ_AT].prefix;
  let suffix = '';
  for (let i = SEQ_AT + 1; i < CANONICAL_ORDER.length; i++) suffix += `,${canonicalMember(row, i)}`;
  return { prefix, suffix: `${suffix}}` };
}
