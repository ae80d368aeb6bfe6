import { toDialect } from './sql-dialect';

describe('toDialect', () => {
  it('leaves SQLite statements as written', () => {
    expect(toDialect('SELECT ? AS a, ? AS b', 'sqlite')).toBe('SELECT ? AS a, ? AS b');
  });

  it('numbers PostgreSQL placeholders in order, the same on every call (renumbered once per text)', () => {
    const sql = 'SELECT id FROM scim_user WHERE tenant_id = ? AND id IN (?, ?, ?)';
    const first = toDialect(sql, 'postgres');
    expect(first).toBe('SELECT id FROM scim_user WHERE tenant_id = $1 AND id IN ($2, $3, $4)');
    expect(toDialect(sql, 'postgres')).toBe(first);
  });

  it('stays right when more statement shapes pass through than it keeps', () => {
    for (let n = 1; n <= 2_500; n++) {
      const sql = `SELECT ${Array.from({ length: (n % 7) + 1 }, () => '?').join(', ')} /* ${n} */`;
      const expected = `SELECT ${Array.from({ length: (n % 7) + 1 }, (_, i) => `$${i + 1}`).join(', ')} /* ${n} */`;
      expect(toDialect(sql, 'postgres')).toBe(expected);
    }
    expect(toDialect('SELECT ? /* 1 */', 'postgres')).toBe('SELECT $1 /* 1 */');
  });
});
