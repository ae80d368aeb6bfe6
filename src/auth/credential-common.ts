import { InvalidValueError } from '@app/scim-core';
import { Scope, SCOPES } from './principal';

/** Pieces shared by secret tokens and OAuth clients: scopes, expiry, liveness, last use. */

export function checkScopes(scopes: readonly string[]): Scope[] {
  if (scopes.length === 0) throw new InvalidValueError('At least one scope is required');
  for (const s of scopes) if (!SCOPES.includes(s as Scope)) throw new InvalidValueError(`Unknown scope "${s}"`);
  return [...new Set(scopes as Scope[])];
}

export function scopeList(stored: string): Scope[] {
  return stored.split(' ').filter((s): s is Scope => SCOPES.includes(s as Scope));
}

/** Expiry `days` after `now`; 0 = never (RFC-free policy: TOKEN_TTL_DAYS, default 365). */
export function expiryAfter(now: Date, days: number): string | null {
  return days > 0 ? new Date(now.getTime() + days * 86_400_000).toISOString() : null;
}

/** Not revoked, not expired, and the tenant is active: checked on every request, never cached. */
export function isLive(row: { revoked_at: string | null; expires_at: string | null; tenant_status?: string }, now: Date): boolean {
  if (row.revoked_at || row.tenant_status !== 'active') return false;
  return !row.expires_at || Date.parse(row.expires_at) > now.getTime();
}

const LAST_USED_RESOLUTION_MS = 60_000;

/**
 * last_used_at is kept to the minute: one write per credential per minute, not per request, and
 * off the request path (a failed write only means the next request tries again).
 */
export class LastUsedRecorder {
  private readonly lastTouched = new Map<string, number>();

  constructor(private readonly write: (id: string, at: string) => Promise<unknown>) {}

  touch(id: string, now: Date): void {
    const last = this.lastTouched.get(id) ?? 0;
    if (now.getTime() - last < LAST_USED_RESOLUTION_MS) return;
    if (this.lastTouched.size > 100_000) this.lastTouched.clear();
    this.lastTouched.set(id, now.getTime());
    this.write(id, now.toISOString()).catch(() => this.lastTouched.delete(id));
  }
}
