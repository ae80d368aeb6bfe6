export const SCIM_CORE_VERSION = '0.1.0';
export * from './errors';
export * from './messages';
export * from './schema';
export * from './filter';
export * from './path';
export * from './patch';
export * from './resource';
export * from './projection';
