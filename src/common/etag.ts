import { PreconditionFailedError } from '@app/scim-core';

/** meta.version and the ETag header (RFC 7644 §3.14): a weak tag over our integer version. */
export function etagOf(version: number): string {
  return `W/"${version}"`;
}

function tags(header: string): string[] {
  return header.split(',').map((t) => t.trim()).filter(Boolean);
}

/** If-Match: any listed tag (weak comparison) or `*` must match, else 412. Absent = no check. */
export function assertIfMatch(header: string | undefined, version: number): void {
  if (header === undefined || header === '') return;
  const current = etagOf(version);
  const ok = tags(header).some((t) => t === '*' || t === current || `W/${t}` === current);
  if (!ok) throw new PreconditionFailedError(`Resource version is ${current}`);
}

/** If-None-Match on GET: true when the client's copy is current (→ 304). */
export function notModified(header: string | undefined, version: number): boolean {
  if (!header) return false;
  const current = etagOf(version);
  return tags(header).some((t) => t === '*' || t === current || `W/${t}` === current);
}
