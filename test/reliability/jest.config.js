/**
 * Jest configuration of the reliability suite (issue 8, docs/RELIABILITY.md): the built service as
 * a real process, one engine per run (DB_ENGINE), tier from RELIABILITY_TIER (pr | full).
 *   npx jest -c test/reliability/jest.config.js                      PR tier, SQLite
 *   DB_ENGINE=postgres npx jest -c test/reliability/jest.config.js   PR tier, PostgreSQL
 *   npm run test:reliability [-- --full]                             both engines
 */
const base = require('../../jest.config.js');

const engine = process.env.DB_ENGINE || 'sqlite';
const tier = process.env.RELIABILITY_TIER === 'full' ? 'full' : 'pr';

module.exports = {
  ...base,
  rootDir: '../..',
  roots: ['<rootDir>/test/reliability'],
  testRegex: '\\.reliability\\.ts$',
  collectCoverageFrom: undefined,
  coverageThreshold: undefined,
  displayName: `reliability-${engine}-${tier}`,
  // Whole campaigns run in one test; the full tier's are long.
  testTimeout: tier === 'full' ? 60 * 60_000 : 10 * 60_000,
  maxWorkers: 1,
  globalSetup: '<rootDir>/test/reliability/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/reliability/support/global-teardown.ts',
  testSequencer: '<rootDir>/test/reliability/support/sequencer.js',
};
