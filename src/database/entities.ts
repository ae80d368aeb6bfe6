import { ApiTokenEntity } from '../auth/api-token.entity';
import { TenantEntity } from '../auth/tenant.entity';
import { OAuthClientEntity } from '../auth/oauth/oauth-client.entity';
import { SigningKeyEntity } from '../auth/oauth/signing-key.entity';
import { GroupMemberEntity } from '../groups/group-member.entity';
import { GroupEntity } from '../groups/group.entity';
import { UserEntity } from '../users/user.entity';
import { AttributeValueEntity } from './attribute-value.entity';
import { AuditEventEntity } from '../audit/audit-event.entity';
import { AuditChainHeadEntity } from '../audit/audit-chain-head.entity';

export const ENTITIES = [TenantEntity, ApiTokenEntity, UserEntity, GroupEntity, GroupMemberEntity, AttributeValueEntity, OAuthClientEntity, SigningKeyEntity,
  AuditEventEntity, AuditChainHeadEntity];
