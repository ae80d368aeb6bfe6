import { Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from './config/app-config';
import { AppConfigModule } from './config/app-config.module';
import { APP_CONFIG } from './config/app-config';
import { dataSourceOptions } from './database/data-source.options';
import { DatabaseModule } from './database/database.module';
import { ScimExceptionFilter } from './common/scim-exception.filter';
import { AuthModule } from './auth/auth.module';
import { AdminModule } from './admin/admin.module';
import { SchemasModule } from './schemas/schemas.module';
import { UsersModule } from './users/users.module';
import { GroupsModule } from './groups/groups.module';
import { HealthModule } from './health/health.module';
import { ObservabilityModule } from './observability/observability.module';
import { AuditModule } from './audit/audit.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig) {
    return {
      module: AppModule,
      imports: [
        AppConfigModule.forRoot(config),
        TypeOrmModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: (c: AppConfig) => dataSourceOptions(c),
        }),
        DatabaseModule,
        AuditModule,
        AuthModule,
        AdminModule,
        SchemasModule,
        UsersModule,
        GroupsModule,
        HealthModule,
        ObservabilityModule,
      ],
      providers: [{ provide: APP_FILTER, useClass: ScimExceptionFilter }],
    };
  }
}
