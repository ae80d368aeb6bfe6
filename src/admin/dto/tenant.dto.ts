import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, Length, Matches, ValidateIf } from 'class-validator';

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

export class CreateTenantDto {
  @ApiProperty({ example: 'Contoso', minLength: 1, maxLength: 200 })
  @IsString()
  @Length(1, 200)
  name: string;
}

/** Every field optional; `null` is only meaningful for entraTenantId (unlink). */
export class UpdateTenantDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: 200 })
  @ValidateIf((o: UpdateTenantDto) => o.name !== undefined)
  @IsString()
  @Length(1, 200)
  name?: string;

  @ApiPropertyOptional({ enum: ['active', 'disabled'], description: 'A disabled tenant gets 401 on every request; its data stays. Operator only.' })
  @ValidateIf((o: UpdateTenantDto) => o.status !== undefined)
  @IsIn(['active', 'disabled'])
  status?: 'active' | 'disabled';

  @ApiPropertyOptional({ nullable: true, example: '72f988bf-86f1-41af-91ab-2d7cd011db47',
    description: 'Entra tenant whose own JWTs may act for this tenant (blank Secret Token mode); null unlinks. Operator only.' })
  @ValidateIf((o: UpdateTenantDto) => o.entraTenantId !== undefined && o.entraTenantId !== null)
  @IsString()
  @Matches(GUID, { message: 'entraTenantId must be a GUID' })
  entraTenantId?: string | null;
}

export class TenantView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ['active', 'disabled'] }) status: string;
  @ApiProperty({ description: 'The operator tenant (created by the first start): its admin credentials manage every tenant' }) operator: boolean;
  @ApiProperty({ nullable: true, type: String }) entraTenantId: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ description: 'The Tenant URL to paste into Entra' }) tenantUrl: string;
}
