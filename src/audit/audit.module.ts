import { Global, Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { AuditEventsRepository } from './audit-events.repository';
import { AuditQueryService } from './audit-query.service';
import { AuditRetentionService } from './audit-retention.service';
import { AuditVerifierService } from './audit-verifier.service';
import { AuditController } from './audit.controller';
import { AuditService } from './audit.service';

/** The audit trail: recording (global, used by the SCIM services), queries, verification, retention. */
@Global()
@Module({
  imports: [AuthModule],
  controllers: [AuditController],
  providers: [AuditService, AuditEventsRepository, AuditQueryService, AuditVerifierService, AuditRetentionService],
  exports: [AuditService, AuditVerifierService, AuditRetentionService],
})
export class AuditModule {}
