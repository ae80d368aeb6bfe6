import { QueryFailedError } from 'typeorm';
import { toScimErrorResponse } from '../common/scim-error-response';

// Issue 6 §3: what each database failure becomes for the SCIM client. Outages are 503 +
// Retry-After (Entra retries), values the database cannot hold are 400, nothing is a 500.
const driver = (code: string | undefined, message: string) => Object.assign(new Error(message), code ? { code } : {});
const wrapped = (e: Error) => new QueryFailedError('SELECT 1', [], e);

describe('database faults as SCIM errors', () => {
  it.each([
    ['PostgreSQL refused', driver('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432')],
    ['PostgreSQL killed the backend', wrapped(driver('57P01', 'terminating connection due to administrator command'))],
    ['connection lost mid-query', wrapped(driver(undefined, 'Connection terminated unexpectedly'))],
    ['pool acquisition timed out', driver(undefined, 'timeout exceeded when trying to connect')],
    ['hung server (client query_timeout)', wrapped(driver(undefined, 'Query read timeout'))],
    ['statement_timeout', wrapped(driver('57014', 'canceling statement due to statement timeout'))],
    ['SQLite locked', wrapped(driver('SQLITE_BUSY', 'database is locked'))],
    ['SQLite disk full', wrapped(driver('SQLITE_FULL', 'database or disk is full'))],
    ['SQLite I/O error', wrapped(driver('SQLITE_IOERR_WRITE', 'disk I/O error'))],
  ])('%s → 503 + Retry-After', (_name, err) => {
    const { error, headers } = toScimErrorResponse(err);
    expect(error.toBody()).toMatchObject({ status: '503' });
    expect(headers['retry-after']).toMatch(/^\d+$/);
  });

  it('a value too large for its index row (PostgreSQL 54000) → 400 invalidValue', () => {
    const { error } = toScimErrorResponse(wrapped(driver('54000', 'index row requires 12080 bytes, maximum size is 8191')));
    expect(error.toBody()).toMatchObject({ status: '400', scimType: 'invalidValue' });
    expect(JSON.stringify(error.toBody())).not.toContain('index row');
  });
});
