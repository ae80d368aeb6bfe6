import { SCIM_CORE_VERSION } from '@app/scim-core';
console.log('not yet serving', SCIM_CORE_VERSION);
