// Two projects: fast unit specs beside the code, and integration specs over real Kafka and
// PostgreSQL (started by tools/test/run-tests.js or given by KAFKA_BROKERS / DATABASE_URL).
const preset = require('./jest.preset');

module.exports = {
  projects: [
    { ...preset, displayName: 'unit', testMatch: ['<rootDir>/{libs,apps,tools}/**/*.spec.ts'] },
    {
      ...preset,
      displayName: 'integration',
      testMatch: ['<rootDir>/{libs,apps}/**/*.integration-spec.ts'],
      // Hooks that start or leave real brokers and databases take seconds on a loaded 2-core
      // machine; Jest's default of 5 s for a test or hook is a unit-test figure.
      testTimeout: 30_000,
      globalSetup: '<rootDir>/libs/testing/src/global-setup.ts',
      globalTeardown: '<rootDir>/libs/testing/src/global-teardown.ts',
    },
  ],
};
