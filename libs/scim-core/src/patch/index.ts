export * from './patch-types';
export { normalizeEntraPatch, type NormalizedPatch } from './normalize-entra-patch';
export { applyPatch } from './apply-patch';
export { readMembers } from './member-values';
