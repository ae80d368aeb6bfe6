import { ApiTokenEntity } from '../auth/api-token.entity';
import { TenantEntity } from '../auth/tenant.entity';
import { GroupMemberEntity } from '../groups/group-member.entity';
import { GroupEntity } from '../groups/group.entity';
import { UserEntity } from '../users/user.entity';
import { AttributeValueEntity } from './attribute-value.entity';

export const ENTITIES = [TenantEntity, ApiTokenEntity, UserEntity, GroupEntity, GroupMemberEntity, AttributeValueEntity];
