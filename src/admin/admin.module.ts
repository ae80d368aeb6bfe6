import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { AdminAccessService } from './admin-access.service';
import { AdminService } from './admin.service';
import { CredentialsAdminController } from './credentials-admin.controller';
import { TenantsAdminController } from './tenants-admin.controller';

/** The admin API under /api/v1 (`admin` scope): tenants, their secret tokens and OAuth clients. */
@Module({
  imports: [AuthModule],
  controllers: [TenantsAdminController, CredentialsAdminController],
  providers: [AdminService, AdminAccessService],
})
export class AdminModule {}
