import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { GroupMembersRepository } from './group-members.repository';
import { GroupsController } from './groups.controller';
import { GroupsRepository } from './groups.repository';
import { GroupsService } from './groups.service';

@Module({
  imports: [AuthModule],
  controllers: [GroupsController],
  providers: [GroupsService, GroupsRepository, GroupMembersRepository],
  exports: [GroupsService],
})
export class GroupsModule {}
