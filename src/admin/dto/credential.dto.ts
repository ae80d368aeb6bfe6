import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsIn, IsInt, IsString, Length, Max, Min, ValidateIf } from 'class-validator';
import { Scope, SCOPES } from '../../auth/principal';

/** Shared by secret tokens and OAuth clients: both are named, scoped and expire. */
class NewCredentialDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: 200, example: 'Entra provisioning' })
  @ValidateIf((o: NewCredentialDto) => o.name !== undefined)
  @IsString()
  @Length(1, 200)
  name?: string;

  @ApiPropertyOptional({ enum: SCOPES, isArray: true, default: ['scim:read', 'scim:write'] })
  @ValidateIf((o: NewCredentialDto) => o.scopes !== undefined)
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(SCOPES.length)
  @IsIn(SCOPES, { each: true })
  scopes?: Scope[];

  @ApiPropertyOptional({ minimum: 0, maximum: 3650, description: 'Lifetime in days; 0 = never expires; default TOKEN_TTL_DAYS (365)' })
  @ValidateIf((o: NewCredentialDto) => o.expiresInDays !== undefined)
  @IsInt()
  @Min(0)
  @Max(3650)
  expiresInDays?: number;
}

export class IssueTokenDto extends NewCredentialDto {}
export class CreateClientDto extends NewCredentialDto {}

export class TokenView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) tenantId: string;
  @ApiProperty() name: string;
  @ApiProperty({ description: 'Prefix and first characters, to recognise the token; never the secret' }) hint: string;
  @ApiProperty({ enum: SCOPES, isArray: true }) scopes: string[];
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) expiresAt: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) revokedAt: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) lastUsedAt: string | null;
}

export class IssuedTokenView {
  @ApiProperty({ type: TokenView }) token: TokenView;
  @ApiProperty({ description: 'The secret token (scimb_…). Shown once; only its SHA-256 is stored.' }) secretToken: string;
  @ApiProperty() tenantUrl: string;
}

export class ClientView {
  @ApiProperty({ format: 'uuid', description: 'The OAuth client_id' }) clientId: string;
  @ApiProperty({ format: 'uuid' }) tenantId: string;
  @ApiProperty() name: string;
  @ApiProperty({ description: 'Prefix and first characters of the secret' }) secretHint: string;
  @ApiProperty({ enum: SCOPES, isArray: true }) scopes: string[];
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) expiresAt: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) revokedAt: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) lastUsedAt: string | null;
}

export class CreatedClientView {
  @ApiProperty({ type: ClientView }) client: ClientView;
  @ApiProperty({ description: 'The client secret (scimbcs_…). Shown once; only its SHA-256 is stored.' }) clientSecret: string;
  @ApiProperty({ description: 'The token endpoint (client credentials grant)' }) tokenUrl: string;
  @ApiProperty() tenantUrl: string;
}
