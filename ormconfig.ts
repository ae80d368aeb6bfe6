import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from './src/config/app-config';
import { dataSourceOptions } from './src/database/data-source.options';

/**
 * The data source for the TypeORM CLI (`npx typeorm -d dist/ormconfig.js migration:show`),
 * configured from the same environment variables as the service.
 */
export default new DataSource(dataSourceOptions(loadConfig()));
