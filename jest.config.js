/** Jest configuration: one run covers the pure library, Nest units, integration and e2e specs. */
const dbEngine = process.env.DB_ENGINE || 'sqlite';
module.exports = {
  rootDir: '.',
  moduleFileExtensions: ['js', 'json', 'ts'],
  testRegex: '.*\\.spec\\.ts$',
  roots: ['<rootDir>/libs', '<rootDir>/src', '<rootDir>/test'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', diagnostics: false }] },
  moduleNameMapper: {
    '^@app/scim-core$': '<rootDir>/libs/scim-core/src',
    '^@app/scim-core/(.*)$': '<rootDir>/libs/scim-core/src/$1',
  },
  testEnvironment: 'node',
  collectCoverageFrom: ['libs/scim-core/src/**/*.ts', 'src/**/*.ts', '!**/*.spec.ts', '!src/main.ts', '!src/cli.ts'],
  coverageThreshold: { './libs/scim-core/src/': { lines: 95 } },
  coverageReporters: ['text-summary', 'json-summary'],
  displayName: dbEngine,
  testTimeout: 60000,
};
