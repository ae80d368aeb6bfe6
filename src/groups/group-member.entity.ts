import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One membership row. Adding or removing a member inserts or deletes just this row, so the cost
 * does not depend on the group's size (DESIGN.md §5).
 */
@Entity({ name: 'scim_group_member' })
@Index('ix_scim_group_member_member', ['tenantId', 'memberId'])
export class GroupMemberEntity {
  @PrimaryColumn({ name: 'group_id', type: 'varchar', length: 36 })
  groupId: string;

  @PrimaryColumn({ name: 'member_id', type: 'varchar', length: 36 })
  memberId: string;

  @Column({ name: 'tenant_id', type: 'varchar', length: 36 })
  tenantId: string;

  /** 'User' | 'Group' (RFC 7643 §4.2 members.type). */
  @Column({ name: 'member_type', type: 'varchar', length: 8 })
  memberType: string;

  @Column({ name: 'created_at', type: 'varchar', length: 32 })
  createdAt: string;
}
