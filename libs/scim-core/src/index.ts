export const SCIM_CORE_VERSION = '0.1.0';
