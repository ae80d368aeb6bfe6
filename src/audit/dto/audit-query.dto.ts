import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

/** A half-open time range [from, to) in ISO-8601; either end may be omitted. */
export class AuditTimeRangeDto {
  @ApiPropertyOptional({ description: 'Inclusive lower bound, ISO-8601 (e.g. 2026-01-01T00:00:00Z)' })
  @IsOptional() @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ description: 'Exclusive upper bound, ISO-8601' })
  @IsOptional() @IsISO8601({ strict: true })
  to?: string;
}

/** A page of a cursor-paginated list. */
export class AuditPageQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 1000, default: 100, description: 'Page size' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1000)
  limit?: number;

  @ApiPropertyOptional({ description: 'The nextCursor of the previous page' })
  @IsOptional() @IsString() @MaxLength(100)
  cursor?: string;
}

export class AuditEventsQueryDto extends AuditTimeRangeDto {
  @ApiPropertyOptional({ description: 'Only events about this resource id' })
  @IsOptional() @IsString() @MaxLength(512)
  resourceId?: string;

  @ApiPropertyOptional({ enum: ['User', 'Group'] })
  @IsOptional() @IsIn(['User', 'Group'])
  resourceType?: string;

  @ApiPropertyOptional({ example: 'user.disabled', description: 'Action name (user.created, group.members_added, …)' })
  @IsOptional() @Matches(/^[a-z]+\.[a-z_]+$/)
  action?: string;

  @ApiPropertyOptional({ description: 'Token or OAuth client id' })
  @IsOptional() @IsString() @MaxLength(200)
  actorId?: string;

  @ApiPropertyOptional({ enum: ['success', 'failure'] })
  @IsOptional() @IsIn(['success', 'failure'])
  outcome?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 1000, default: 100 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1000)
  limit?: number;

  @ApiPropertyOptional({ description: 'The nextCursor of the previous page' })
  @IsOptional() @IsString() @MaxLength(100)
  cursor?: string;
}

export class AuditHistoryParamsDto {
  @ApiProperty({ enum: ['Users', 'Groups'], description: 'Users or Groups (User / Group also accepted)' })
  @Matches(/^(users?|groups?)$/i)
  resourceType: string;

  @ApiProperty({ description: 'The resource id' })
  @IsString() @MaxLength(512)
  id: string;
}
