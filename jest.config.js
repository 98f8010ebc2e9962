/** Jest runs TypeScript through swc (type checking is `npm run typecheck`). lowdb and steno ship ESM only. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.(t|j)s$': ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs' } }] },
  transformIgnorePatterns: ['/node_modules/(?!(lowdb|steno)/)'],
  // A hang guard only: CI runs on 2 shared cores, and no test may depend on how fast they are.
  testTimeout: 180_000,
};
