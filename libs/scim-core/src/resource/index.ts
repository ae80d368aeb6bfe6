export { coerceResource, type CoerceResourceContext, type CoercedResource, type CoercionWarning, type CoercionWarningCode } from './coerce-resource';
export { ENTERPRISE_URN_TYPO } from './resource-keys';
export { recomputeSchemas } from './resource-schemas';
export { findOwnKey, isPlainObject, isPoisonKey, type JsonObject } from './own-properties';
