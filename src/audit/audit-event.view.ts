import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { AuditEventRow } from './audit-chain';

export class AuditActorView {
  @ApiPropertyOptional({ nullable: true, description: 'Token or OAuth client id (null when unauthenticated). Never a secret.' })
  id: string | null;

  @ApiProperty({ enum: ['token', 'oauth-client', 'entra', 'anonymous'] })
  type: string;

  @ApiPropertyOptional({ nullable: true })
  name: string | null;
}

export class AttributeChangeView {
  @ApiProperty({ example: 'name.familyName', description: 'Canonical attribute path; extension attributes are URN-qualified' })
  attribute: string;

  @ApiProperty({ nullable: true, description: 'Value before (null = absent); "[redacted]" for sensitive attributes' })
  before: unknown;

  @ApiProperty({ nullable: true, description: 'Value after (null = absent); "[redacted]" for sensitive attributes' })
  after: unknown;
}

/** One audit event as the API shows it, built field by field from the row. */
export class AuditEventView {
  @ApiProperty() id: string;
  @ApiProperty({ description: 'Position in the tenant\'s chain (1, 2, 3 … without gaps)' }) seq: number;
  @ApiProperty({ example: '2026-01-31T12:00:00.000Z' }) time: string;
  @ApiProperty({ type: AuditActorView }) actor: AuditActorView;
  @ApiPropertyOptional({ nullable: true }) sourceIp: string | null;
  @ApiPropertyOptional({ nullable: true }) requestId: string | null;
  @ApiProperty({ example: 'PATCH' }) method: string;
  @ApiProperty({ example: '/scim/v2/:tenantId/Users/:id' }) route: string;
  @ApiPropertyOptional({ nullable: true, enum: ['User', 'Group'] }) resourceType: string | null;
  @ApiPropertyOptional({ nullable: true }) resourceId: string | null;
  @ApiProperty({ example: 'user.disabled' }) action: string;
  @ApiProperty({ enum: ['success', 'failure'] }) outcome: string;
  @ApiProperty({ example: 200 }) status: number;
  @ApiPropertyOptional({ nullable: true, example: 'uniqueness' }) scimType: string | null;
  @ApiProperty({ type: [AttributeChangeView] }) changes: AttributeChangeView[];
  @ApiPropertyOptional({ nullable: true, description: 'Group membership changes: added/removed/skipped ids (first 1000 each) and exact counts' })
  members: Record<string, unknown> | null;

  @ApiProperty({ type: [String], description: 'Entra quirks the request needed normalising' }) quirks: string[];
  @ApiProperty() prevHash: string;
  @ApiProperty() hash: string;
}

function parsed<T>(text: string | null, fallback: T): T {
  return text === null ? fallback : (JSON.parse(text) as T);
}

export function toEventView(r: AuditEventRow): AuditEventView {
  return {
    id: r.id, seq: Number(r.seq), time: r.occurred_at,
    actor: { id: r.actor_id, type: r.actor_type, name: r.actor_name },
    sourceIp: r.source_ip, requestId: r.request_id, method: r.method, route: r.route,
    resourceType: r.resource_type, resourceId: r.resource_id, action: r.action, outcome: r.outcome,
    status: Number(r.status), scimType: r.scim_type,
    changes: parsed<AttributeChangeView[]>(r.changes, []),
    members: parsed<Record<string, unknown> | null>(r.members, null),
    quirks: parsed<string[]>(r.quirks, []),
    prevHash: r.prev_hash, hash: r.hash,
  };
}
