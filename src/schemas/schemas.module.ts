import { Global, Module } from '@nestjs/common';
import { SchemaRegistryProvider, SCHEMA_REGISTRY } from './schema-registry.provider';
import { SchemasController } from './schemas.controller';
import { SchemasService } from './schemas.service';

/** Discovery endpoints, and the schema registry every other module resolves attributes with. */
@Global()
@Module({
  controllers: [SchemasController],
  providers: [SchemasService, SchemaRegistryProvider],
  exports: [SCHEMA_REGISTRY],
})
export class SchemasModule {}
