export * from './urns';
export * from './list-response';
export * from './patch-request';
export * from './search-request';
