import { readFileSync } from 'node:fs';
import { Provider } from '@nestjs/common';
import { createDefaultRegistry, loadCustomExtensions, SchemaRegistry } from '@app/scim-core';
import { APP_CONFIG, AppConfig, ConfigError } from '../config/app-config';

export const SCHEMA_REGISTRY = Symbol('SCHEMA_REGISTRY');

/** Builds the registry once at start-up: core User/Group, Enterprise User, configured extensions. */
export function buildRegistry(config: Pick<AppConfig, 'customSchemasFile'>): SchemaRegistry {
  if (!config.customSchemasFile) return createDefaultRegistry();
  let text: string;
  try {
    text = readFileSync(config.customSchemasFile, 'utf8');
  } catch (e) {
    throw new ConfigError(`CUSTOM_SCHEMAS_FILE cannot be read: ${(e as Error).message}`);
  }
  return createDefaultRegistry(loadCustomExtensions(text));
}

export const SchemaRegistryProvider: Provider = {
  provide: SCHEMA_REGISTRY,
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig) => buildRegistry(config),
};
