export * from './patch-path';
export * from './attr-path-parser';
export * from './parse-patch-path';
export * from './parse-attribute-list';
