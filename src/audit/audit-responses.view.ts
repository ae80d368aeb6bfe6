import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { AuditEventView } from './audit-event.view';

export class AuditEventPage {
  @ApiProperty({ type: [AuditEventView] }) items: AuditEventView[];
  @ApiPropertyOptional({ description: 'Pass as `cursor` for the next page; absent on the last page' }) nextCursor?: string;
}

export class AuditHistoryPage extends AuditEventPage {
  @ApiProperty({ enum: ['User', 'Group'] }) resourceType: string;
  @ApiProperty() resourceId: string;
}

export class AuditActionCount {
  @ApiProperty({ example: 'user.created' }) action: string;
  @ApiProperty() success: number;
  @ApiProperty() failure: number;
}

export class AuditSummaryView {
  @ApiPropertyOptional({ nullable: true }) from: string | null;
  @ApiPropertyOptional({ nullable: true }) to: string | null;
  @ApiProperty() total: number;
  @ApiProperty() success: number;
  @ApiProperty() failure: number;
  @ApiProperty({ type: [AuditActionCount] }) actions: AuditActionCount[];
}

export class ChainPointView {
  @ApiProperty() seq: number;
  @ApiProperty() hash: string;
}

export class ChainBreakView {
  @ApiProperty({ description: 'Sequence number of the first event that fails verification (or is missing)' }) seq: number;
  @ApiPropertyOptional({ nullable: true, description: 'Its id (null when the event is missing)' }) eventId: string | null;
  @ApiProperty({ enum: ['missing', 'link', 'content', 'head'] }) problem: string;
  @ApiProperty() detail: string;
}

export class AuditVerifyView {
  @ApiProperty() tenantId: string;
  @ApiProperty({ description: 'True when every event from the anchor to the head is present, linked and unmodified' }) ok: boolean;
  @ApiProperty({ description: 'Events checked' }) checked: number;
  @ApiProperty({ type: ChainPointView, description: 'Where verification starts: the last pruned event (seq 0 = genesis)' }) anchor: ChainPointView;
  @ApiProperty({ type: ChainPointView, description: 'The newest event; keep it outside the database to detect a rewrite of the whole chain' }) head: ChainPointView;
  @ApiPropertyOptional({ type: ChainBreakView }) firstBroken?: ChainBreakView;
}
