/**
 * Classifies driver errors without importing driver types: SQLite (better-sqlite3) reports
 * string codes, PostgreSQL five-character SQLSTATEs, and node-postgres network failures carry
 * errno codes. TypeORM wraps them in QueryFailedError with `driverError`.
 */
function codesOf(err: unknown): string[] {
  const out: string[] = [];
  let cur: unknown = err;
  for (let i = 0; i < 4 && cur && typeof cur === 'object'; i++) {
    const c = (cur as { code?: unknown }).code;
    if (typeof c === 'string') out.push(c);
    cur = (cur as { driverError?: unknown; cause?: unknown }).driverError ?? (cur as { cause?: unknown }).cause;
  }
  return out;
}

function messageOf(err: unknown): string {
  return err && typeof err === 'object' && typeof (err as { message?: unknown }).message === 'string'
    ? (err as { message: string }).message
    : '';
}

/** A unique-index violation (→ 409 uniqueness). */
export function isUniqueViolation(err: unknown): boolean {
  return codesOf(err).some((c) => c === '23505' || c === 'SQLITE_CONSTRAINT_UNIQUE' || c === 'SQLITE_CONSTRAINT_PRIMARYKEY');
}

const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH',
  '57P01', '57P02', '57P03', '53300', '08000', '08001', '08003', '08004', '08006', '57014',
  'SQLITE_BUSY', 'SQLITE_BUSY_SNAPSHOT', 'SQLITE_BUSY_TIMEOUT', 'SQLITE_LOCKED', 'SQLITE_FULL', 'SQLITE_IOERR',
  'SQLITE_CANTOPEN', 'SQLITE_READONLY',
]);

/** The database is down, hung, locked or full (→ 503 + Retry-After, never a crash). */
export function isDatabaseUnavailable(err: unknown): boolean {
  if (codesOf(err).some((c) => UNAVAILABLE_CODES.has(c) || c.startsWith('SQLITE_IOERR'))) return true;
  const m = messageOf(err);
  return /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|connection is closed|Cannot use a pool after calling end/i.test(m);
}

/** Text the database cannot store or compare (PostgreSQL: NUL bytes, bad encodings) → 400, never 500. */
export function isInvalidText(err: unknown): boolean {
  return codesOf(err).some((c) => c === '22021' || c === '22P05' || c === '22P02');
}
