export * from './ast';
export * from './attr-path-text';
export * from './filter-lexer';
export * from './filter-parser';
export * from './filter-printer';
export * from './filter-literal';
export * from './filter-binder';
export * from './filter-evaluator';
