import { InvalidValueError, recomputeSchemas, SchemaRegistry } from '@app/scim-core';
import { etagOf } from './etag';

/** Server-owned keys that never go into the stored document (RFC 7643 §3.1). */
const SERVER_KEYS = new Set(['id', 'meta', 'schemas', 'groups', 'members']);

/** Length of the dedicated varchar(512) columns (user_name, display_name, external_id). */
export const MAX_COLUMN_CHARS = 512;

/** The same refusal on both engines (SQLite would store a longer value, PostgreSQL would not). */
export function assertColumnValue(attribute: string, value: string | null): void {
  if (value !== null && value.length > MAX_COLUMN_CHARS) {
    throw new InvalidValueError(`"${attribute}" is longer than ${MAX_COLUMN_CHARS} characters`);
  }
}

/** NFC + lower-case: the form unique indexes compare (RFC 7644 §7.8). */
export function normalizedKey(s: string): string {
  return s.normalize('NFC').toLowerCase();
}

/** The stored document: the client's attributes, without server-owned keys. */
export function toDoc(resource: Record<string, unknown>): string {
  const doc: Record<string, unknown> = {};
  for (const key of Object.keys(resource)) if (!SERVER_KEYS.has(key)) doc[key] = resource[key];
  return JSON.stringify(doc);
}

export interface MetaColumns {
  id: string;
  version: number;
  created_at: string;
  updated_at: string;
  doc: string;
}

/**
 * The SCIM representation of a stored row, built field by field: `schemas` from the data present,
 * `id`, the document's attributes, then `meta` with location and version (RFC 7643 §3.1).
 */
export function toScimResource(row: MetaColumns, resourceType: 'User' | 'Group', location: string,
  registry: SchemaRegistry, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const doc = JSON.parse(row.doc) as Record<string, unknown>;
  const resource: Record<string, unknown> = { schemas: [], id: row.id };
  for (const key of Object.keys(doc)) resource[key] = doc[key];
  for (const key of Object.keys(extra)) resource[key] = extra[key];
  resource.meta = { resourceType, created: row.created_at, lastModified: row.updated_at, location, version: etagOf(row.version) };
  return recomputeSchemas(resource, registry, resourceType);
}
