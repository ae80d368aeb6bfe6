/** Jest configuration: one run covers the pure library, Nest units, integration and e2e specs. */
const dbEngine = process.env.DB_ENGINE || 'sqlite';
module.exports = {
  rootDir: '.',
  moduleFileExtensions: ['js', 'json', 'ts'],
  testRegex: '.*\\.spec\\.ts$',
  roots: ['<rootDir>/libs', '<rootDir>/src', '<rootDir>/test'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.spec.json', diagnostics: false }],
    // content-disposition 3 (via @fastify/static, used by Swagger UI) is ESM-only; Node runs it
    // through require(esm), Jest on Node 20 cannot, so Jest compiles that one package to CommonJS.
    '^.+/node_modules/content-disposition/.+\\.js$': ['ts-jest', { tsconfig: 'tsconfig.spec.json', diagnostics: false }],
  },
  transformIgnorePatterns: ['/node_modules/(?!content-disposition/)'],
  moduleNameMapper: {
    '^@app/scim-core$': '<rootDir>/libs/scim-core/src',
    '^@app/scim-core/(.*)$': '<rootDir>/libs/scim-core/src/$1',
  },
  testEnvironment: 'node',
  collectCoverageFrom: ['libs/scim-core/src/**/*.ts', 'src/**/*.ts', '!**/*.spec.ts', '!src/main.ts', '!src/cli.ts'],
  coverageThreshold: { './libs/scim-core/src/': { lines: 95 } },
  // text-summary: every collected file; the custom one: libs/scim-core's line coverage on its own line.
  coverageReporters: ['text-summary', 'json-summary', require.resolve('./test/setup/scim-core-coverage.reporter.js')],
  displayName: dbEngine,
  testTimeout: 60000,
};
